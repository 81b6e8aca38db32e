/**
 * Difference-in-differences for two groups (treated, comparison) and two
 * periods (before and from a launch day) on aligned daily series.
 */
import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";

/** Fewest days accepted in each period: a whole week, so that the weekday mix cannot drive the estimate. */
export const MIN_DID_DAYS = 7;

/** A statistic with its HC2 standard error, 95% t interval and two-sided p-value; all but the estimate null when the standard error is 0. */
export interface DidEstimate {
  readonly estimate: number;
  readonly se: number | null;
  readonly lo95: number | null;
  readonly hi95: number | null;
  readonly pValue: number | null;
  /** Residual degrees of freedom of the t distribution: observations − 4. */
  readonly df: number;
}

export interface PreTrend extends DidEstimate {
  /**
   * True when the 95% interval of the slope difference contains 0: no evidence
   * against parallel pre-period trends (which is not proof of them); null when
   * the standard error is 0.
   */
  readonly parallel: boolean | null;
}

export type DidResult =
  | {
      readonly status: "ok";
      /** (mean_post_T − mean_pre_T) − (mean_post_C − mean_pre_C), KPI units per day. */
      readonly effect: DidEstimate;
      readonly means: { readonly treatedPre: number; readonly treatedPost: number; readonly comparisonPre: number; readonly comparisonPost: number };
      readonly pre: { readonly days: number };
      readonly post: { readonly days: number };
      /** slope_T − slope_C of a straight line in the day index over the pre-period, KPI units per day per day. */
      readonly preTrend: PreTrend;
    }
  /** A period shorter than MIN_DID_DAYS, with its days. */
  | { readonly status: "refused"; readonly refusal: "short-pre-period" | "short-post-period"; readonly days: number };

/**
 * Difference-in-differences of daily series `treated` and `comparison` (same
 * days, oldest first) around day index `launch` (pre = days [0, launch), post =
 * days [launch, n)).
 *
 * - Effect = (ȳ_T,post − ȳ_T,pre) − (ȳ_C,post − ȳ_C,pre), which is the
 *   interaction coefficient of OLS `y ~ treated * post` on the 2n stacked days.
 * - Its standard error is HC2 (heteroscedasticity-robust, leverage-corrected),
 *   which for this saturated model is √(Σ_cells s²_c / n_c), s²_c the sample
 *   variance of a group's days in a period: groups and periods may differ in
 *   noise. The interval is ± t_{0.975, 2n − 4} · se and the p-value two-sided
 *   from the same t: statsmodels `smf.ols("y ~ treated * post", d).fit(cov_type="HC2", use_t=True)`.
 * - Pre-trend check: the interaction of `y ~ treated * day` over the pre-period
 *   (the difference of the two groups' least-squares slopes), with its HC2
 *   standard error and t(2·launch − 4) interval and p-value, as statsmodels.
 *
 * Days are treated as independent: with autocorrelated daily data (the usual
 * case) the standard errors are too small, so read the interval as a lower
 * bound on the uncertainty.
 *
 * Policy: throws a `RangeError` naming the value when the series differ in
 * length, hold a value that is not finite, or `launch` is not a whole number in
 * [0, n]. Refuses (status "refused" with the period) when either period has fewer
 * than 7 days (`MIN_DID_DAYS`). A standard error of 0 (every cell constant)
 * gives se, interval and p-value null, never a zero-width interval.
 *
 * @example did([1, 2, 1, 2, 1, 2, 1, 5, 6, 5, 6, 5, 6, 5], [1, 2, 1, 2, 1, 2, 1, 1, 2, 1, 2, 1, 2, 1], 7).effect.estimate; // => 4
 * @example did([1, 2, 3], [1, 2, 3], 1); // => { status: "refused", refusal: "short-pre-period", days: 1 }
 */
