/**
 * The CLV analysis's series: the CLV distribution, the BG/NBD P(alive)
 * grid, the top customers, the CLV bands (and their segment mix), the
 * holdout check and one method row.
 */
import { z } from "zod";
import { day, maybe, num, text } from "../rows.ts";

const fitStatus = z.enum(["fitted", "not enough data"]);
/** Where one start of a fit ended, in the model's own parameters. */
const bgNbdStart = z.strictObject({ r: num, alpha: num, a: num, b: num, log_likelihood: num });
const gammaGammaStart = z.strictObject({ p: num, q: num, v: num, log_likelihood: num });

export const CLV_SERIES = {
  /**
   * Customers by predicted 12-month CLV in bins of a round width (1, 2, 2.5
   * or 5 × 10ᵏ) that puts the 99th percentile in about CLV_BINS bins; the last
   * bin (`to` null) is open.
   */
  clv_distribution: z.strictObject({ from: num, to: maybe, customers: num }),
  /**
   * BG/NBD P(alive) of a customer observed for the longest T with that
   * frequency and recency (lifetimes' probability-alive matrix), for frequency
   * 0 … min(largest, P_ALIVE_MAX_FREQUENCY) and recency 0, step, 2·step … ≤ T
   * (step a whole number of weeks, about T ÷ P_ALIVE_RECENCY_STEPS); frequency
   * 0 has recency 0 only. `customers` counts the customers with exactly that
   * frequency and a recency in [recency_weeks, recency_weeks + step).
   */
  clv_p_alive: z.strictObject({ frequency: num, recency_weeks: num, p_alive: maybe, customers: num }),
  /** TOP_CUSTOMERS rows by predicted CLV, highest first (ties by customer id). */
  clv_top_customers: z.strictObject({
    rank: num,
    customer: text,
    frequency: num,
    recency_weeks: num,
    t_weeks: num,
    monetary: num,
    p_alive: maybe,
    expected_purchases_12m: maybe,
    expected_order_value: maybe,
    clv_12m: maybe,
  }),
  /** Bands "1" … "5" (see `clv.expected_12m{band}`); a band without customers has nulls. */
  clv_bands: z.strictObject({
    band: text,
    customers: num,
    clv_total: num,
    clv_mean: maybe,
    clv_min: maybe,
    clv_max: maybe,
    p_alive_mean: maybe,
    expected_purchases_12m_mean: maybe,
    repeat_share: maybe,
  }),
  /** The segment mix of each band, when the customer analysis gave segments. */
  clv_band_segments: z.strictObject({ band: text, segment: text, customers: num, share: num }),
  /** The holdout check by bucket of holdout purchases, "0" … "6", "7+". */
  clv_holdout: z.strictObject({ bucket: text, customers: num, actual: maybe, predicted: maybe }),
  /**
   * One row, present whenever there are orders: the status of BG/NBD, simple
   * CLV's parts, and then, as far as the models got, the BG/NBD fit
   * (`bgnbd_…`), the Gamma-Gamma fit (`gg_…`) and the holdout check
   * (`holdout_…`). Each fit lists where each of its starts ended. A fit
   * not made says so in its status, with the counts it read (repeat buyers
   * against MIN_REPEAT_BUYERS); the warnings say why in words.
   */
  clv_method: z.strictObject({
    status: fitStatus,
    customers: num,
    repeat_buyers: num,
    period_end: day,
    margin: num,
    monthly_discount: num,
    months: num,
    weeks_per_month: num,
    simple_aov: maybe,
    simple_orders_per_customer_per_year: maybe,
    simple_churn: maybe,
    simple_annual_churn: maybe,
    simple_lifetime_years: maybe,
    simple_first_half_to: day,
    simple_second_half_from: day,
    bgnbd_log_likelihood: num.optional(),
    bgnbd_converged: z.boolean().optional(),
    bgnbd_iterations: num.optional(),
    bgnbd_starts: z.array(bgNbdStart).optional(),
    bgnbd_starts_at_best: num.optional(),
    bgnbd_r: num.optional(),
    bgnbd_alpha: num.optional(),
    bgnbd_a: num.optional(),
    bgnbd_b: num.optional(),
    gg_status: fitStatus.optional(),
    gg_customers: num.optional(),
    gg_excluded: num.optional(),
    gg_log_likelihood: num.optional(),
    gg_converged: z.boolean().optional(),
    gg_iterations: num.optional(),
    gg_starts: z.array(gammaGammaStart).optional(),
    gg_starts_at_best: num.optional(),
    gg_p: num.optional(),
    gg_q: num.optional(),
    gg_v: num.optional(),
    holdout_status: z.enum(["checked", "skipped", "not enough data", "failed"]).optional(),
    holdout_from: day.optional(),
    holdout_weeks: num.optional(),
    calibration_customers: num.optional(),
    holdout_r: num.optional(),
    holdout_alpha: num.optional(),
    holdout_a: num.optional(),
    holdout_b: num.optional(),
    holdout_log_likelihood: num.optional(),
    holdout_converged: z.boolean().optional(),
  }),
};
