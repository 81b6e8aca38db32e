/**
 * What the analyses warn of. Each analysis declares its warnings in its
 * `warnings.ts`: a code, and the shape of the numbers and names the warning
 * carries. This module composes them into the report's `warnings`, as
 * `series.ts` does for series rows. A warning is data here: the site and
 * `romi diff` word each code (`src/words/warnings.ts`), in the report's
 * locale, and tsc fails when a code has no sentence.
 */
import { z } from "zod";
import { BASKET_WARNINGS } from "./basket/warnings.ts";
import { BUDGET_WARNINGS } from "./budget/warnings.ts";
import { CAMPAIGNS_WARNINGS } from "./campaigns/warnings.ts";
import { CLV_WARNINGS } from "./clv/warnings.ts";
import { CUSTOMERS_WARNINGS } from "./customers/warnings.ts";
import { EXPERIMENTS_WARNINGS } from "./experiments/warnings.ts";
import { FORECAST_WARNINGS } from "./forecast/warnings.ts";
import { FUNNEL_WARNINGS } from "./funnel/warnings.ts";

/** Every warning's values, by its code. */
export const WARNING_VALUES = {
  ...FUNNEL_WARNINGS,
  ...CUSTOMERS_WARNINGS,
  ...BASKET_WARNINGS,
  ...CLV_WARNINGS,
  ...FORECAST_WARNINGS,
  ...CAMPAIGNS_WARNINGS,
  ...EXPERIMENTS_WARNINGS,
  ...BUDGET_WARNINGS,
  /** A warning of an archived report (schema 3 or older), which carried its sentence: `text`, its numbers filled in. Never written by an analysis. */
  archived: { text: z.string() },
} satisfies Record<string, z.ZodRawShape>;

type Shapes = typeof WARNING_VALUES;
export type WarningCode = keyof Shapes;
/** The numbers and names that the warning `C` carries. */
export type WarningValues<C extends WarningCode> = z.infer<z.ZodObject<Shapes[C]>>;
/** One warning of the code `C`: `dims` say what it is about (a source, a series, a dataset), as on facts. */
export interface WarningOf<C extends WarningCode> {
  readonly code: C;
  readonly dims?: Readonly<Record<string, string>> | undefined;
  readonly values: WarningValues<C>;
}
export type Warning = { [C in WarningCode]: WarningOf<C> }[WarningCode];

const variants = Object.entries(WARNING_VALUES).map(([code, shape]) =>
  z.strictObject({ code: z.literal(code), dims: z.record(z.string(), z.string()).optional(), values: z.strictObject(shape) }),
);
export const WarningSchema = z.discriminatedUnion(
  "code",
  variants as [(typeof variants)[number], ...(typeof variants)[number][]],
) as unknown as z.ZodType<Warning>;
