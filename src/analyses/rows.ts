/**
 * The few value types that series rows are written in. Each analysis
 * declares its rows' shapes (its `series.ts`) with these and zod, and
 * `series.ts` composes them into the report's `series`.
 */
import { z } from "zod";

/** A number the analysis always has: a count, a sum, a bin edge. */
export const num = z.number();
/** A number that can be unknown (null): a ratio over 0, an estimate that did not converge, a value a row's kind lacks. */
export const maybe = z.number().nullable();
/** A calendar day, `YYYY-MM-DD`. */
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A calendar month, `YYYY-MM`. */
export const month = z.string().regex(/^\d{4}-\d{2}$/);
/** A label from the data (a source, a segment, a product id) or a fixed name. */
export const text = z.string();
/** A label share: `share` of the rows with this `label` (0 … 1). */
export const LabelShare = z.strictObject({ label: z.string(), share: z.number() });
/** What rows of an analysis that reads several files of a kind start with: the file's name, only when there are several. */
export type DatasetTag = { readonly dataset?: string };
