import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import tCdf from "@stdlib/stats-base-dists-t-cdf";

/** The alternative hypothesis, spelt as in SciPy: x differs from, is less than, or is greater than y. */
export type Alternative = "two-sided" | "less" | "greater";

/**
 * Returns `alternative` when it is one of SciPy's three spellings; throws otherwise.
 *
 * @example checkAlternative("welchTTest", "less"); // => "less"
 */
export function checkAlternative(test: string, alternative: string): Alternative {
  if (alternative === "two-sided" || alternative === "less" || alternative === "greater") return alternative;
  throw new RangeError(`${test} invalid alternative: ${alternative}`);
}

/**
 * P-value of a standard-normal statistic `z`. Upper tails are taken as the
 * lower tail of −z, so small p-values keep their precision.
 *
 * @example normalPValue(0, "less"); // => 0.5
 * @example normalPValue(-1.959963984540054, "two-sided"); // => 0.05 (to 1e-15)
 */
export function normalPValue(z: number, alternative: Alternative): number {
  if (alternative === "less") return normalCdf(z, 0, 1);
  if (alternative === "greater") return normalCdf(-z, 0, 1);
  return Math.min(1, 2 * normalCdf(-Math.abs(z), 0, 1));
}

/**
 * P-value of a Student t statistic with `df` degrees of freedom, upper tails as
 * the lower tail of −t.
 *
 * @example tPValue(0, 10, "greater"); // => 0.5
 * @example tPValue(2.2281388519649385, 10, "two-sided"); // => 0.05 (to 1e-11)
 */
export function tPValue(t: number, df: number, alternative: Alternative): number {
  if (alternative === "less") return tCdf(t, df);
  if (alternative === "greater") return tCdf(-t, df);
  return Math.min(1, 2 * tCdf(-Math.abs(t), df));
}
