/**
 * The candidate curve shapes: every (θ, α, γ) of a grid, with the Hill-
 * transformed adstocked spend of each, computed once and shared by the fit,
 * the cross-validation and every bootstrap draw.
 */
import { adstock } from "./adstock.ts";
import { hill } from "./hill.ts";

/** θ from 0 to 0.9 by 0.1. */
export const THETAS: readonly number[] = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
/** α from 0.4 to 1 by 0.1: α ≤ 1 keeps every curve concave, so greedy allocation is exact (see allocate.ts). */
export const ALPHAS: readonly number[] = [0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
/** γ as a multiple of the mean adstocked spend over the fitted periods: 13 steps of ×10^(1/6) from 0.1 to 10. */
export const GAMMA_MULTIPLES: readonly number[] = Array.from({ length: 13 }, (_, k) => Math.pow(10, (k - 6) / 6));

export interface Shape {
  readonly theta: number;
  readonly alpha: number;
  readonly gamma: number;
}

export interface ShapeGrid {
  readonly shapes: readonly Shape[];
  /** Periods fitted (the first `n` of the spend series). */
  readonly n: number;
  /** shapes.length × n, row-major: hill(adstock(spend; θ)ₜ; α, γ) for t < n. */
  readonly h: Float64Array;
}

export interface GridOptions {
  readonly thetas?: readonly number[];
  readonly alphas?: readonly number[];
  readonly gammaMultiples?: readonly number[];
}

/**
 * Every shape of the grid with its transformed spend over the first `n`
 * periods. The adstock runs over the whole spend series from its first
 * period. A θ whose adstocked spend is 0 over the fitted periods gives no
 * shapes (nothing to scale γ by). Order: θ, then α, then γ, ascending.
 * @example shapeGrid([1, 2, 3], 3, { thetas: [0], alphas: [1], gammaMultiples: [1] }).h; // => Float64Array [1/3, 1/2, 3/5]
 */
export function shapeGrid(spend: ArrayLike<number>, n: number, options: GridOptions = {}): ShapeGrid {
  if (!Number.isInteger(n) || n < 0 || n > spend.length) throw new Error(`invalid fitted periods: ${n}`);
  const shapes: Shape[] = [];
  const rows: Float64Array[] = [];
  for (const theta of options.thetas ?? THETAS) {
    const x = adstock(spend, theta);
    let mean = 0;
    for (let t = 0; t < n; t++) mean += x[t]!;
    mean /= n;
    if (!(mean > 0)) continue;
    for (const alpha of options.alphas ?? ALPHAS) {
      for (const m of options.gammaMultiples ?? GAMMA_MULTIPLES) {
        const gamma = m * mean;
        const row = new Float64Array(n);
        for (let t = 0; t < n; t++) row[t] = hill(x[t]!, alpha, gamma);
        shapes.push({ theta, alpha, gamma });
        rows.push(row);
      }
    }
  }
  const h = new Float64Array(shapes.length * n);
  rows.forEach((r, i) => h.set(r, i * n));
  return { shapes, n, h };
}
