/**
 * The moving-block bootstrap of periods: weeks are drawn in runs of
 * consecutive periods, so the autocorrelation within a run survives, and each
 * draw becomes a weight per period (how often it was drawn).
 */
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
  if (!Number.isInteger(block) || block < 1 || block > n) throw new Error(`invalid block length: ${block}`);
  const w = new Uint16Array(n);
  let drawn = 0;
  while (drawn < n) {
    const start = Math.floor(rand() * (n - block + 1));
    for (let k = 0; k < block && drawn < n; k++, drawn++) w[start + k]!++;
  }
  return w;
}
