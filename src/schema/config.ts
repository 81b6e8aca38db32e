/**
 * `content/report.yaml`: the report's settings. Every key is optional; the
 * defaults below are what an absent file means. Unknown keys are an error,
 * so a typo never silently falls back to a default.
 */
import { z } from "zod";
import { KINDS } from "./kinds.ts";

/** The SQL engines romi runs on (`src/engine/open.ts`). */
export const ENGINE_NAMES = ["duckdb", "clickhouse"] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

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

/** Customer segmentation (`src/analyses/customers/segments.ts`). */
const SegmentsConfigSchema = z.strictObject({
  /** The number of clusters; by default the k ≥ 3 with the best silhouette. */
  k: z.number().int().min(2).max(8).optional(),
  /**
   * Clustering features, standardised: `recency`, `frequency`, `monetary`
   * and `aov` (each log1p-transformed), a numeric customer attribute (`age`
   * or `attr.<header>`), or `share:<category code>` (the category's share of
   * the customer's spend).
   */
  features: z
    .array(
      z
        .string()
        .regex(/^(recency|frequency|monetary|aov|age|attr\..+|share:.+)$/, "expected recency, frequency, monetary, aov, age, attr.<header> or share:<code>"),
    )
    .min(1)
    .default(["recency", "frequency", "monetary"]),
});

/** A hypothesis to test (`src/analyses/customers/hypotheses.ts`); the report generates some when none are given. */
const HypothesisConfigSchema = z
  .strictObject({
    /** The fact dim: lowercase letters, digits and dashes. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "expected lowercase letters, digits and dashes"),
    /** A per-customer measure compared between two groups. */
    metric: z.enum(["aov", "frequency", "monetary", "recency", "repeat"]).optional(),
    /** Or: a customer property whose mix is compared across the groups (chi-square). */
    mix: z.string().min(1).optional(),
    /** What splits customers into groups: segment, rfm, gender, city, country, age band, a channel, or attr.<header>. */
    by: z.string().min(1),
    /** For a metric: the two groups to compare (default: the two largest). */
    groups: z.tuple([z.string(), z.string()]).optional(),
  })
  .refine((h) => (h.metric === undefined) !== (h.mix === undefined), "give exactly one of metric and mix");

/** Market basket analysis (`src/analyses/basket/`); the keys are the issue's snake_case names. */
const BasketConfigSchema = z.strictObject({
  /** Support threshold; by default the first of 0.05 … 0.005 that gives at least 300 frequent itemsets. */
  min_support: z.number().gt(0).lte(1).optional(),
  min_confidence: z.number().min(0).max(1).default(0.3),
  /** Rules are kept when their lift is above this. */
  min_lift: z.number().min(0).default(1),
  /** The largest itemset, in products. */
  max_size: z.number().int().min(2).max(5).default(3),
  /** Replaces the list of non-product codes (postage, fees …): exact ids, or prefixes ending in `*`. */
  exclude: z.array(z.string().min(1)).optional(),
  /** Only order lines from these countries. */
  countries: z.array(z.string().min(1)).min(1).optional(),
  /** Only the baskets of customers in these segments: RFM names (Champions …) or k-means segment names. */
  segments: z.array(z.string().min(1)).min(1).optional(),
});

/** The sales forecast (`src/analyses/forecast/`). */
const ForecastConfigSchema = z.strictObject({
  /** The series' period; by default day under 2 years, week under 5, month otherwise. */
  grain: z.enum(["day", "week", "month"]).optional(),
  /** Periods to forecast; by default 56 days (8 weeks), 52 weeks or 12 months. */
  horizon: z.number().int().min(1).max(400).optional(),
  /** Also try ARIMA on log(y) when every value is positive. */
  log: z.boolean().default(true),
  /** Rolling-origin backtest origins at most. */
  origins: z.number().int().min(1).max(12).default(4),
});

/** Customer lifetime value (`src/analyses/clv/`). */
const ClvConfigSchema = z.strictObject({
  /** Discount rate per month of the 12-month CLV. */
  discount: z.number().min(0).max(1).default(0.01),
  /** First day of the holdout; by default the first day of the last 25% of the period's days. */
  holdout_from: isoDate.optional(),
});

/** Campaign performance (`src/analyses/campaigns/`) and its continue / optimize / stop rules (`src/rules/campaigns.ts`). */
const CampaignsConfigSchema = z.strictObject({
  /** Cost per conversion to beat; by default the dataset's overall cost per conversion. */
  target_cpa: z.number().gt(0).optional(),
  /** ROAS at or above this (with CPA on target) is "continue". */
  target_roas: z.number().gt(0).default(2),
  /** ROAS below this, with no lift shown, is "stop". */
  stop_roas: z.number().min(0).default(1),
  /** Fewer conversions than this: too little data to judge (optimize, low confidence). */
  min_conversions: z.number().int().min(1).default(30),
  /** Bootstrap draws of the lift intervals. */
  draws: z.number().int().min(100).max(10000).default(1000),
  /** Seed of the lift bootstrap. */
  seed: z.number().int().min(0).max(0xffffffff).default(1),
});

