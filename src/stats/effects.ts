import { pearsonChiSquare } from "./chisquare.ts";
import { rankAverage } from "./ranks.ts";
import { checkSample, meanAndVariance } from "./sample.ts";

/**
 * Cohen's d for two independent samples: (mean(x) − mean(y)) / s, where the pooled
 * s² = ((nₓ − 1)s²ₓ + (nᵧ − 1)s²ᵧ) / (nₓ + nᵧ − 2) with sample variances (n − 1 denominators).
 *
 * Policy: an empty sample, fewer than 3 values in all, or a value that is not finite throws a
 * `RangeError`; when both samples are constant, s = 0 and d is null.
 * A sample of one value adds nothing to s² but still sets its mean.
 *
 * @example cohensD([2, 4, 6], [1, 2, 3]); // => 1.2649110640673518
 * @example cohensD([5, 5], [5, 5]); // => null
 */
export function cohensD(x: ArrayLike<number>, y: ArrayLike<number>): number | null {
  const xs = checkSample("cohensD", "x", x, 1);
  const ys = checkSample("cohensD", "y", y, 1);
  const dof = xs.length + ys.length - 2;
  if (dof < 1) throw new RangeError(`cohensD needs at least 3 values in all, got ${xs.length + ys.length}`);
  const spread = (values: number[]): { mean: number; ss: number } => {
    if (values.length === 1) return { mean: values[0]!, ss: 0 };
    const { mean, variance } = meanAndVariance(values);
    return { mean, ss: (values.length - 1) * variance };
  };
  const a = spread(xs);
  const b = spread(ys);
  const pooled = Math.sqrt((a.ss + b.ss) / dof);
  return pooled === 0 ? null : (a.mean - b.mean) / pooled;
}

/**
 * Rank-biserial correlation of two independent samples: 2U/(nₓnᵧ) − 1 with U the
 * Mann–Whitney U for x (ties count one half), i.e. P(x > y) − P(x < y) over all pairs.
 * It runs from −1 (every y above every x) to 1 (every x above every y); 0 when all values are tied.
 *
 * Policy: an empty sample or a value that is not finite throws a `RangeError`.
 *
 * @example rankBiserial([19, 22, 16, 29, 24], [20, 11, 17, 12]); // => 0.7
 */
export function rankBiserial(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const xs = checkSample("rankBiserial", "x", x, 1);
  const ys = checkSample("rankBiserial", "y", y, 1);
  const { ranks } = rankAverage(xs.concat(ys));
  let r1 = 0;
  for (let i = 0; i < xs.length; i++) r1 += ranks[i]!;
  return rankBiserialOfU(r1 - (xs.length * (xs.length + 1)) / 2, xs.length, ys.length);
}

/**
 * The rank-biserial correlation from the Mann–Whitney U for x (`mannWhitneyU`'s
 * statistic) and the sample sizes: 2U/(nₓnᵧ) − 1.
 * @example rankBiserialOfU(17, 5, 4); // => 0.7
 */
export function rankBiserialOfU(u: number, nx: number, ny: number): number {
  return (2 * u) / (nx * ny) - 1;
}

/**
 * Cramér's V for an r × c contingency table: √(X² / (n · (min(r, c) − 1))), with
 * X² Pearson's chi-square WITHOUT Yates' correction (even for 2 × 2, as
 * `scipy.stats.contingency.association(table, method="cramer")`) and n the grand total.
 * It runs from 0 (independence) to 1.
 *
 * Policy: the table rules of `chiSquareTest` apply, with errors naming `cramersV` (at least 2 × 2, rectangular,
 * finite counts ≥ 0, no row or column summing to 0; otherwise a `RangeError`).
 *
 * @example cramersV([[10, 10, 20], [20, 20, 20]]); // => 0.16666666666666666
 */
export function cramersV(table: readonly (readonly number[])[]): number {
  const { statistic } = pearsonChiSquare("cramersV", table, false);
  const n = table.reduce((s, row) => s + row.reduce((t, v) => t + v, 0), 0);
  return Math.sqrt(statistic / (n * (Math.min(table.length, table[0]!.length) - 1)));
}
