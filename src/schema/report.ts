/**
 * The report document, written as `metrics.json`. It is the contract that
 * the site, the PR diff and the tests read; `schema` changes when it breaks.
 */
import { z } from "zod";
import { SeriesSchema } from "../analyses/series.ts";
import { WarningSchema } from "../analyses/warnings.ts";
import { AnnotationSchema } from "./annotations.ts";
import { CHANNEL_ROLES, KINDS } from "./kinds.ts";

/**
 * 2: typed series rows (booleans, lists). 3: recommendations carry their
 * limits and findings instead of a sentence, a segment's plan its channel
 * instead of its wording, and a fact that is a fraction of a whole has the
 * unit `share`. 4: a warning carries its code and values, not a sentence
 * (`analyses/warnings.ts`). `upgrade.ts` reads schemas 1 to 3.
 */
export const REPORT_SCHEMA_VERSION = 4;

/**
 * How a fact's value reads. `share`: a fraction shown as a percent (a share
 * of a whole, a rate, a probability, a percentage error), whose changes are
 * percentage points; `ratio`: any other quotient (ROMI, ROAS, a model
 * parameter, a p-value), shown as a plain number.
 */
export const UnitSchema = z.enum(["count", "users", "currency", "ratio", "share", "seconds", "days", "months"]);
export type Unit = z.infer<typeof UnitSchema>;

export const FactSchema = z.strictObject({
  id: z.string(),
  dims: z.record(z.string(), z.string()).optional(),
  /** null: the inputs exist but the value is undefined (for example a division by zero cost). */
  value: z.number().nullable(),
  unit: UnitSchema,
  better: z.enum(["up", "down"]).optional(),
});
export type Fact = z.infer<typeof FactSchema>;

export const RejectionSchema = z.strictObject({
  reason: z.string(),
  count: z.number().int().positive(),
  /** Up to five `file:line` places, in file order. */
  examples: z.array(z.string()),
});

export const DatasetAccountSchema = z.strictObject({
  name: z.string(),
  kind: z.enum(KINDS),
  files: z.array(z.strictObject({ file: z.string(), sha256: z.string(), rows: z.number().int() })),
  /** Role → the header it was read from. */
  columns: z.record(z.string(), z.string()),
  rows: z.number().int(),
  used: z.number().int(),
  rejected: z.array(RejectionSchema),
  /** Labels written in several spellings (case, spaces), merged into one; absent when none were. */
  merged: z
    .array(
      z.strictObject({
        role: z.string(),
        label: z.string(),
        spellings: z.array(z.strictObject({ text: z.string(), rows: z.number().int() })),
      }),
    )
    .optional(),
});
export type DatasetAccount = z.infer<typeof DatasetAccountSchema>;

export const PeriodSchema = z.strictObject({
  from: z.string(),
  to: z.string(),
  days: z.number().int(),
  /** The dataset kind the default period came from. */
  activity: z.enum(KINDS),
  /** Calendar months wholly inside the period: the rows of every monthly table. */
  completeMonths: z.array(z.string()),
  completeWeeks: z.number().int(),
});
export type Period = z.infer<typeof PeriodSchema>;

export { WarningSchema, type Warning } from "../analyses/warnings.ts";

/** Channel actions, then segment strategies, then campaign decisions (with optimize and insufficient data). */
export const ACTIONS = [
  "scale",
  "keep",
  "optimize",
  "cut",
  "investigate",
  "insufficient data",
  "retain",
  "develop",
  "grow",
  "convert",
  "reactivate",
  "win back",
  "continue",
  "stop",
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * For a customer segment: which way its KPI should move and the channel to
 * say it on. The KPI and the initiatives are the strategy's (its rule's),
 * worded by the site (`src/words/why.ts`).
 */
export const PlanSchema = z.strictObject({
  direction: z.enum(["up", "down"]),
  /** The communication channel. */
  channel: z.enum(CHANNEL_ROLES),
  /** Share of the segment reachable on that channel; null when reach is unknown (no channel flags). */
  reach: z.number().nullable(),
});
export type Plan = z.infer<typeof PlanSchema>;

/** What a rule recommends for one subject (a source), with the evidence it used. */
export const RecommendationSchema = z.strictObject({
  /** Which thing the recommendation is about, e.g. `{ source: "search" }`. */
  subject: z.record(z.string(), z.string()),
  action: z.enum(ACTIONS),
  /** The id of the rule that decided, e.g. `channel.pays-back`; the site words why from it. */
  rule: z.string(),
  /** The numbers the rule used, by fact id (or a derived id such as `spend.share`); null where the fact is null. */
  numbers: z.record(z.string(), z.number().nullable()),
  /**
   * What the numbers were compared with, by name: the thresholds of the
   * config (`min_buyers`, `target_roas` …) and reference values such as the
   * all-customers means a segment is measured against.
   */
  limits: z.record(z.string(), z.number().nullable()),
  /** What the rule found, in order, when one rule can find several things (a campaign's shortfalls); else empty. */
  findings: z.array(z.string()),
  confidence: z.enum(["high", "medium", "low"]),
  /** Rank for "most important first": larger is more important. */
  importance: z.number(),
  /** Segment recommendations only. */
  plan: PlanSchema.optional(),
});
export type Recommendation = z.infer<typeof RecommendationSchema>;

export const ReportSchema = z.strictObject({
  schema: z.literal(REPORT_SCHEMA_VERSION),
  generator: z.string(),
  version: z.strictObject({
    /** SHA-256 of the generator, the config and the input bytes (12 hex digits). */
    id: z.string(),
    /** A name for this version, from --label or `label` in report.yaml. */
    label: z.string().optional(),
    /** The git commit the report was built from, when known. */
    commit: z.string().optional(),
  }),
  title: z.string(),
  currency: z.string(),
  locale: z.string(),
  timezone: z.string(),
  margin: z.number(),
  period: PeriodSchema.nullable(),
  datasets: z.array(DatasetAccountSchema),
  ignored: z.array(z.strictObject({ file: z.string(), reason: z.string() })),
  warnings: z.array(WarningSchema),
  /** Dated markers from content/annotations.yaml, by date; absent when there are none. */
  annotations: z.array(AnnotationSchema).optional(),
  facts: z.array(FactSchema),
  recommendations: z.array(RecommendationSchema),
  /** Chart data that facts do not hold (daily series, histograms, model tables), by name: see `SERIES_ROWS`. */
  series: SeriesSchema,
});
export type Report = z.infer<typeof ReportSchema>;