export function did(treated: ArrayLike<number>, comparison: ArrayLike<number>, launch: number): DidResult {
  const n = treated.length;
  if (comparison.length !== n) throw new RangeError(`did comparison has ${comparison.length} days, treated has ${n}`);
  checkFinite("treated", treated);
  checkFinite("comparison", comparison);
  if (!Number.isInteger(launch) || launch < 0 || launch > n) throw new RangeError(`did invalid launch: ${launch} (days 0…${n})`);
  const preDays = launch;
  const postDays = n - launch;
  if (preDays < MIN_DID_DAYS) return { status: "refused", refusal: "short-pre-period", days: preDays };
  if (postDays < MIN_DID_DAYS) return { status: "refused", refusal: "short-post-period", days: postDays };

  const cells = [cell(treated, 0, launch), cell(treated, launch, n), cell(comparison, 0, launch), cell(comparison, launch, n)] as const;
  const [tPre, tPost, cPre, cPost] = cells;
  const estimate = tPost.mean - tPre.mean - (cPost.mean - cPre.mean);
  const variance = cells.reduce((s, c) => s + c.variance / c.n, 0);
  const effect = withInterval(estimate, Math.sqrt(variance), 2 * n - 4);

  const trendT = slopeHc2(treated, launch);
  const trendC = slopeHc2(comparison, launch);
  const trend = withInterval(trendT.slope - trendC.slope, Math.sqrt(trendT.variance + trendC.variance), 2 * launch - 4);
  const preTrend: PreTrend = { ...trend, parallel: trend.lo95 === null || trend.hi95 === null ? null : trend.lo95 <= 0 && 0 <= trend.hi95 };

  return {
    status: "ok",
    effect,
    means: { treatedPre: tPre.mean, treatedPost: tPost.mean, comparisonPre: cPre.mean, comparisonPost: cPost.mean },
    pre: { days: preDays },
    post: { days: postDays },
    preTrend,
  };
}

function checkFinite(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) throw new RangeError(`did ${name}[${i}] is not a finite number: ${values[i]}`);
}

/** Mean and sample variance (n − 1) of values[from, to); exactly 0 for a constant run. */
function cell(values: ArrayLike<number>, from: number, to: number): { mean: number; variance: number; n: number } {
  const n = to - from;
  let mean = 0;
  for (let i = from; i < to; i++) mean += values[i]!;
  mean /= n;
  let ss = 0;
  for (let i = from; i < to; i++) ss += (values[i]! - mean) ** 2;
  let constant = true;
  for (let i = from + 1; i < to && constant; i++) constant = values[i] === values[from];
  return { mean, variance: constant ? 0 : ss / (n - 1), n };
}

/**
 * Least-squares slope of values[0, days) on the day index 0…days−1 and its HC2
 * variance Σ (x_i − x̄)² e_i² / (1 − h_i) / Sxx², h_i = 1/days + (x_i − x̄)²/Sxx.
 */
function slopeHc2(values: ArrayLike<number>, days: number): { slope: number; variance: number } {
  const xMean = (days - 1) / 2;
  let yMean = 0;
  for (let i = 0; i < days; i++) yMean += values[i]!;
  yMean /= days;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < days; i++) {
    sxx += (i - xMean) ** 2;
    sxy += (i - xMean) * (values[i]! - yMean);
  }
  const slope = sxy / sxx;
  let meat = 0;
  for (let i = 0; i < days; i++) {
    const dx = i - xMean;
    const e = values[i]! - yMean - slope * dx;
    meat += (dx * dx * e * e) / (1 - 1 / days - (dx * dx) / sxx);
  }
  return { slope, variance: meat / (sxx * sxx) };
}

function withInterval(estimate: number, se: number, df: number): DidEstimate {
  if (!(se > 0)) return { estimate, se: null, lo95: null, hi95: null, pValue: null, df };
  const q = tQuantile(0.975, df);
  return { estimate, se, lo95: estimate - q * se, hi95: estimate + q * se, pValue: Math.min(1, 2 * tCdf(-Math.abs(estimate / se), df)), df };
}
