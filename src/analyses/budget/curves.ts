/**
 * One response curve per paid source, or the check it failed: the
 * identification checks, the cross-validated fit and the bootstrap refits.
 */
import { blockLength, blockWeights, fitCurve, shapeGrid, weightedCurve, type Curve, type CurveFit } from "../../response/index.ts";
import { createRand } from "../../stats/prng.ts";

/** Fewer fitted weeks than this: no curve (also the section's minimum). */
export const MIN_WEEKS = 12;
/** Fewer first-touch buyers in the fitted periods than this: no curve. */
export const MIN_BUYERS = 30;
/** Spend whose coefficient of variation over the fitted periods is below this does not vary enough to trace a curve. */
export const MIN_SPEND_CV = 0.1;
/** A fit that explains less of the outcome's variation than this is flat. */
export const MIN_R2 = 0.1;

/** Why a source has no curve: the first identification check it failed, in the order they are made. */
export const DECLINED = [
  /** fewer fitted weeks than MIN_WEEKS */
  "few-weeks",
  /** cost but no first-touch buyers: the curve is flat */
  "no-buyers",
  /** fewer first-touch buyers than MIN_BUYERS */
  "few-buyers",
  /** no spend in the fitted weeks */
  "no-spend",
  /** spend whose coefficient of variation is below MIN_SPEND_CV */
  "flat-spend",
  /** the best fit does not rise with spend */
  "flat-fit",
  /** the fit's R² is below MIN_R2 */
  "weak-fit",
] as const;
export type Declined = (typeof DECLINED)[number];

export interface SourceCurve {
  /** Null when the curve is identified. */
  readonly declined: Declined | null;
  /** Fitted weeks, and the coefficient of variation of spend over them (null without spend). */
  readonly weeks: number;
  readonly spendCv: number | null;
  /** The fit, when the checks up to the fit passed (also for a flat fit). */
  readonly fit: CurveFit | null;
  /** One refitted curve per bootstrap draw, when identified. */
  readonly draws: readonly Curve[];
  readonly buyers: number;
  /** Smallest and largest spend per period over the fitted periods. */
  readonly minSeen: number;
  readonly maxSeen: number;
}

/**
 * The moving-block bootstrap weights shared by every source (the same weeks
 * for all sources in a draw, so their errors stay paired).
 */
export function drawWeights(n: number, draws: number, seed: number): Uint16Array[] {
  const rand = createRand(seed, 0x6275);
  const block = blockLength(n);
  return Array.from({ length: draws }, () => blockWeights(n, block, rand));
}

/**
 * The checks, in order: enough fitted weeks (MIN_WEEKS), first-touch buyers
 * (none: a flat curve; fewer than MIN_BUYERS: too few), spend that varies
 * (coefficient of variation ≥ MIN_SPEND_CV), then the fit: β > 0 and
 * R² ≥ MIN_R2. `outcome` holds the n fitted periods; `spend` may run longer
 * (its adstock starts at its first period either way).
 */
export function sourceCurve(
  spend: Float64Array,
  outcome: Float64Array,
  buyers: number,
  perWeek: number,
  weights: readonly Uint16Array[],
  trend: boolean,
): SourceCurve {
  const n = outcome.length;
  let min = Infinity;
  let max = 0;
  let sum = 0;
  for (let t = 0; t < n; t++) {
    min = Math.min(min, spend[t]!);
    max = Math.max(max, spend[t]!);
    sum += spend[t]!;
  }
  const mean = n > 0 ? sum / n : 0;
  let ss = 0;
  for (let t = 0; t < n; t++) ss += (spend[t]! - mean) ** 2;
  const cv = mean > 0 ? Math.sqrt(ss / n) / mean : 0;
  const weeks = n / perWeek;
  const base = { buyers, weeks, spendCv: mean > 0 ? cv : null, minSeen: n > 0 ? min : 0, maxSeen: max };
  const decline = (declined: Declined, fit: CurveFit | null = null): SourceCurve => ({ ...base, declined, fit, draws: [] });
  if (weeks < MIN_WEEKS) return decline("few-weeks");
  if (buyers === 0) return decline("no-buyers");
  if (buyers < MIN_BUYERS) return decline("few-buyers");
  if (!(mean > 0)) return decline("no-spend");
  if (cv < MIN_SPEND_CV) return decline("flat-spend");
  const grid = shapeGrid(spend, n);
  const fit = fitCurve(grid, outcome, { trend });
  if (!fit || fit.curve.beta === 0) return decline("flat-fit", fit);
  if (fit.r2 === null || fit.r2 < MIN_R2) return decline("weak-fit", fit);
  const draws = weights.map((w) => weightedCurve(grid, outcome, w, { trend }) ?? fit.curve);
  return { ...base, declined: null, fit, draws };
}
