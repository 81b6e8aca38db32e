/**
 * `content/report.yaml`: the report's settings, their defaults and their
 * descriptions, which docs/config.md is generated from (`npm run docs`).
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
  kind: z.enum(KINDS).optional().meta({ description: "The file's kind, when its headers do not tell." }),
  columns: z
    .record(z.string().meta({ title: "role" }), z.string())
    .optional()
    .meta({ description: "The header of each role, for headers that the alias table does not know (docs/data.md), e.g. `{ user: Client, time: When }`." }),
  ignore: z.boolean().optional().meta({ description: "Leave this file out of the report (it is listed as ignored)." }),
});

const RecommendationsConfigSchema = z
  .strictObject({
    min_buyers: z.number().int().min(1).default(30).meta({ description: 'Fewer first-touch buyers than this: "insufficient data".' }),
    near_one: z.number().min(0).max(1).default(0.15).meta({ description: 'ROMI within 1 ± near_one: "optimize".' }),
    cut_romi: z.number().min(0).default(0.7).meta({ description: 'ROMI below this on a spend share of at least cut_spend_share: "cut".' }),
    cut_spend_share: z
      .number()
      .min(0)
      .max(1)
      .default(0.1)
      .meta({ description: 'The spend share from which a ROMI below cut_romi is "cut"; below it, "optimize".' }),
  })
  .meta({
    description:
      "Thresholds of the per-channel recommendation rules (`src/rules/channels.ts`, docs/site.md); their payback horizon is the top-level `horizon_months`.",
  });

const SegmentsConfigSchema = z
  .strictObject({
    k: z.number().int().min(2).max(8).optional().meta({ description: "The number of k-means segments; by default the k ≥ 3 with the best silhouette." }),
    features: z
      .array(
        z
          .string()
          .regex(/^(recency|frequency|monetary|aov|age|attr\..+|share:.+)$/, "expected recency, frequency, monetary, aov, age, attr.<header> or share:<code>"),
      )
      .min(1)
      .default(["recency", "frequency", "monetary"])
      .meta({
        description:
          "Clustering features, standardised: `recency`, `frequency`, `monetary` and `aov` (each log1p-transformed), a numeric customer attribute (`age` or `attr.<header>`), or `share:<category code>` (the category's share of the customer's spend).",
      }),
  })
  .meta({ description: "Customer segmentation (`src/analyses/customers/segments.ts`)." });

const HypothesisConfigSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, "expected lowercase letters, digits and dashes")
      .meta({ description: "The hypothesis's name in its facts: lowercase letters, digits and dashes." }),
    metric: z
      .enum(["aov", "frequency", "monetary", "recency", "repeat"])
      .optional()
      .meta({ description: "A per-customer measure compared between two groups of `by`; give exactly one of metric and mix." }),
    mix: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "Or a customer property whose mix is compared across the groups of `by` (chi-square), named as for `by`." }),
    by: z.string().min(1).meta({
      description:
        "What splits customers into groups: `segment`, `rfm`, `gender`, `city`, `country`, `age` (band), a channel (`push` …), `repeat`, `acquired` or `attr.<header>`.",
    }),
    groups: z
      .tuple([z.string(), z.string()])
      .optional()
      .meta({ description: "For a metric: the two groups to compare (by default the two largest); a group named `other` means everyone else." }),
  })
  .refine((h) => (h.metric === undefined) !== (h.mix === undefined), "give exactly one of metric and mix");

const BasketConfigSchema = z
  .strictObject({
    min_support: z.number().gt(0).lte(1).optional().meta({
      description:
        "The support threshold of frequent itemsets; by default the first of 0.05, 0.03, 0.02, 0.015, 0.01, 0.0075 and 0.005 that gives at least 300 frequent itemsets.",
    }),
    min_confidence: z
      .number()
      .min(0)
      .max(1)
      .default(0.3)
      .meta({ description: "A rule is kept when its confidence is at least this and its lift above `min_lift`." }),
    min_lift: z.number().min(0).default(1).meta({ description: "A rule is kept when its lift is above this and its confidence at least `min_confidence`." }),
    max_size: z.number().int().min(2).max(5).default(3).meta({ description: "The largest itemset, in products." }),
    exclude: z
      .array(z.string().min(1))
      .default(["POST", "DOT", "M", "m", "C2", "D", "S", "B", "BANK CHARGES", "AMAZONFEE", "CRUK", "PADS", "gift_0001_*", "DCGS*"])
      .meta({
        description:
          "Product codes left out of baskets: exact ids (case-sensitive), or prefixes ending in `*`. The default holds the non-product codes of shops like UCI Online Retail's: postage, manual lines, discounts, samples, bank and Amazon fees, charity, pads, gift vouchers; a list given replaces it.",
      }),
    countries: z.array(z.string().min(1)).min(1).optional().meta({ description: "Only order lines from these countries; by default all." }),
    segments: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .meta({ description: "Only the baskets of customers in these segments: RFM names (`Champions` …) or k-means segment names; by default all." }),
  })
  .meta({ description: "Market basket analysis (`src/analyses/basket/`)." });

const ForecastConfigSchema = z
  .strictObject({
    grain: z
      .enum(["day", "week", "month"])
      .optional()
      .meta({ description: "The series' period; by default day under 2 years of data, week under 5, month otherwise." }),
    horizon: z.number().int().min(1).max(400).optional().meta({ description: "Periods to forecast; by default 56 days (8 weeks), 52 weeks or 12 months." }),
    log: z.boolean().default(true).meta({ description: "Also fit ARIMA on the log scale when every value of the series is positive." }),
    origins: z.number().int().min(1).max(12).default(4).meta({ description: "Rolling-origin backtest origins, at most." }),
  })
  .meta({ description: "The sales forecast (`src/analyses/forecast/`)." });

const ClvConfigSchema = z
  .strictObject({
    discount: z.number().min(0).max(1).default(0.01).meta({ description: "Discount rate per month of the 12-month CLV." }),
    holdout_from: isoDate
      .optional()
      .meta({ description: "First day of the holdout check, YYYY-MM-DD; by default the first day of the last 25% of the period's days." }),
  })
  .meta({ description: "Customer lifetime value (`src/analyses/clv/`)." });

const CampaignsConfigSchema = z
  .strictObject({
    target_cpa: z.number().gt(0).optional().meta({
      description:
        "The cost per conversion a campaign must beat to continue; by default none when the dataset has revenue (ROAS decides), else the median campaign's cost per conversion.",
    }),
    target_roas: z.number().gt(0).default(2).meta({ description: 'ROAS at or above this (with the CPA on target) is "continue".' }),
    stop_roas: z.number().min(0).default(1).meta({ description: 'ROAS below this, with no lift shown, is "stop".' }),
    min_conversions: z
      .number()
      .int()
      .min(1)
      .default(30)
      .meta({ description: "Fewer conversions than this: too little data to judge (optimize, low confidence)." }),
    draws: z.number().int().min(100).max(10000).default(1000).meta({ description: "Bootstrap draws of the lift intervals." }),
    seed: z.number().int().min(0).max(0xffffffff).default(1).meta({ description: "Seed of the lift bootstrap." }),
  })
  .meta({ description: "Campaign performance (`src/analyses/campaigns/`) and its continue / optimize / stop rules (`src/rules/campaigns.ts`)." });

const ExperimentsConfigSchema = z
  .strictObject({
    control: z.string().min(1).optional().meta({ description: 'The control variant; by default the one named "control" (any case).' }),
    split: z
      .record(z.string().meta({ title: "variant" }), z.number().gt(0))
      .optional()
      .meta({
        description: "Planned share of users per variant for the SRM check, normalised, e.g. `{ control: 1, treatment: 1 }`; by default an equal split.",
      }),
    alpha: z.number().gt(0).lt(0.5).default(0.05).meta({ description: "Significance level of the z-test." }),
    power: z.number().gt(0.5).lt(1).default(0.8).meta({ description: "Power wanted for the minimum detectable effect." }),
    mde: z.number().gt(0).default(0.05).meta({ description: "The minimum detectable effect: a lift in conversion rate the test should be able to see." }),
    mde_relative: z.boolean().default(true).meta({ description: "Whether `mde` is relative to the control rate (0.05 = +5%) or absolute (0.01 = +1 point)." }),
    alternative: z
      .enum(["two-sided", "greater", "less"])
      .default("two-sided")
      .meta({ description: "The z-test's alternative: two-sided, or one-sided `greater` (treatment better) or `less`." }),
  })
  .meta({ description: "A/B experiments (`src/analyses/experiments/`)." });

const BudgetConfigSchema = z
  .strictObject({
    grain: z.enum(["day", "week"]).default("week").meta({ description: "The period of the spend and outcome series the curves are fitted to." }),
    horizon: z.number().int().min(1).max(24).default(3).meta({ description: "Months (of 30 days) of each new buyer's revenue counted as the outcome." }),
    outcome: z
      .enum(["revenue", "buyers"])
      .default("revenue")
      .meta({ description: "What the split maximises: revenue × margin over the horizon, or new buyers." }),
    trend: z.boolean().default(true).meta({ description: "Fit a linear trend control with each curve (growth that spend does not explain)." }),
    bounds: z.number().min(0).max(10).default(0.3).meta({ description: "Each source's weekly spend may move by at most this share of today's, up or down." }),
    source_bounds: z
      .record(z.string().meta({ title: "source" }), z.number().min(0).max(10))
      .default({})
      .meta({ description: "Per-source overrides of bounds, by source label, e.g. `{ search: 0.5 }`." }),
    locked: z.array(z.string().min(1)).default([]).meta({ description: "Sources kept at today's spend." }),
    total: z.number().gt(0, "expected a total weekly budget above 0").optional().meta({
      description:
        "The total weekly budget to split; by default today's (the sum of the fitted sources' weekly spend). Bounds that cannot hold it are an error.",
    }),
    draws: z.number().int().min(20).max(2000).default(200).meta({ description: "Bootstrap draws of the 90% intervals." }),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1).meta({ description: "Seed of the bootstrap." }),
  })
  .meta({ description: "Budget reallocation from response curves (`src/analyses/budget/`)." });

const ClickHouseConfigSchema = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/, error: "expected an http(s) URL such as http://localhost:8123" })
      .optional()
      .meta({
        description:
          "The server's HTTP address, e.g. http://localhost:8123; the user and password come from CLICKHOUSE_USER and CLICKHOUSE_PASSWORD. romi keeps its work tables in a database of its own, `romi_<random>`, dropped when it finishes.",
      }),
    tables: z
      .record(
        z.string().meta({ title: "database.table" }),
        z.strictObject({
          key: z
            .array(z.string().min(1))
            .min(1)
            .optional()
            .meta({ description: "The columns that name a row in the row accounting and order the rows; by default every column, in order." }),
        }),
      )
      .superRefine((tables, ctx) => {
        for (const name of Object.keys(tables)) {
          if (!/^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/.test(name))
            ctx.addIssue({ code: "custom", message: `expected database.table, got ${JSON.stringify(name)}` });
        }
      })
      .default({})
      .meta({
        description:
          "The tables to read instead of the data folder, as `database.table`, each recognised by its column names as a file by its header (`datasets.<database.table>` sets its kind and columns as for a file); needs `url`.",
      }),
  })
  .refine((c) => c.url !== undefined || Object.keys(c.tables).length === 0, "clickhouse.tables needs clickhouse.url")
  .meta({
    description:
      "With `engine: clickhouse`, a ClickHouse server and its tables (`src/engine/clickhouse.ts`); without a URL, the clickhouse engine is chdb, embedded, reading the data folder.",
  });

/**
 * Keys that were renamed, by their old dotted path: the new path. A config
 * that still uses an old key fails naming the new one (`src/read/config.ts`),
 * and README.md's "Config migration" lists them.
 */
