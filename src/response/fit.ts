/**
 * Fitting a response curve: for each candidate shape (θ, α, γ) of the grid,
 * β ≥ 0 by non-negative least squares (one coefficient, so the unconstrained
 * least-squares β clipped at 0 is the exact constrained optimum); the shape by
 * rolling-origin (time-series) cross-validation.
 */
import type { Curve } from "./curve.ts";
import type { ShapeGrid } from "./grid.ts";

/** Rolling-origin folds of the cross-validation. */
export const CV_FOLDS = 3;

export interface CurveFit {
  readonly curve: Curve;
  /** Index of the chosen shape in the grid. */
  readonly shape: number;
  /** In-sample 1 − SSE ÷ Σ(y − ȳ)² of the chosen curve on all fitted periods; null when y is constant. */
  readonly r2: number | null;
  /**
   * Holdout error of the chosen shape: Σ|y − ŷ| ÷ Σ|y| over the test periods
   * of the folds, ŷ from β refitted on each fold's training periods (WAPE);
   * null when the test periods have no outcome.
   */
  readonly holdoutError: number | null;
  /** Test periods over all folds. */
  readonly holdoutPeriods: number;
}

/** β = max(0, Σ w·h·y ÷ Σ w·h²) over t in [from, to); 0 when Σ w·h² is 0. @example nnlsBeta(Float64Array.of(1, 2), Float64Array.of(2, 4)); // => 2 */
export function nnlsBeta(h: ArrayLike<number>, y: ArrayLike<number>, from = 0, to = y.length, offset = 0): number {
  let hh = 0;
  let hy = 0;
  for (let t = from; t < to; t++) {
    const v = h[offset + t]!;
    hh += v * v;
    hy += v * y[t]!;
  }
  return hh > 0 && hy > 0 ? hy / hh : 0;
}

/**
 * The folds: test blocks of L = max(1, ⌊n ÷ (2·folds)⌋) periods at the end of
 * the series; fold k (0-based) trains on [0, n − (folds − k)·L) and tests on
 * the next L periods, so the first training set holds at least half the data.
 * @example cvFolds(12, 3); // => [[6, 8], [8, 10], [10, 12]]
 */
export function cvFolds(n: number, folds = CV_FOLDS): [number, number][] {
  const L = Math.max(1, Math.floor(n / (2 * folds)));
  const out: [number, number][] = [];
  for (let k = 0; k < folds; k++) {
    const trainEnd = n - (folds - k) * L;
    if (trainEnd >= 2) out.push([trainEnd, trainEnd + L]);
  }
  return out;
}

/**
 * The curve of the grid shape with the lowest cross-validated squared error
 * (ties: the first in grid order), with β refitted on all periods. `y` holds
 * the outcome of the grid's n fitted periods. Null when the grid is empty.
 */
export function fitCurve(grid: ShapeGrid, y: ArrayLike<number>, folds = CV_FOLDS): CurveFit | null {
  const { shapes, n, h } = grid;
  if (y.length !== n) throw new Error(`invalid outcome length: ${y.length} (expected ${n})`);
  if (shapes.length === 0 || n === 0) return null;
  const splits = cvFolds(n, folds);
  let best = -1;
  let bestScore = Infinity;
  for (let s = 0; s < shapes.length; s++) {
    const o = s * n;
    // Each fold: β from its training periods, squared error on its test periods.
    let score = 0;
    for (const [trainEnd, testEnd] of splits) {
      const beta = nnlsBeta(h, y, 0, trainEnd, o);
      for (let t = trainEnd; t < testEnd; t++) {
        const e = y[t]! - beta * h[o + t]!;
        score += e * e;
      }
    }
    if (splits.length === 0) {
      const beta = nnlsBeta(h, y, 0, n, o);
      for (let t = 0; t < n; t++) score += (y[t]! - beta * h[o + t]!) ** 2;
    }
    if (score < bestScore) {
      bestScore = score;
      best = s;
    }
  }
  const o = best * n;
  const beta = nnlsBeta(h, y, 0, n, o);
  let mean = 0;
  for (let t = 0; t < n; t++) mean += y[t]!;
  mean /= n;
  let sse = 0;
  let sst = 0;
  for (let t = 0; t < n; t++) {
    sse += (y[t]! - beta * h[o + t]!) ** 2;
    sst += (y[t]! - mean) ** 2;
  }
  let absErr = 0;
  let absY = 0;
  let holdoutPeriods = 0;
  for (const [trainEnd, testEnd] of splits) {
    const b = nnlsBeta(h, y, 0, trainEnd, o);
    for (let t = trainEnd; t < testEnd; t++) {
      absErr += Math.abs(y[t]! - b * h[o + t]!);
      absY += Math.abs(y[t]!);
      holdoutPeriods++;
    }
  }
  return {
    curve: { ...shapes[best]!, beta },
    shape: best,
    r2: sst > 0 ? 1 - sse / sst : null,
    holdoutError: absY > 0 ? absErr / absY : null,
    holdoutPeriods,
  };
}

/**
 * The least-squares curve on weighted periods (a bootstrap draw: `weights[t]`
 * is how often period t was drawn): for each shape β = max(0, Σw·h·y ÷ Σw·h²),
 * and the shape with the lowest weighted squared error (ties: grid order).
 * @example
 * const grid = { shapes: [{ theta: 0, alpha: 1, gamma: 1 }], n: 2, h: Float64Array.of(0.5, 1) };
 * weightedCurve(grid, Float64Array.of(1, 2), Float64Array.of(1, 1)); // => { theta: 0, alpha: 1, gamma: 1, beta: 2 }
 */
export function weightedCurve(grid: ShapeGrid, y: ArrayLike<number>, weights: ArrayLike<number>): Curve | null {
  const { shapes, n, h } = grid;
  let yy = 0;
  for (let t = 0; t < n; t++) yy += weights[t]! * y[t]! * y[t]!;
  let best = -1;
  let bestSse = Infinity;
  let bestBeta = 0;
  for (let s = 0; s < shapes.length; s++) {
    const o = s * n;
    let hh = 0;
    let hy = 0;
    for (let t = 0; t < n; t++) {
      const w = weights[t]!;
      if (w === 0) continue;
      const v = h[o + t]!;
      hh += w * v * v;
      hy += w * v * y[t]!;
    }
    const beta = hh > 0 && hy > 0 ? hy / hh : 0;
    // Σw(y − βh)² = Σwy² − 2βΣwhy + β²Σwh², which at the least-squares β is Σwy² − β·Σwhy.
    const sse = yy - 2 * beta * hy + beta * beta * hh;
    if (sse < bestSse - 1e-12 * Math.max(1, yy)) {
      bestSse = sse;
      best = s;
      bestBeta = beta;
    }
  }
  return best < 0 ? null : { ...shapes[best]!, beta: bestBeta };
}
