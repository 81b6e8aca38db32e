import { chiSquareSf } from "./chisquare.ts";

export interface ChiSquareGoodnessOfFitResult {
  /** Pearson's X² = Σ (O − E)² / E; null when there are no observations. */
  readonly statistic: number | null;
  /** P(χ²_dof ≥ X²); null when there are no observations. */
  readonly pValue: number | null;
  /** Degrees of freedom, categories − 1. */
  readonly dof: number;
  /** Expected counts, total × share / Σ shares. */
  readonly expected: number[];
}

/**
 * Pearson's chi-square goodness-of-fit test of observed counts against expected
 * shares, as `scipy.stats.chisquare(f_obs, f_exp)` with f_exp = total × shares / Σ shares.
 * This is the sample-ratio-mismatch (SRM) check of an A/B test: observed users per
 * variant against the planned split.
 *
 * - E_i = (Σ O) · s_i / Σ s; X² = Σ (O_i − E_i)² / E_i; dof = k − 1;
 * - p = P(χ²_dof ≥ X²) by `chiSquareSf`, so tiny p-values (a broken split) keep their precision.
 *
 * Policy: fewer than 2 categories, a count that is negative or not finite, shares of
 * another length, or a share not finite and > 0 throw a `RangeError`; omitted shares
 * are equal. No observations at all (every count 0) gives `statistic: null, pValue: null`.
 * Counts need not be whole numbers.
 *
 * @example chiSquareGoodnessOfFit([16, 18, 16, 14, 12, 12]); // => { statistic: 2, pValue: 0.8491450360846096, dof: 5, expected: [14.666…, …] } (p to 1e-14)
 * @example chiSquareGoodnessOfFit([5050, 4950], [1, 1]); // => { statistic: 1, pValue: 0.31731050786291115, dof: 1, expected: [5000, 5000] } (p to 1e-14)
 */
export function chiSquareGoodnessOfFit(observed: readonly number[], expectedShares?: readonly number[]): ChiSquareGoodnessOfFitResult {
  const k = observed.length;
  if (k < 2) throw new RangeError(`chiSquareGoodnessOfFit needs at least 2 categories, got ${k}`);
  observed.forEach((o, i) => {
    if (!(Number.isFinite(o) && o >= 0)) throw new RangeError(`chiSquareGoodnessOfFit observed[${i}] is not a finite count ≥ 0: ${o}`);
  });
  const shares = expectedShares ?? observed.map(() => 1);
  if (shares.length !== k) throw new RangeError(`chiSquareGoodnessOfFit needs one expected share per category, got ${shares.length} for ${k}`);
  shares.forEach((s, i) => {
    if (!(Number.isFinite(s) && s > 0)) throw new RangeError(`chiSquareGoodnessOfFit expectedShares[${i}] is not a finite share > 0: ${s}`);
  });
  const total = observed.reduce((sum, o) => sum + o, 0);
  const shareTotal = shares.reduce((sum, s) => sum + s, 0);
  const expected = shares.map((s) => (total * s) / shareTotal);
  const dof = k - 1;
  if (total === 0) return { statistic: null, pValue: null, dof, expected };
  const statistic = observed.reduce((sum, o, i) => sum + (o - expected[i]!) ** 2 / expected[i]!, 0);
  return { statistic, pValue: chiSquareSf(statistic, dof), dof, expected };
}
