/**
 * `content/annotations.yaml`: dated notes drawn as markers on every time
 * chart. One that names a campaign also sets that campaign's launch date for
 * the lift analysis (otherwise the launch is the first day it appears).
 *
 * ```yaml
 * - date: 2025-03-15
 *   label: Spring sale launch
 *   campaign: CMP-107
 * ```
 */
import { z } from "zod";

export const AnnotationSchema = z.strictObject({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")
    .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "not a calendar date"),
  label: z.string().min(1),
  /** The campaign id this marks the launch of. */
  campaign: z.string().min(1).optional(),
});
export type Annotation = z.infer<typeof AnnotationSchema>;

export const AnnotationsSchema = z.array(AnnotationSchema);
