import { checkAlternative, normalPValue, type Alternative } from "./alternative.ts";
import { rankAverage } from "./ranks.ts";
import { checkSample } from "./sample.ts";

export interface MannWhitneyUOptions {
  readonly alternative?: Alternative;
  /** "auto" (default) picks as SciPy 1.10 does; "exact" throws on tied values. */
  readonly method?: "auto" | "exact" | "asymptotic";
}

export interface MannWhitneyUResult {
  /** U for x: the number of (x, y) pairs with x > y, ties counting one half. */
  readonly statistic: number;
  readonly pValue: number;
  /** The method actually used to compute the p-value. */
  readonly method: "exact" | "asymptotic";
}

/**
 * P(U ≤ k) under the null for samples of sizes m and n with no ties: the
 * coefficients of the Gaussian binomial [m+n choose m]_q = ∏ᵢ (1 − q^(n+i)) / (1 − q^i),
 * each factor scaled by i / (n + i) so that the coefficients stay probabilities.
 * Only coefficients up to k are kept; the cost is O(min(m, n) · k).
 */
function exactCdf(k: number, m: number, n: number): number {
  if (k < 0) return 0;
  if (k >= m * n) return 1;
  const small = Math.min(m, n);
  const large = Math.max(m, n);
  const c = new Float64Array(k + 1);
  c[0] = 1;
  for (let i = 1; i <= small; i++) {
    const s = large + i;
    for (let j = k; j >= s; j--) c[j] = c[j]! - c[j - s]!;
    for (let j = i; j <= k; j++) c[j] = c[j]! + c[j - i]!;
    const scale = i / s;
    for (let j = 0; j <= k; j++) c[j] = c[j]! * scale;
  }
  let total = 0;
  for (let j = 0; j <= k; j++) total += c[j]!;
  return total;
}

/** P(U ≥ u) under the null (no ties): by symmetry P(U ≤ mn − u), summed from the nearer tail. */
function exactSf(u: number, m: number, n: number): number {
  const k = m * n - u;
  return k <= (m * n) / 2 ? exactCdf(k, m, n) : 1 - exactCdf(m * n - k - 1, m, n);
}

/**
 * Mann–Whitney U test of two independent samples, as `scipy.stats.mannwhitneyu`
 * (SciPy 1.10) with its defaults: `use_continuity=True`, `method="auto"`.
 *
 * - statistic: U₁ = R₁ − n₁(n₁ + 1)/2, where R₁ is the sum of x's average ranks in the pooled sample.
 * - "auto": exact when at least one sample has 8 or fewer values and no value is
 *   tied anywhere in the pooled sample; asymptotic otherwise (SciPy 1.10's rule).
 * - p is an upper tail at U = U₁ for "greater", U = U₂ = n₁n₂ − U₁ for "less" and
 *   U = max(U₁, U₂) for "two-sided" (then doubled, and capped at 1);
 * - exact: P(U' ≥ U) under the null distribution of U (every split of the ranks equally likely);
 * - asymptotic: P(Z ≥ z) with z = (U − n₁n₂/2 − 0.5) / σ and the tie-corrected
 *   σ² = n₁n₂/12 · (n + 1 − Σ(t³ − t)/(n(n − 1))), t running over groups of tied values.
 *
 * Policy: an empty sample or a value that is not finite throws a `RangeError`; so does
 * `method: "exact"` with ties. When every value is tied, σ = 0 and p = 1 (as SciPy), U = n₁n₂/2.
 *
 * @example mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12]); // => { statistic: 17, pValue: 0.1111111111111111, method: "exact" }
 */
export function mannWhitneyU(x: ArrayLike<number>, y: ArrayLike<number>, options: MannWhitneyUOptions = {}): MannWhitneyUResult {
  const alternative = checkAlternative("mannWhitneyU", options.alternative ?? "two-sided");
  const requested = options.method ?? "auto";
  if (requested !== "auto" && requested !== "exact" && requested !== "asymptotic") throw new RangeError(`mannWhitneyU invalid method: ${String(requested)}`);
  const xs = checkSample("mannWhitneyU", "x", x, 1);
  const ys = checkSample("mannWhitneyU", "y", y, 1);
  const n1 = xs.length;
  const n2 = ys.length;
  const { ranks, tieTerm } = rankAverage(xs.concat(ys));
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i]!;
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  if (requested === "exact" && tieTerm > 0) throw new RangeError("mannWhitneyU exact method needs untied values, got ties");
  const method = requested === "auto" ? ((n1 > 8 && n2 > 8) || tieTerm > 0 ? "asymptotic" : "exact") : requested;
  const u = alternative === "greater" ? u1 : alternative === "less" ? u2 : Math.max(u1, u2);
  const factor = alternative === "two-sided" ? 2 : 1;
  let p: number;
  if (method === "exact") {
    p = exactSf(u, n1, n2);
  } else {
    const n = n1 + n2;
    const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
    p = normalPValue((u - (n1 * n2) / 2 - 0.5) / sigma, "greater");
  }
  return { statistic: u1, pValue: Math.min(1, Math.max(0, factor * p)), method };
}
