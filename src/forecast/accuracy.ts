/**
 * Forecast accuracy measures (Hyndman & Koehler 2006), as R forecast's
 * `accuracy()`, except that sMAPE and MAPE are fractions, not percentages.
 */

/**
 * The MASE scale of a training series: the in-sample mean absolute error of
 * the seasonal naive forecast, mean over t ≥ m of |y_t − y_{t−m}| (m = 1 for
 * the naive forecast).
 *
 * Empty-data policy: null when the series has no more than m values or the
 * scale is 0 (a series that repeats exactly, where every scaled error is ∞).
 *
 * @example maseScale([1, 2, 3, 5, 4, 6], 2); // => (2 + 3 + 1 + 1) / 4 = 1.75
 */
export function maseScale(training: ArrayLike<number>, period: number): number | null {
  const n = training.length;
  if (n <= period) return null;
  let s = 0;
  for (let t = period; t < n; t++) s += Math.abs(training[t]! - training[t - period]!);
  const scale = s / (n - period);
  return scale > 0 && Number.isFinite(scale) ? scale : null;
}

/**
 * Mean absolute scaled error: mean |actual − forecast| ÷ `scale` (from
 * `maseScale` on the training series). Below 1 beats the in-sample seasonal
 * naive forecast.
 *
 * Empty-data policy: null when there are no pairs or the scale is null or 0.
 *
 * @example mase([10, 12], [11, 11], 2); // => 0.5
 */
export function mase(actual: ArrayLike<number>, forecast: ArrayLike<number>, scale: number | null): number | null {
  if (scale === null || !(scale > 0) || actual.length === 0) return null;
  return meanAbsoluteError(actual, forecast) / scale;
}

/** Mean |actual − forecast|; NaN for no pairs. @example meanAbsoluteError([1, 2], [2, 4]); // => 1.5 */
export function meanAbsoluteError(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < actual.length; i++) s += Math.abs(actual[i]! - forecast[i]!);
  return s / actual.length;
}

/**
 * Symmetric MAPE as a fraction in [0, 2]: mean of 2|a − f| ÷ (|a| + |f|)
 * (R's `accuracy()` reports 100 times this). A pair where both are 0 is a
 * perfect forecast and counts 0.
 *
 * Empty-data policy: null when there are no pairs.
 *
 * @example smape([100, 200], [110, 200]); // => (20 / 210) / 2 ≈ 0.0476
 */
export function smape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number | null {
  const n = actual.length;
  if (n === 0) return null;
  let s = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.abs(actual[i]!) + Math.abs(forecast[i]!);
    if (d > 0) s += (2 * Math.abs(actual[i]! - forecast[i]!)) / d;
  }
  return s / n;
}

/**
 * Mean absolute percentage error as a fraction: mean |a − f| ÷ |a|.
 *
 * Empty-data policy: null when there are no pairs or any actual is 0 (the
 * error is then infinite).
 *
 * @example mape([100, 200], [110, 180]); // => 0.1
 */
export function mape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number | null {
  const n = actual.length;
  if (n === 0) return null;
  let s = 0;
  for (let i = 0; i < n; i++) {
    if (actual[i] === 0) return null;
    s += Math.abs((actual[i]! - forecast[i]!) / actual[i]!);
  }
  return s / n;
}
