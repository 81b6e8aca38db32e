import { checkAlternative, tPValue, type Alternative } from "./alternative.ts";
import { checkSample, meanAndVariance } from "./sample.ts";

export interface WelchTTestResult {
  /** t = (mean(x) − mean(y)) / √(s²ₓ/nₓ + s²ᵧ/nᵧ); null when both samples are constant. */
  readonly statistic: number | null;
  readonly pValue: number | null;
  /** Welch–Satterthwaite degrees of freedom; null when both samples are constant. */
  readonly df: number | null;
}

/**
 * Welch's two-sample t test (unequal variances), as
 * `scipy.stats.ttest_ind(x, y, equal_var=False, alternative=…)`.
 *
 * - t = (x̄ − ȳ) / √(vₓ + vᵧ) with v = s²/n and s² the sample variance (n − 1 denominator);
 * - df = (vₓ + vᵧ)² / (vₓ²/(nₓ − 1) + vᵧ²/(nᵧ − 1));
 * - p from Student's t with df degrees of freedom ("less": P(T ≤ t), "greater": P(T ≥ t), two-sided: twice the smaller tail).
 *
 * Policy: a sample with fewer than 2 values, or a value that is not finite, throws a
 * `RangeError` (SciPy returns nan). When both samples are constant, the test is
 * undefined and statistic, pValue and df are null (SciPy gives nan when the two
 * constants are equal and t = ±inf, p = 0 when they differ). One constant sample is fine.
 *
 * @example welchTTest([1, 2, 3, 4], [2, 4, 6, 8, 10]); // => { statistic: -2.2514363231593695, pValue: 0.0691335931923924, df: 5.520787746170677 } (p to 1e-15)
 * @example welchTTest([1, 1], [2, 2]); // => { statistic: null, pValue: null, df: null }
 */
export function welchTTest(x: ArrayLike<number>, y: ArrayLike<number>, options: { readonly alternative?: Alternative } = {}): WelchTTestResult {
  const alternative = checkAlternative("welchTTest", options.alternative ?? "two-sided");
  const xs = checkSample("welchTTest", "x", x, 2);
  const ys = checkSample("welchTTest", "y", y, 2);
  const a = meanAndVariance(xs);
  const b = meanAndVariance(ys);
  const va = a.variance / xs.length;
  const vb = b.variance / ys.length;
  if (va + vb === 0) return { statistic: null, pValue: null, df: null };
  const df = (va + vb) ** 2 / (va ** 2 / (xs.length - 1) + vb ** 2 / (ys.length - 1));
  const t = (a.mean - b.mean) / Math.sqrt(va + vb);
  return { statistic: t, pValue: tPValue(t, df, alternative), df };
}
