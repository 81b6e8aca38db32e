/**
 * How many differences a series needs before an ARMA model: the KPSS test
 * for lag-1 differences, the seasonal strength for seasonal ones (as R
 * forecast's `ndiffs()` and `nsdiffs()`).
 */

/** KPSS 5% critical value for level stationarity (Kwiatkowski et al. 1992, Table 1). */
export const KPSS_CRITICAL_5 = 0.463;

/** A seasonal difference is taken when the seasonal strength reaches this (R forecast's `nsdiffs(test = "seas")`). */
export const SEASONAL_STRENGTH_THRESHOLD = 0.64;

/**
 * The KPSS statistic for level stationarity (urca's `ur.kpss(type = "mu")`):
 * with e = y − mean and partial sums S_t, η = Σ S_t² ÷ (n² σ̂²), where σ̂² is
 * the Newey–West long-run variance with Bartlett weights over `lags` lags,
 * by default ⌊3√n / 13⌋ as R forecast's `ndiffs()`. Large values reject
 * stationarity (5%: above 0.463).
 *
 * Empty-data policy: null for fewer than 3 values or a constant series.
 *
 * @example kpss([1, 2, 1, 2, 1, 2, 1, 2], 0); // => 0.0625 (Σ S² = 1, σ̂² = 0.25)
 */
export function kpss(y: ArrayLike<number>, lags?: number): number | null {
  const n = y.length;
  if (n < 3) return null;
  const l = lags ?? Math.floor((3 * Math.sqrt(n)) / 13);
  let mean = 0;
  for (let t = 0; t < n; t++) mean += y[t]! / n;
  const e = Float64Array.from({ length: n }, (_, t) => y[t]! - mean);
  let s = 0;
  let eta = 0;
  let variance = 0;
  for (let t = 0; t < n; t++) {
    s += e[t]!;
    eta += s * s;
    variance += e[t]! * e[t]!;
  }
  for (let lag = 1; lag <= l; lag++) {
    let c = 0;
    for (let t = lag; t < n; t++) c += e[t]! * e[t - lag]!;
    variance += 2 * (1 - lag / (l + 1)) * c;
  }
  variance /= n;
  if (!(variance > 0)) return null;
  return eta / (n * n * variance);
}

/**
 * Seasonal strength F_s = max(0, 1 − Var(R) ÷ Var(S + R)) of a classical
 * additive decomposition: trend by the centred (2×m for even m) moving
 * average, S the mean detrended value per season (centred to sum 0), R the
 * remainder. (Wang, Smith & Hyndman 2006; R forecast's `nsdiffs` uses an
 * STL decomposition instead.)
 *
 * Empty-data policy: null with fewer than two full seasons or m < 2, or when
 * Var(S + R) is 0.
 *
 * @example seasonalStrength([1, 5, 1, 5, 1, 5, 1, 5], 2); // => 1
 */
export function seasonalStrength(y: ArrayLike<number>, m: number): number | null {
  const n = y.length;
  if (m < 2 || n < 2 * m) return null;
  const half = Math.floor(m / 2);
  const detrended: number[] = [];
  const position: number[] = [];
  for (let i = half; i + half < n; i++) {
    let s = 0;
    if (m % 2 === 1) for (let k = i - half; k <= i + half; k++) s += y[k]!;
    else {
      s = (y[i - half]! + y[i + half]!) / 2;
      for (let k = i - half + 1; k < i + half; k++) s += y[k]!;
    }
    detrended.push(y[i]! - s / m);
    position.push(i % m);
  }
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  detrended.forEach((v, i) => {
    sums[position[i]!]! += v;
    counts[position[i]!]!++;
  });
  const effect = Array.from(sums, (s, j) => (counts[j]! > 0 ? s / counts[j]! : 0));
  const centre = effect.reduce((a, b) => a + b, 0) / m;
  const remainder = detrended.map((v, i) => v - (effect[position[i]!]! - centre));
  const total = variance(detrended.map((v) => v));
  if (!(total > 0)) return null;
  return Math.max(0, 1 - variance(remainder) / total);
}

function variance(values: readonly number[]): number {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  return values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
}

/**
 * Seasonal differences (0 or 1): 1 when the seasonal strength is at least
 * 0.64 and the series is long enough to lose a season (at least 3 seasons).
 * @example nsdiffs([1, 5, 1, 5, 1, 5, 1, 5], 2); // => 1
 */
export function nsdiffs(y: ArrayLike<number>, m: number): number {
  if (m < 2 || y.length < 3 * m) return 0;
  const strength = seasonalStrength(y, m);
  return strength !== null && strength >= SEASONAL_STRENGTH_THRESHOLD ? 1 : 0;
}

/**
 * Lag-1 differences (0 … max): difference while the KPSS test rejects level
 * stationarity at 5%, as R forecast's `ndiffs(test = "kpss")`.
 * @example ndiffs([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]); // => 1
 */
export function ndiffs(y: ArrayLike<number>, max = 2): number {
  let x = Array.from(y as ArrayLike<number>);
  for (let d = 0; d < max; d++) {
    const stat = kpss(x);
    if (stat === null || stat <= KPSS_CRITICAL_5) return d;
    x = x.slice(1).map((v, i) => v - x[i]!);
  }
  return max;
}
