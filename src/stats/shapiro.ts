import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import { checkSample, isConstant } from "./sample.ts";

export interface ShapiroWilkResult {
  /** W, in (0, 1]; null when all values are equal. */
  readonly statistic: number | null;
  /** Approximate p-value (Royston 1995); null when all values are equal. */
  readonly pValue: number | null;
}

// Royston's polynomial coefficients (AS R94), lowest order first.
const C1 = [0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056];
const C2 = [0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633];
const C3 = [0.544, -0.39978, 0.025054, -6.714e-4];
const C4 = [1.3822, -0.77857, 0.062767, -0.0020322];
const C5 = [-1.5861, -0.31082, -0.083751, 0.0038915];
const C6 = [-0.4803, -0.082676, 0.0030302];
const G = [-2.273, 0.459];
/** SciPy's floor for the p-value when n ≤ 11 and W lies below the approximation's range. */
const SMALL_P = 1e-19;

function poly(c: readonly number[], x: number): number {
  let result = 0;
  for (let i = c.length - 1; i >= 0; i--) result = result * x + c[i]!;
  return result;
}

/** The n/2 positive Shapiro–Wilk coefficients a₁ ≥ a₂ ≥ … of AS R94, for the largest-minus-smallest pairs. */
function coefficients(n: number): Float64Array {
  const half = Math.floor(n / 2);
  const a = new Float64Array(half);
  if (n === 3) {
    a[0] = Math.SQRT1_2;
    return a;
  }
  const m = new Float64Array(half);
  let summ2 = 0;
  for (let i = 0; i < half; i++) {
    m[i] = normalQuantile((i + 1 - 0.375) / (n + 0.25), 0, 1);
    summ2 += m[i]! ** 2;
  }
  summ2 *= 2;
  const ssumm2 = Math.sqrt(summ2);
  const rsn = 1 / Math.sqrt(n);
  const a1 = poly(C1, rsn) - m[0]! / ssumm2;
  let first: number;
  let fac: number;
  if (n > 5) {
    const a2 = -m[1]! / ssumm2 + poly(C2, rsn);
    fac = Math.sqrt((summ2 - 2 * m[0]! ** 2 - 2 * m[1]! ** 2) / (1 - 2 * a1 ** 2 - 2 * a2 ** 2));
    a[0] = a1;
    a[1] = a2;
    first = 2;
  } else {
    fac = Math.sqrt((summ2 - 2 * m[0]! ** 2) / (1 - 2 * a1 ** 2));
    a[0] = a1;
    first = 1;
  }
  for (let i = first; i < half; i++) a[i] = -m[i]! / fac;
  return a;
}

/**
 * Shapiro–Wilk test of normality, as `scipy.stats.shapiro`: Royston's
 * algorithm AS R94 (1995), with W computed as the squared correlation between
 * the sorted data and the coefficients, and its p-value from Royston's normal
 * approximations (exact for n = 3, one fit for 4 ≤ n ≤ 11, another for n ≥ 12).
 *
 * This runs in double precision with exact normal quantiles; SciPy 1.10's
 * Fortran runs in single precision with the AS 111 quantile approximation, so
 * the two agree to about 1e-6 in W and 1e-4 in p.
 *
 * Policy:
 * - fewer than 3 values, or a value that is not finite: throws a `RangeError`;
 * - all values equal: `{ statistic: null, pValue: null }` (SciPy warns and returns W = 1, p = 1,
 *   which would read as "perfectly normal");
 * - n > 5000: computed all the same, as SciPy does, but Royston only validated the
 *   approximation up to n = 5000, so treat p as rough (SciPy warns; R refuses);
 * - 4 ≤ n ≤ 11 with W below the approximation's range: p = 1e-19, SciPy's floor.
 *
 * @example shapiroWilk([148, 154, 158, 160, 161, 162, 166, 170, 182, 195, 236]); // => { statistic: 0.78881…, pValue: 0.00670… }
 * @example shapiroWilk([4, 4, 4]); // => { statistic: null, pValue: null }
 */
export function shapiroWilk(values: ArrayLike<number>): ShapiroWilkResult {
  if (values.length < 3) throw new RangeError(`shapiroWilk needs at least 3 values, got ${values.length}`);
  const sample = checkSample("shapiroWilk", "values", values, 3);
  if (isConstant(sample)) return { statistic: null, pValue: null };
  const n = sample.length;
  const x = Float64Array.from(sample).sort();
  // Centre on the median (W does not depend on location) so that large offsets cost no digits.
  const median = n % 2 === 1 ? x[(n - 1) / 2]! : (x[n / 2 - 1]! + x[n / 2]!) / 2;
  for (let i = 0; i < n; i++) x[i] = x[i]! - median;
  const a = coefficients(n);
  const range = x[n - 1]! - x[0]!;
  // Signed coefficient of the i-th smallest value: −a for the lower half, +a for the upper, 0 in the middle.
  const coefficient = (i: number): number => {
    const j = n - 1 - i;
    return i < j ? -a[i]! : i > j ? a[j]! : 0;
  };
  let meanA = 0;
  let meanX = 0;
  for (let i = 0; i < n; i++) {
    meanA += coefficient(i);
    meanX += x[i]! / range;
  }
  meanA /= n;
  meanX /= n;
  let ssa = 0;
  let ssx = 0;
  let sax = 0;
  for (let i = 0; i < n; i++) {
    const da = coefficient(i) - meanA;
    const dx = x[i]! / range - meanX;
    ssa += da * da;
    ssx += dx * dx;
    sax += da * dx;
  }
  // 1 − W, computed so as not to lose digits when W is very near 1.
  const root = Math.sqrt(ssa * ssx);
  const w1 = Math.max(0, ((root - sax) * (root + sax)) / (ssa * ssx));
  const w = 1 - w1;
  return { statistic: w, pValue: pValue(n, w, w1) };
}

function pValue(n: number, w: number, w1: number): number {
  if (n === 3) return Math.min(1, Math.max(0, (6 / Math.PI) * (Math.asin(Math.sqrt(w)) - Math.PI / 3)));
  let y = Math.log(w1);
  let m: number;
  let s: number;
  if (n <= 11) {
    const gamma = poly(G, n);
    if (y >= gamma) return SMALL_P;
    y = -Math.log(gamma - y);
    m = poly(C3, n);
    s = Math.exp(poly(C4, n));
  } else {
    const lnN = Math.log(n);
    m = poly(C5, lnN);
    s = Math.exp(poly(C6, lnN));
  }
  return normalCdf(-(y - m) / s, 0, 1);
}
