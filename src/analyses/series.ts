/**
 * Chart data that facts do not hold: daily series and histograms. Each
 * series is a list of flat rows (the shape of its CSV download), named in
 * `SERIES` so that the site and tests refer to one list.
 */
export type SeriesRow = Record<string, string | number | null>;
export type Series = Record<string, SeriesRow[]>;

export const SERIES = {
  /** `{ date, metric: "DAU" | "WAU" | "MAU", users }`: DAU per day, WAU per complete week (at its Monday), MAU per complete month (at its first day). */
  activeUsers: "active_users",
  /** `{ date, sessions, users, sessions_per_user }` for each day with sessions. */
  sessionsPerUserDay: "sessions_per_user_day",
  /** `{ month, dau, mau, sticky }` for each complete month: the month's mean DAU ÷ its MAU. */
  stickyMonthly: "sticky_monthly",
  /** `{ device, from_min, to_min, sessions }`: one-minute bins of session length; the last bin (to_min null) is open. */
  sessionLength: "session_length_histogram",
  /** `{ source, from_days, to_days, buyers }`: days from first session to first order; the last bin (to_days null) is open. */
  conversionDelay: "conversion_delay_histogram",
  /** `{ month, orders, revenue, aov }` for each complete month. */
  aovMonthly: "aov_monthly",
  /** `{ week, source, cost }`: cost per complete ISO week (its Monday) and source. */
  costWeekly: "cost_weekly",
  /** `{ r, f, segment, customers, revenue }`: the RFM grid, R = 5 … 1, F = 1 … 5. */
  rfmGrid: "rfm_grid",
  /** One row per k-means segment: size, revenue share, mean R/F/M, AOV, age, channel reach, mixes and top categories. */
  segmentProfiles: "segment_profiles",
  /** `{ segment, recency_days, orders, revenue }` for an even sample of at most 600 customers, for the scatter. */
  segmentPoints: "segment_points",
  /** One row: the features, chosen k and how, starts, customers and silhouette sample size. */
  segmentMethod: "segment_method",
  /** One row per hypothesis: statement, groups, test and why, statistic, p, adjusted p, effect and conclusion. */
  hypotheses: "hypotheses",
  /**
   * One row per kept rule, in rule order, at most RULE_ROWS: `{ rule, antecedents,
   * antecedent_labels, consequents, consequent_labels, support, confidence, lift,
   * leverage, conviction, conviction_infinite, antecedent_baskets,
   * consequent_baskets, rule_baskets }`. Ids and labels of a side are joined by
   * " + ". `conviction` is null and `conviction_infinite` 1 when confidence is 1
   * (conviction ∞); otherwise `conviction_infinite` is 0.
   */
  basketRules: "basket_rules",
  /**
   * The TOP_ITEMS products in most baskets (ties: id in code-unit order):
   * `{ product, label, baskets, share, partner, partner_label, confidence, lift }`,
   * the partner being the consequent of the product's highest-lift kept rule
   * product ⇒ partner (one product each side); partner to lift null without one.
   */
  basketItems: "basket_items",
  /** CROSS_SELL_ROWS cross-sell offers: see `crossSell` for the row shape. */
  basketCrossSell: "basket_cross_sell",
  /**
   * One row: `{ baskets, items, min_support, chosen_by, min_count, tried, itemsets,
   * max_size, min_confidence, min_lift, rules }`; `tried` lists the candidate
   * supports mined with their itemset counts ("0.05: 20, 0.03: 96").
   */
  basketMethod: "basket_method",
} as const;

/** Session lengths above this many minutes share one open bin. */
export const SESSION_LENGTH_MAX_MIN = 30;
/** Conversion delays above this many days share one open bin. */
export const CONVERSION_DELAY_MAX_DAYS = 30;

/**
 * The index of a value among unit-wide bins [0, 1), [1, 2) … [max, ∞);
 * negative values fall in the first bin.
 * @example unitBin(2.5, 30); // => 2
 * @example unitBin(99, 30); // => 30
 */
export function unitBin(value: number, max: number): number {
  return Math.min(max, Math.max(0, Math.floor(value)));
}
