/**
 * Fitting a response curve: outcomeₜ = β·hₜ + δ·τₜ, where hₜ is the Hill-
 * transformed adstocked spend of a candidate shape (θ, α, γ) and τₜ an
 * optional linear trend control, centred on the fitted periods
 * (τₜ = (t − (n − 1) ÷ 2) ÷ n), so that it tilts the level without adding
 * one. For each shape, β ≥ 0 and δ by least squares (with one constrained
 * coefficient, the constrained optimum is the unconstrained one when its β ≥ 0,
 * else β = 0 and δ fitted alone); the shape by rolling-origin
 * (time-series) cross-validation.
 */
import type { Curve } from "./curve.ts";
import type { ShapeGrid } from "./grid.ts";

/** Rolling-origin folds of the cross-validation. */
export const CV_FOLDS = 3;

export interface FitOptions {
  /** Fit a linear trend control as well. Default false. */
  readonly trend?: boolean;
  readonly folds?: number;
}

export interface CurveFit {
  readonly curve: Curve;
  /** δ: the trend control's coefficient (0 without trend). */
  readonly trend: number;
  /** Index of the chosen shape in the grid. */
  readonly shape: number;
  /**
   * The share of the outcome's variation around the best flat line (its mean,
   * or mean and trend with the trend control) that the curve explains:
   * 1 − SSE ÷ SSE(flat), on all fitted periods; at most 1, below 0 when the
   * curve does worse than flat. Null when the outcome lies on the flat line.
   */
  readonly r2: number | null;
  /**
   * Holdout error of the chosen shape: Σ|y − ŷ| ÷ Σ|y| over the test periods
   * of the folds, ŷ from β (and δ) refitted on each fold's training periods
   * (WAPE); null when the test periods have no outcome.
   */
  readonly holdoutError: number | null;
  /** Test periods over all folds. */
  readonly holdoutPeriods: number;
}

/** β = max(0, Σ h·y ÷ Σ h²) over t in [from, to); 0 when Σ h² is 0. @example nnlsBeta(Float64Array.of(1, 2), Float64Array.of(2, 4)); // => 2 */
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

/** The centred trend τₜ = (t − (n − 1) ÷ 2) ÷ n. @example Array.from(trendColumn(3)); // => [-1/3, 0, 1/3] */
export function trendColumn(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, t) => (t - (n - 1) / 2) / n);
}

/** β ≥ 0 and δ from the sums Σh², Σhτ, Στ², Σhy, Στy (δ = 0 without trend). */
function solve(hh: number, ht: number, tt: number, hy: number, ty: number, trend: boolean): [number, number] {
  if (trend) {
    const det = hh * tt - ht * ht;
    if (det > 1e-12 * hh * tt) {
      const beta = (hy * tt - ht * ty) / det;
      if (beta >= 0) return [beta, (hh * ty - ht * hy) / det];
      return [0, tt > 0 ? ty / tt : 0];
    }
  }
  return [hh > 0 && hy > 0 ? hy / hh : 0, 0];
}

/**
 * Weighted prefix sums of one shape's h against τ and y: index t holds the
 * sums over periods [0, t).
 */
function prefixes(h: Float64Array, o: number, y: ArrayLike<number>, tau: Float64Array, w: ArrayLike<number> | null, out: Float64Array[]): void {
  const [hh, ht, tt, hy, ty] = out as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  const n = tau.length;
  for (let t = 0; t < n; t++) {
    const wt = w ? w[t]! : 1;
    const v = h[o + t]!;
    const s = tau[t]!;
    hh[t + 1] = hh[t]! + wt * v * v;
    ht[t + 1] = ht[t]! + wt * v * s;
    tt[t + 1] = tt[t]! + wt * s * s;
    hy[t + 1] = hy[t]! + wt * v * y[t]!;
    ty[t + 1] = ty[t]! + wt * s * y[t]!;
  }
}

interface Choice {
  readonly shape: number;
  readonly beta: number;
  readonly delta: number;
}

