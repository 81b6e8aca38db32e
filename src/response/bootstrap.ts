/**
 * The moving-block bootstrap of periods: weeks are drawn in runs of
 * consecutive periods, so the autocorrelation within a run survives, and each
 * draw becomes a weight per period (how often it was drawn).
 */
import { movingBlocks } from "../stats/blocks.ts";
import type { Rand } from "../stats/prng.ts";

/**
 * The block length for n periods: ⌈n^(1/3)⌉, at least 2 and at most n.
 * @example blockLength(39); // => 4
 * @example blockLength(1); // => 1
 */
export function blockLength(n: number): number {
  return Math.min(n, Math.max(2, Math.ceil(Math.cbrt(n))));
}

/**
 * One draw: ⌈n ÷ L⌉ blocks of L consecutive periods, each starting at a
 * uniform t in [0, n − L], the last one cut so that n periods are drawn in
 * all. Returns how often each period was drawn (the counts sum to n).
 * @example Array.from(blockWeights(4, 4, () => 0)); // => [1, 1, 1, 1]
 */
export function blockWeights(n: number, block: number, rand: Rand): Uint16Array {
  const w = new Uint16Array(n);
  movingBlocks(n, block, n, false, rand, (k) => w[k]!++);
  return w;
}
