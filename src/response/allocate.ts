/**
 * Splitting a budget across sources to maximise the summed outcome of their
 * response curves, within bounds per source.
 *
 * Method: marginal allocation (greedy steps). Every source starts at its
 * lower bound; the rest of the budget is handed out in `steps` equal
 * increments, each to the source whose outcome rises most from it (ties: the
 * earlier source). For concave responses the gains of successive increments
 * of a source never grow, and then the greedy split is the exact optimum of
 * the problem restricted to multiples of the increment (Gross 1956; Ibaraki &
 * Katoh, "Resource allocation problems", 1988, ch. 4); the continuous optimum
 * is within one increment per source of it. Hill curves are concave for
 * α ≤ 1, which is why the fit's grid stops at α = 1. Deterministic: no
 * randomness, fixed order.
 */

export interface AllocationItem {
  /** Outcome at a spend (concave and non-decreasing for the guarantee above). */
  readonly response: (spend: number) => number;
  readonly lower: number;
  readonly upper: number;
}

/** Increments of the greedy allocation. */
export const ALLOCATION_STEPS = 2000;

/** A total that the items' bounds cannot meet: it lies outside `lower` … `upper`, their sums. */
export class BoundsError extends Error {
  readonly total: number;
  readonly lower: number;
  readonly upper: number;
  constructor(total: number, lower: number, upper: number) {
    super(`budget bounds cannot be met: a total of ${round(total)} is outside the bounds' ${round(lower)} to ${round(upper)}`);
    this.total = total;
    this.lower = lower;
    this.upper = upper;
  }
}

/**
 * The spend per item that maximises Σ response(spend) with Σ spend = total
 * and lower ≤ spend ≤ upper. Throws a `BoundsError` when the bounds cannot be met.
 * @example
 * const sqrt = { response: Math.sqrt, lower: 0, upper: 100 };
 * allocate([sqrt, sqrt], 50); // => about Float64Array [25, 25]
 */
export function allocate(items: readonly AllocationItem[], total: number, steps = ALLOCATION_STEPS): Float64Array {
  if (!Number.isFinite(total) || total < 0) throw new Error(`invalid budget total: ${total}`);
  let lower = 0;
  let upper = 0;
  for (const it of items) {
    if (!(it.lower >= 0) || !(it.upper >= it.lower)) throw new Error(`invalid budget bounds: [${it.lower}, ${it.upper}]`);
    lower += it.lower;
    upper += it.upper;
  }
  const tol = 1e-9 * Math.max(1, total);
  if (total < lower - tol || total > upper + tol) {
    throw new BoundsError(total, lower, upper);
  }
  const x = Float64Array.from(items, (it) => it.lower);
  let left = Math.min(total, upper) - lower;
  if (left <= 0 || items.length === 0) return x;
  const step = left / steps;
  const current = items.map((it, i) => it.response(x[i]!));
  while (left > tol) {
    let best = -1;
    let bestGain = -Infinity;
    let bestSize = 0;
    let bestValue = 0;
    for (let i = 0; i < items.length; i++) {
      const size = Math.min(step, left, items[i]!.upper - x[i]!);
      if (size <= tol) continue;
      const value = items[i]!.response(x[i]! + size);
      // Gain per unit, so that a partial last step near a bound competes fairly.
      const gain = (value - current[i]!) / size;
      if (gain > bestGain) {
        best = i;
        bestGain = gain;
        bestSize = size;
        bestValue = value;
      }
    }
    if (best < 0) break;
    x[best]! += bestSize;
    current[best] = bestValue;
    left -= bestSize;
  }
  return x;
}

const round = (v: number): string => String(Math.round(v * 100) / 100);
