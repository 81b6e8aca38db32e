/**
 * `content/report.yaml`: the report's settings. Every key is optional; the
 * defaults below are what an absent file means. Unknown keys are an error,
 * so a typo never silently falls back to a default.
 */
import { z } from "zod";
import { KINDS } from "./kinds.ts";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date as YYYY-MM-DD")
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "not a calendar date");

const DatasetConfigSchema = z.strictObject({
  /** The kind, when the headers do not tell. */
  kind: z.enum(KINDS).optional(),
  /** Role → header, for headers that the alias table does not know. */
  columns: z.record(z.string(), z.string()).optional(),
  /** Leave this file out of the report (it is listed as ignored). */
  ignore: z.boolean().optional(),
});

/** Thresholds of the per-channel recommendation rules (`src/rules/channels.ts`). */
const RecommendationsConfigSchema = z.strictObject({
  /** Fewer first-touch buyers than this: "insufficient data". */
  minBuyers: z.number().int().min(1).default(30),
  /** A source that pays back within this many months (cohort age) can be scaled. */
  horizonMonths: z.number().int().min(0).default(6),
  /** ROMI within 1 ± nearOne: "optimize". */
  nearOne: z.number().min(0).max(1).default(0.15),
  /** ROMI below this with a spend share of at least cutSpendShare: "cut". */
  cutRomi: z.number().min(0).default(0.7),
  cutSpendShare: z.number().min(0).max(1).default(0.1),
});

export const ConfigSchema = z.strictObject({
  title: z.string().min(1).default("Marketing report"),
  /** A name for this version of the report (romi --label overrides it). */
  label: z.string().min(1).optional(),
  /** ISO 4217 code used to format money. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "expected an ISO 4217 code such as USD")
    .default("USD"),
  /** BCP 47 locale used to format numbers and dates. */
  locale: z.string().min(2).default("en-US"),
  /** IANA timezone; timestamps without a zone are wall-clock times here. */
  timezone: z.string().min(1).default("UTC"),
  /** Gross margin applied to revenue in LTV and ROMI (1 = revenue is profit). */
  margin: z.number().gt(0).lte(1).default(1),
  /** Report period; each bound defaults to the activity dataset's first or last day. */
  period: z
    .strictObject({ from: isoDate.optional(), to: isoDate.optional() })
    .refine((p) => !(p.from && p.to && p.from > p.to), "period.from is after period.to")
    .default({}),
  recommendations: RecommendationsConfigSchema.prefault({}),
  /** Per-file settings, keyed by the file's path relative to the data folder. */
  datasets: z.record(z.string(), DatasetConfigSchema).default({}),
});

export type Config = z.infer<typeof ConfigSchema>;
export type DatasetConfig = z.infer<typeof DatasetConfigSchema>;
export type RecommendationsConfig = z.infer<typeof RecommendationsConfigSchema>;