/** A/B experiments (`src/analyses/experiments/`). */
const ExperimentsConfigSchema = z.strictObject({
  /** The control variant; by default the one named "control" (any case). */
  control: z.string().min(1).optional(),
  /** Planned share of users per variant (normalised); by default an equal split. */
  split: z.record(z.string(), z.number().gt(0)).optional(),
  /** Significance level of the z-test. */
  alpha: z.number().gt(0).lt(0.5).default(0.05),
  /** Power wanted for the minimum detectable effect. */
  power: z.number().gt(0.5).lt(1).default(0.8),
  /** The minimum detectable effect: a lift in conversion rate the test should be able to see. */
  mde: z.number().gt(0).default(0.05),
  /** Whether `mde` is relative to the control rate (0.05 = +5%) or absolute (0.01 = +1 point). */
  mde_relative: z.boolean().default(true),
  /** The z-test's alternative: two-sided, or one-sided "greater" (treatment better) / "less". */
  alternative: z.enum(["two-sided", "greater", "less"]).default("two-sided"),
});

/** Budget reallocation from response curves (`src/analyses/budget/`). */
const BudgetConfigSchema = z.strictObject({
  /** The period of the spend and outcome series the curves are fitted to. */
  grain: z.enum(["day", "week"]).default("week"),
  /** Months (of 30 days) of each new buyer's revenue counted as the outcome. */
  horizon: z.number().int().min(1).max(24).default(3),
  /** What the split maximises: revenue × margin over the horizon, or new buyers. */
  outcome: z.enum(["revenue", "buyers"]).default("revenue"),
  /** Fit a linear trend control with each curve (growth that spend does not explain). */
  trend: z.boolean().default(true),
  /** Each source's spend may move by at most this share of today's spend, up or down. */
  bounds: z.number().min(0).max(10).default(0.3),
  /** Per-source overrides of bounds, by source label. */
  source_bounds: z.record(z.string(), z.number().min(0).max(10)).default({}),
  /** Sources kept at today's spend. */
  locked: z.array(z.string().min(1)).default([]),
  /** The total weekly budget to split; by default today's (the sum of the fitted sources' weekly spend). */
  total: z.number().gt(0, "expected a total weekly budget above 0").optional(),
  /** Bootstrap draws for the intervals. */
  draws: z.number().int().min(20).max(2000).default(200),
  /** Seed of the bootstrap. */
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
});

/** A ClickHouse server's tables (`src/engine/clickhouse.ts`); without a URL, the clickhouse engine is chdb, embedded, reading the data folder. */
const ClickHouseConfigSchema = z
  .strictObject({
    /** The server's HTTP address, e.g. http://localhost:8123; the user and password come from CLICKHOUSE_USER and CLICKHOUSE_PASSWORD. */
    url: z.url({ protocol: /^https?$/, error: "expected an http(s) URL such as http://localhost:8123" }).optional(),
    /**
     * The tables to read, as `database.table`, each recognised by its column
     * names as a file by its header (`datasets.<table>` sets its kind and
     * columns as for a file). `key`: the columns that name a row in the row
     * accounting and order the rows (default: every column, in order).
     */
    tables: z
      .record(z.string(), z.strictObject({ key: z.array(z.string().min(1)).min(1).optional() }))
      .superRefine((tables, ctx) => {
        for (const name of Object.keys(tables)) {
          if (!/^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/.test(name))
            ctx.addIssue({ code: "custom", message: `expected database.table, got ${JSON.stringify(name)}` });
        }
      })
      .default({}),
  })
  .refine((c) => c.url !== undefined || Object.keys(c.tables).length === 0, "clickhouse.tables needs clickhouse.url");

export const ConfigSchema = z.strictObject({
  title: z.string().min(1).default("Marketing report"),
  /** The SQL engine (romi --engine overrides it): DuckDB, embedded, or ClickHouse (embedded through the optional chdb package). */
  engine: z.enum(ENGINE_NAMES).default("duckdb"),
  /** With engine: clickhouse, a server and its tables to read instead of the data folder. */
  clickhouse: ClickHouseConfigSchema.prefault({}),
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
  segments: SegmentsConfigSchema.prefault({}),
  basket: BasketConfigSchema.prefault({}),
  forecast: ForecastConfigSchema.prefault({}),
  clv: ClvConfigSchema.prefault({}),
  campaigns: CampaignsConfigSchema.prefault({}),
  experiments: ExperimentsConfigSchema.prefault({}),
  budget: BudgetConfigSchema.prefault({}),
  /** Replaces the generated hypotheses (3–5 are generated when absent). */
  hypotheses: z.array(HypothesisConfigSchema).min(1).max(10).optional(),
  /** Per-file settings, keyed by the file's path relative to the data folder. */
  datasets: z.record(z.string(), DatasetConfigSchema).default({}),
});

export type Config = z.infer<typeof ConfigSchema>;
export type DatasetConfig = z.infer<typeof DatasetConfigSchema>;
export type RecommendationsConfig = z.infer<typeof RecommendationsConfigSchema>;
export type SegmentsConfig = z.infer<typeof SegmentsConfigSchema>;
export type HypothesisConfig = z.infer<typeof HypothesisConfigSchema>;
export type BasketSettings = z.infer<typeof BasketConfigSchema>;
export type CampaignsConfig = z.infer<typeof CampaignsConfigSchema>;
export type ExperimentsConfig = z.infer<typeof ExperimentsConfigSchema>;
