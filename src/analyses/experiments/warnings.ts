/** The experiment analysis's warnings; `dims.dataset` names the file when a folder holds several. */
import { z } from "zod";

export const EXPERIMENTS_WARNINGS = {
  /** `experiments.split` gives no share for these variants: the SRM check assumes an equal split. */
  "experiments.split": { variants: z.array(z.string()) },
  /** `mismatched` of the `rows` rows used have an assignment column that disagrees with the variant, by pair; they are kept in the variant the log names. */
  "experiments.assignment": {
    mismatched: z.number(),
    rows: z.number(),
    pairs: z.array(z.strictObject({ variant: z.string(), assignment: z.string(), rows: z.number() })),
  },
  /** No variant is the control: `control` was looked for among `variants`. */
  "experiments.control": { control: z.string(), variants: z.array(z.string()) },
};
