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
  /**
   * History and forecast for the chart: `{ series: "revenue" | "orders", period,
   * kind: "history" | "forecast", value, lo80, hi80, lo95, hi95 }`, history
   * first; the bands are null on history rows.
   */
  forecastPoints: "forecast_points",
  /** One row per series and candidate: `{ series, model, mase, smape, mape, chosen, failures, unconverged }`; chosen is 1 for the chosen model, else 0. */
  forecastBacktest: "forecast_backtest",
  /**
   * One row per forecast series: `{ series, model, family, parameters, sigma2, aicc,
   * scale, point, grain, season, horizon, history, origins, backtest_horizon,
   * converged, total, total_lo80, total_hi80, total_lo95, total_hi95, reading }`.
   * `model` names the orders (e.g. "ARIMA(1,0,1)(0,1,1)[7]"), `family` the
   * candidate (the backtest's `model`); `parameters` reads "ma1 = -0.4018, sma1 = -0.5569";
   * `scale` is "log" when fitted on log(y), and then `point` is "median".
   */
  forecastModel: "forecast_model",
  /**
   * `{ from, to, customers }`: customers by predicted 12-month CLV in bins of
   * a round width (1, 2, 2.5 or 5 × 10ᵏ) that puts the 99th percentile in about
   * CLV_BINS bins; the last bin (to null) is open. Empty without a CLV.
   */
  clvDistribution: "clv_distribution",
  /**
   * `{ frequency, recency_weeks, p_alive, customers }`: BG/NBD P(alive) of a
   * customer observed for the longest T with that frequency and recency
   * (lifetimes' probability-alive matrix), for frequency 0 … min(largest,
   * P_ALIVE_MAX_FREQUENCY) and recency 0, step, 2·step … ≤ T (step a whole
   * number of weeks, about T ÷ P_ALIVE_RECENCY_STEPS); frequency 0 has recency
   * 0 only. `customers` counts the customers with exactly that frequency and a
   * recency in [recency_weeks, recency_weeks + step).
   */
  clvPAlive: "clv_p_alive",
  /**
   * TOP_CUSTOMERS rows by predicted CLV, highest first (ties by customer id):
   * `{ rank, customer, frequency, recency_weeks, t_weeks, monetary, p_alive,
   * expected_purchases_12m, expected_order_value, clv_12m }`.
   */
  clvTop: "clv_top_customers",
  /**
   * `{ band, customers, clv_total, clv_mean, clv_min, clv_max, p_alive_mean,
   * expected_purchases_12m_mean, repeat_share }` for bands "1" … "5" (see
   * `clv.expected_12m{band}`); a band without customers has nulls.
   */
  clvBands: "clv_bands",
  /** `{ band, segment, customers, share }`: the segment mix of each band, when the context gives segments. */
  clvBandSegments: "clv_band_segments",
  /** `{ bucket, customers, actual, predicted }` of the holdout check, buckets "0" … "6", "7+". */
  clvHoldout: "clv_holdout",
  /**
   * One row, present whenever there are orders:
   * - `status` ("fitted" | "not enough data"), `reason` (null when fitted),
   *   `customers`, `repeat_buyers`, `period_end`, `margin`, `monthly_discount`,
   *   `months` (12), `weeks_per_month` (30/7);
   * - simple CLV's parts: `simple_aov`, `simple_orders_per_customer_per_year`,
   *   `simple_churn`, `simple_annual_churn`, `simple_lifetime_years`,
   *   `simple_first_half_to`, `simple_second_half_from` (dates);
   * - when BG/NBD is fitted: `bgnbd_r`, `bgnbd_alpha`, `bgnbd_a`, `bgnbd_b`,
   *   `bgnbd_log_likelihood`, `bgnbd_converged` (1/0), `bgnbd_iterations`,
   *   `bgnbd_starts`, `bgnbd_starts_at_best` (starts ending within 1e-6 of the
   *   best log-likelihood), `bgnbd_start_ends` ("r 0.2426, α 4.414, a 0.7929,
   *   b 2.426: -9582; …"); then `gg_status`, `gg_reason`, `gg_customers`,
   *   `gg_excluded` and, when fitted, the same `gg_…` columns for p, q, v;
   * - the holdout: `holdout_status` ("checked" | "skipped" | "not enough
   *   data" | "failed"), `holdout_reason`, `holdout_from` (date), and when checked
   *   `holdout_weeks`, `calibration_customers`, `holdout_r`, `holdout_alpha`,
   *   `holdout_a`, `holdout_b`, `holdout_log_likelihood`, `holdout_converged`.
   */
  clvMethod: "clv_method",
  /**
   * Campaign KPIs, one row per group of each breakdown (`total`, `channel`,
   * `campaign`, `region`, `segment`, `device`, `channel × segment`, `channel ×
   * region`) that the file's columns allow: `{ dataset?, breakdown, channel,
   * region, segment, device, campaign, campaign_name` (null outside the
   * breakdown)`, rows, impressions, clicks, leads, conversions, spend, revenue,
   * ctr, ctr_lo95, ctr_hi95, cpc, cvr, cvr_lo95, cvr_hi95, view_through` (1 when
   * conversions exceed clicks: no interval)`, cpa, roas, roi }`. `dataset` only
   * when a folder holds several campaigns files.
   */
  campaignKpis: "campaign_kpis",
  /**
   * Per segment (or `(all)` without segments) and channel with clicks: `{ dataset?,
   * segment, channel, best, is_best, clicks, conversions, cvr, z, p_value, p_holm,
   * p_best, p_beats_best, expected_loss, cred_lo95, cred_hi95, note }`; the tests
   * compare each channel with the segment's best (z, p null for the best itself).
   */
  campaignChannelTests: "campaign_channel_tests",
  /** `{ dataset?, week, campaign, spend, conversions, revenue }` per ISO week (its Monday) lying wholly inside the file's dates, and campaign; dated data only. */
  campaignWeekly: "campaign_weekly",
  /**
   * One row per dated campaign and KPI (conversions, revenue): `{ dataset?, campaign,
   * campaign_name, launch, launch_from, target, controls, kpi, status: "ok" |
   * "refused", reason, pre_days, post_days, r2, model, average, lo95, hi95,
   * cumulative, cum_lo95, cum_hi95, relative, placebo, placebo_lo95, placebo_hi95,
   * placebo_passed, did, did_lo95, did_hi95, parallel_pre }` (numbers null when refused).
   */
  campaignLift: "campaign_lift",
  /** `{ dataset?, campaign, date, actual, predicted, lo95, hi95 }`: daily conversions where the campaign runs against the counterfactual, for each campaign with a lift. */
  campaignLiftPoints: "campaign_lift_points",
  /** One row per campaign: `{ dataset?, campaign, campaign_name, channels, regions, from, to }` (null where the file lacks the column). */
  campaignSummary: "campaign_summary",
  /** Per experiment variant: `{ dataset?, variant, control (1/0), users, conversions, cvr, lo95, hi95, revenue, revenue_per_user }`. */
  experimentVariants: "experiment_variants",
  /**
   * Per treatment against the control: `{ dataset?, variant, control, lift_abs,
   * lift_abs_lo95, lift_abs_hi95, lift_rel, lift_rel_lo95, lift_rel_hi95, z, p_value,
   * alternative, alpha, p_better, expected_loss, srm_p, srm_chi2, mde,
   * needed_per_variant, users_per_variant, power` (achieved, for the MDE)`, target_power,
   * powered, decision, reason }`.
   */
  experimentResults: "experiment_results",
  /** `{ dataset?, variant, rate, density }`: each variant's Beta posterior on a shared grid. */
  experimentPosteriors: "experiment_posteriors",
  /** `{ dataset?, date, variant, users, conversions }` per day of exposure. */
  experimentDaily: "experiment_daily",
  /**
   * One row, whenever there are orders and costs: `{ status ("planned" | "no visits" |
   * "not enough history" | "no costs" | "no curve"), reason, grain, outcome,
   * horizon_months, weeks, fitted_weeks, current_weeks, draws, seed, bounds,
   * total, total_source ("today" | "config") }`.
   */
  budgetMethod: "budget_method",
  /**
   * One row per source with cost rows: `{ source, status ("fitted" | "declined"),
   * reason, buyers, current, recommended, change, change_share, marginal_current,
   * marginal_recommended, outcome_current, outcome_recommended, outcome_change,
   * outcome_change_lo90, outcome_change_hi90, theta, alpha, gamma, beta, r2,
   * holdout_error, min_seen, max_seen, beyond_seen, locked }`; amounts per week,
   * nulls for what a declined source does not have; beyond_seen and locked 1/0.
   */
  budgetSources: "budget_sources",
  /** `{ scenario ("-20%" | "0%" | "+20%"), total, outcome, lo90, hi90 }`; outcome null when the bounds cannot hold the total. */
  budgetScenarios: "budget_scenarios",
  /** `{ scenario, source, spend }`: each scenario's split (spend null when it cannot be met). */
  budgetScenarioSpend: "budget_scenario_spend",
  /** `{ source, spend, outcome, lo90, hi90 }`: each fitted curve at 41 weekly spends from 0, with its 90% bootstrap band. */
  budgetCurves: "budget_curves",
  /**
   * `{ source, period, spend, effective_spend, outcome, fitted }` for each fitted
   * period, per week (× 7 at day grain): effective_spend is the adstocked spend ×
   * (1 − θ), the steady spend it is worth, and fitted the curve there.
   */
  budgetWeeks: "budget_weeks",
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
