/**
 * The moving-block bootstrap's draw: blocks of consecutive indices, so that
 * autocorrelation within a block survives resampling.
 */
import type { Rand } from "./prng.ts";

/**
 * Draws blocks of `block` consecutive indices of 0 … n − 1 until `count`
 * indices are drawn (the last block cut), calling `take` with each in order.
 * Each block costs one `rand()`: its start is uniform over 0 … n − 1 and the
 * block wraps past the end when `circular`, else uniform over 0 … n − block.
 *
 * Policy: throws a `RangeError` when `block` is not a whole number from 1 to n.
 *
 * @example const out: number[] = []; movingBlocks(5, 2, 3, true, () => 0.9, (i) => out.push(i)); // out => [4, 0, 4]
 */
export function movingBlocks(n: number, block: number, count: number, circular: boolean, rand: Rand, take: (index: number) => void): void {
  if (!Number.isInteger(block) || block < 1 || block > n) throw new RangeError(`movingBlocks invalid block length: ${block} (a whole number from 1 to ${n})`);
  const starts = circular ? n : n - block + 1;
  let drawn = 0;
  while (drawn < count) {
    const start = Math.floor(rand() * starts);
    for (let k = 0; k < block && drawn < count; k++, drawn++) take(circular ? (start + k) % n : start + k);
  }
}
