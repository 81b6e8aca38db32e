import { checkAlternative, normalPValue, type Alternative } from "./alternative.ts";

export interface TwoProportionZTestResult {
  /** z = (p₁ − p₂) / √(p(1 − p)(1/n₁ + 1/n₂)) with the pooled p; null when p is 0 or 1. */
  readonly statistic: number | null;
  readonly pValue: number | null;
}

function checkCount(name: string, successes: number, trials: number): void {
  if (!Number.isFinite(trials) || trials <= 0) throw new RangeError(`twoProportionZTest needs ${name} trials > 0, got ${trials}`);
  if (!Number.isFinite(successes) || successes < 0 || successes > trials)
    throw new RangeError(`twoProportionZTest needs 0 ≤ successes ≤ trials in ${name}, got ${successes} of ${trials}`);
}

/**
 * Two-sample z test for proportions with the pooled variance, as statsmodels'
 * `proportions_ztest([x1, x2], [n1, n2], value=0, alternative=…)`
 * ("greater" is statsmodels' "larger", "less" its "smaller").
 *
 * - p₁ = x₁/n₁, p₂ = x₂/n₂, pooled p = (x₁ + x₂)/(n₁ + n₂);
 * - z = (p₁ − p₂) / √(p(1 − p)(1/n₁ + 1/n₂)); p-value from the standard normal.
 *
 * Policy: trials ≤ 0, or successes outside 0…trials, or a value that is not finite,
 * throw a `RangeError`. When the pooled proportion is 0 or 1 (no successes, or no
 * failures, in either group) the variance is 0 and the test is undefined:
 * statistic and pValue are null (statsmodels returns nan).
 *
 * @example twoProportionZTest(45, 100, 30, 100); // => { statistic: 2.1908902300206647, pValue: 0.02845973691631055 } (p to 1e-15)
 * @example twoProportionZTest(0, 10, 0, 20); // => { statistic: null, pValue: null }
 */
export function twoProportionZTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  options: { readonly alternative?: Alternative } = {},
): TwoProportionZTestResult {
  const alternative = checkAlternative("twoProportionZTest", options.alternative ?? "two-sided");
  checkCount("group 1", x1, n1);
  checkCount("group 2", x2, n2);
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (variance === 0) return { statistic: null, pValue: null };
  const z = (x1 / n1 - x2 / n2) / Math.sqrt(variance);
  return { statistic: z, pValue: normalPValue(z, alternative) };
}
