/**
 * A deterministic sample spread over a list: indices 0 … n − 1 when n ≤ size,
 * else every (n ÷ size)-th index, rounded down. Used where an O(n²) or
 * size-limited computation (silhouettes, Shapiro–Wilk, a scatter) needs a
 * subset that reproduces exactly from the same input.
 *
 * @example Array.from(evenSample(10, 4)); // => [0, 2, 5, 7]
 */
export function evenSample(n: number, size: number): Int32Array {
  if (n <= size) return Int32Array.from({ length: n }, (_, i) => i);
  return Int32Array.from({ length: size }, (_, i) => Math.floor((i * n) / size));
}