/** The shape with the lowest (weighted) cross-validated squared error, ties in grid order; β, δ refitted on all periods. */
function choose(grid: ShapeGrid, y: ArrayLike<number>, w: ArrayLike<number> | null, trend: boolean, folds: number): Choice | null {
  const { shapes, n, h } = grid;
  if (shapes.length === 0 || n === 0) return null;
  const splits = cvFolds(n, folds);
  const tau = trendColumn(n);
  const sums = Array.from({ length: 5 }, () => new Float64Array(n + 1));
  const [hh, ht, tt, hy, ty] = sums as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  let best: Choice | null = null;
  let bestScore = Infinity;
  for (let s = 0; s < shapes.length; s++) {
    const o = s * n;
    prefixes(h, o, y, tau, w, sums);
    let score = 0;
    for (const [trainEnd, testEnd] of splits) {
      const [beta, delta] = solve(hh[trainEnd]!, ht[trainEnd]!, tt[trainEnd]!, hy[trainEnd]!, ty[trainEnd]!, trend);
      for (let t = trainEnd; t < testEnd; t++) {
        const e = y[t]! - beta * h[o + t]! - delta * tau[t]!;
        score += (w ? w[t]! : 1) * e * e;
      }
    }
    const [beta, delta] = solve(hh[n]!, ht[n]!, tt[n]!, hy[n]!, ty[n]!, trend);
    if (splits.length === 0) {
      for (let t = 0; t < n; t++) score += (w ? w[t]! : 1) * (y[t]! - beta * h[o + t]! - delta * tau[t]!) ** 2;
    }
    if (score < bestScore) {
      bestScore = score;
      best = { shape: s, beta, delta };
    }
  }
  return best;
}

/**
 * The curve of the grid shape with the lowest cross-validated squared error
 * (ties: the first in grid order), with β (and δ) refitted on all periods.
 * `y` holds the outcome of the grid's n fitted periods. Null when the grid is
 * empty.
 */
export function fitCurve(grid: ShapeGrid, y: ArrayLike<number>, options: FitOptions = {}): CurveFit | null {
  const { shapes, n, h } = grid;
  const trend = options.trend ?? false;
  const folds = options.folds ?? CV_FOLDS;
  if (y.length !== n) throw new Error(`invalid outcome length: ${y.length} (expected ${n})`);
  const c = choose(grid, y, null, trend, folds);
  if (!c) return null;
  const o = c.shape * n;
  const tau = trendColumn(n);
  let mean = 0;
  for (let t = 0; t < n; t++) mean += y[t]!;
  mean /= n;
  let sse = 0;
  let flat = 0;
  let ty = 0;
  for (let t = 0; t < n; t++) {
    sse += (y[t]! - c.beta * h[o + t]! - c.delta * tau[t]!) ** 2;
    flat += (y[t]! - mean) ** 2;
    ty += tau[t]! * (y[t]! - mean);
  }
  // The best flat line: the mean, and with the trend control the mean plus the least-squares trend (τ is centred).
  if (trend) flat -= (ty * ty) / tau.reduce((a, s) => a + s * s, 0);
  let absErr = 0;
  let absY = 0;
  let holdoutPeriods = 0;
  const sums = Array.from({ length: 5 }, () => new Float64Array(n + 1));
  prefixes(h, o, y, tau, null, sums);
  const [hh, ht, tt, hy, tyS] = sums as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
  for (const [trainEnd, testEnd] of cvFolds(n, folds)) {
    const [b, d] = solve(hh[trainEnd]!, ht[trainEnd]!, tt[trainEnd]!, hy[trainEnd]!, tyS[trainEnd]!, trend);
    for (let t = trainEnd; t < testEnd; t++) {
      absErr += Math.abs(y[t]! - b * h[o + t]! - d * tau[t]!);
      absY += Math.abs(y[t]!);
      holdoutPeriods++;
    }
  }
  return {
    curve: { ...shapes[c.shape]!, beta: c.beta },
    trend: c.delta,
    shape: c.shape,
    r2: flat > 1e-12 * Math.max(1, mean * mean * n) ? 1 - sse / flat : null,
    holdoutError: absY > 0 ? absErr / absY : null,
    holdoutPeriods,
  };
}

/**
 * The curve refitted on weighted periods (a bootstrap draw: `weights[t]` is
 * how often period t was drawn), by the same rule as `fitCurve` with each
 * period's squared error counted `weights[t]` times. With every weight 1 it is
 * `fitCurve`'s curve.
 * @example
 * const grid = { shapes: [{ theta: 0, alpha: 1, gamma: 1 }], n: 2, h: Float64Array.of(0.5, 1) };
 * weightedCurve(grid, Float64Array.of(1, 2), Float64Array.of(1, 1)); // => { theta: 0, alpha: 1, gamma: 1, beta: 2 }
 */
export function weightedCurve(grid: ShapeGrid, y: ArrayLike<number>, weights: ArrayLike<number>, options: FitOptions = {}): Curve | null {
  const c = choose(grid, y, weights, options.trend ?? false, options.folds ?? CV_FOLDS);
  return c ? { ...grid.shapes[c.shape]!, beta: c.beta } : null;
}