export const RENAMED_KEYS: Readonly<Record<string, string>> = {
  "recommendations.minBuyers": "recommendations.min_buyers",
  "recommendations.horizonMonths": "horizon_months",
  "recommendations.nearOne": "recommendations.near_one",
  "recommendations.cutRomi": "recommendations.cut_romi",
  "recommendations.cutSpendShare": "recommendations.cut_spend_share",
};

export const ConfigSchema = z
  .strictObject({
    title: z.string().min(1).default("Marketing report").meta({ description: "The report's title." }),
    engine: z.enum(ENGINE_NAMES).default("duckdb").meta({
      description: "The SQL engine: DuckDB, embedded, or ClickHouse (embedded through the optional chdb package, or a server); `romi --engine` overrides it.",
    }),
    clickhouse: ClickHouseConfigSchema.prefault({}),
    label: z.string().min(1).optional().meta({ description: "A name for this version of the report; `romi --label` overrides it." }),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, "expected an ISO 4217 code such as USD")
      .default("USD")
      .meta({ description: "ISO 4217 code used to format money." }),
    locale: z.string().min(2).default("en-US").meta({ description: "BCP 47 locale used to format numbers and dates." }),
    timezone: z
      .string()
      .min(1)
      .default("UTC")
      .meta({ description: "IANA timezone of the report's days, weeks and months; timestamps without a zone are wall-clock times here." }),
    margin: z.number().gt(0).lte(1).default(1).meta({ description: "Gross margin applied to revenue in LTV and ROMI (1 = revenue is profit)." }),
    period: z
      .strictObject({
        from: isoDate.optional().meta({ description: "The first day, YYYY-MM-DD; by default the activity dataset's first day." }),
        to: isoDate.optional().meta({ description: "The last day, YYYY-MM-DD; by default the activity dataset's last day; not before `from`." }),
      })
      .refine((p) => !(p.from && p.to && p.from > p.to), "period.from is after period.to")
      .default({})
      .meta({ description: "The report period." }),
    horizon_months: z.number().int().min(0).default(6).meta({
      description:
        "The payback horizon, in months of cohort age: a source that pays back within it can be scaled (the channel rules). It is top-level because the next release makes the channel rule and the budget model read one horizon; `budget.horizon` will then move here, so that no key is migrated twice.",
    }),
    recommendations: RecommendationsConfigSchema.prefault({}),
    segments: SegmentsConfigSchema.prefault({}),
    basket: BasketConfigSchema.prefault({}),
    forecast: ForecastConfigSchema.prefault({}),
    clv: ClvConfigSchema.prefault({}),
    campaigns: CampaignsConfigSchema.prefault({}),
    experiments: ExperimentsConfigSchema.prefault({}),
    budget: BudgetConfigSchema.prefault({}),
    hypotheses: z.array(HypothesisConfigSchema).min(1).max(10).optional().meta({
      description:
        "Hypotheses to test (`src/analyses/customers/hypotheses.ts`), each comparing a metric between two groups or a mix across groups; they replace the 3–5 that are generated when this is absent.",
    }),
    datasets: z
      .record(z.string().meta({ title: "file" }), DatasetConfigSchema)
      .default({})
      .meta({ description: "Per-file settings, keyed by the file's path relative to the data folder." }),
  })
  .meta({
    description:
      "`content/report.yaml` holds the report's settings. Every key is optional: an absent key takes its default, and an absent file means every default. Unknown keys are an error, so a typo never silently falls back to a default.",
  });

export type Config = z.infer<typeof ConfigSchema>;
/** The config as written in `content/report.yaml`, before the defaults are filled in. */
export type ConfigInput = z.input<typeof ConfigSchema>;
export type DatasetConfig = z.infer<typeof DatasetConfigSchema>;
export type RecommendationsConfig = z.infer<typeof RecommendationsConfigSchema>;
export type SegmentsConfig = z.infer<typeof SegmentsConfigSchema>;
export type HypothesisConfig = z.infer<typeof HypothesisConfigSchema>;
export type BasketConfig = z.infer<typeof BasketConfigSchema>;
export type ForecastConfig = z.infer<typeof ForecastConfigSchema>;
export type ClvConfig = z.infer<typeof ClvConfigSchema>;
export type CampaignsConfig = z.infer<typeof CampaignsConfigSchema>;
export type ExperimentsConfig = z.infer<typeof ExperimentsConfigSchema>;
