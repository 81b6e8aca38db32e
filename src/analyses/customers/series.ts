/**
 * The customer analysis's series: the RFM grid, the k-means segments (their
 * profiles, a scatter sample and the method) and the hypothesis tests.
 */
import { z } from "zod";
import { LabelShare, maybe, num, text } from "../rows.ts";
import { EFFECTS, HYPOTHESIS_TESTS, UNTESTED } from "./hypotheses.ts";

export const CUSTOMERS_SERIES = {
  /** The RFM grid, R = 5 … 1, F = 1 … 5. */
  rfm_grid: z.strictObject({ r: num, f: num, segment: text, customers: num, revenue: num }),
  /**
   * One row per k-means segment: size, revenue share, means per customer
   * (recency in days, orders, revenue), AOV and repeat share; the mean age
   * when the customers file has ages; the share reachable on each channel the
   * file flags (`reach`); the three most common labels of each text
   * attribute (`mixes`: "gender", "city", "country", "attr.…"); and the three
   * categories with most of the segment's revenue (`top_categories`).
   */
  segment_profiles: z.strictObject({
    segment: text,
    customers: num,
    revenue_share: maybe,
    recency_days: num,
    orders: num,
    revenue: num,
    aov: maybe,
    repeat_share: num,
    age: maybe.optional(),
    reach: z.record(z.string(), maybe),
    mixes: z.record(z.string(), z.array(LabelShare)),
    top_categories: z.array(LabelShare).optional(),
  }),
  /** An even sample of at most 600 customers, for the scatter. */
  segment_points: z.strictObject({ segment: text, recency_days: num, orders: num, revenue: num }),
  /** One row: the features, the chosen k and how (`silhouette`: the k ≥ 3 with the best silhouette), the k-means starts, the customers and the silhouette sample size. */
  segment_method: z.strictObject({
    features: z.array(z.string()),
    k: num,
    chosen_by: z.enum(["config", "silhouette"]),
    starts: num,
    customers: num,
    sample: num,
  }),
  /** One row per hypothesis: what it compares, the test chosen (or why none), its statistic, p and Holm-adjusted p, the effect, and what was seen; the site words the statement and the conclusion. */
  hypotheses: z.strictObject({
    hypothesis: text,
    /** What is compared: a per-customer `metric` between two groups, or the `mix` of a property across groups; `by` splits the customers. */
    metric: z.enum(["aov", "frequency", "monetary", "recency", "repeat"]).nullable(),
    mix: text.nullable(),
    by: text,
    groups: z.array(z.strictObject({ label: text, customers: num })),
    /** The test chosen (`HYPOTHESIS_TESTS`), or null with the reason in `untested`. */
    test: z.enum(HYPOTHESIS_TESTS).nullable(),
    untested: z.enum(UNTESTED).nullable(),
    statistic: maybe,
    p_value: maybe,
    p_adjusted: maybe,
    /** The Holm-adjusted p lies below ALPHA; null when not tested. */
    supported: z.boolean().nullable(),
    effect: maybe,
    effect_name: z.enum(EFFECTS).nullable(),
    /** Shapiro–Wilk p of each group (null: all values equal). */
    shapiro: z.tuple([maybe, maybe]).nullable(),
    table_rows: maybe,
    table_columns: maybe,
    /** Expected counts below 5 in a mix's table. */
    small_expected: maybe,
    /** Each group's mean and median of the metric, or share that bought again. */
    means: z.tuple([num, num]).nullable(),
    medians: z.tuple([num, num]).nullable(),
    shares: z.tuple([num, num]).nullable(),
    /** A mix's cell furthest above its expected count: the group, the value and observed ÷ expected. */
    over: z.strictObject({ group: text, value: text, ratio: num }).nullable(),
  }),
};
