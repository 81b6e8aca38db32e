/** The campaign analysis's warnings; `dims.dataset` names the file when a folder holds several. */
import { z } from "zod";

export const CAMPAIGNS_WARNINGS = {
  /** `rows` rows have more conversions than clicks (view-through): no Wilson interval, and left out of the channel tests. */
  "campaigns.view_through": { rows: z.number() },
  /** The file has no dates: totals only, with no time charts, trend or lift. */
  "campaigns.undated": {},
};
