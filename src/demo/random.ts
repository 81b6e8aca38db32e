/**
 * Seeded randomness for the demo data generator: the PRNG of
 * `src/stats/prng.ts` (sfc32, seeded through splitmix32) and the few
 * distributions the generator draws from. Everything here is a pure function of the seed: the same seed and the
 * same calls give the same numbers on every machine, with no `Math.random`.
 *
 * A random source is a plain function returning a float in [0, 1), as in
 * d3-random, so the helpers take it as their first argument.
 */

// The generator itself lives with the numeric building blocks (k-means seeds
// its starts from it); the demo draws from the same sequences.
import type { Rand } from "../stats/prng.ts";

export { createRand, type Rand } from "../stats/prng.ts";

/**
 * A float in [min, max).
 * @example uniform(() => 0.5, 10, 20); // => 15
 */
export function uniform(rand: Rand, min: number, max: number): number {
  return min + (max - min) * rand();
}

/**
 * A whole number in [0, n).
 * @example randomInt(() => 0.99, 10); // => 9
 */
export function randomInt(rand: Rand, n: number): number {
  return Math.floor(rand() * n);
}

/**
 * A draw from the normal distribution N(mu, sigma²), by the Box-Muller
 * transform (one of the pair is used).
 * @example normal(() => 0.5, 3, 2); // => 3 - 2 * Math.sqrt(2 * Math.log(2))  (u1 = u2 = 0.5)
 */
export function normal(rand: Rand, mu = 0, sigma = 1): number {
  const u1 = 1 - rand(); // (0, 1], so the log is finite
  const u2 = rand();
  return mu + sigma * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

/**
 * A draw from the lognormal distribution whose log is N(log(median), sigma²).
 * Its mean is `median * exp(sigma² / 2)`.
 * @example lognormal(() => 0.75, 5, 1); // => 4.999999999999998  (cos(1.5π) ≈ 0, so the normal draw is ≈ 0)
 */
export function lognormal(rand: Rand, median: number, sigma: number): number {
  return median * Math.exp(normal(rand, 0, sigma));
}

/**
 * A draw from the exponential distribution with the given mean.
 * @example exponential(() => 1 - Math.exp(-1), 2); // => 2
 */
export function exponential(rand: Rand, mean: number): number {
  return -mean * Math.log(1 - rand());
}

/**
 * The number of successes before the first failure, each trial succeeding
 * with probability `p` (a geometric distribution on 0, 1, 2, …, mean
 * `p / (1 - p)`).
 * @example geometric(() => 0.9, 0.5); // => 0  (the first trial fails)
 * @example geometric(() => 0, 0); // => 0
 */
export function geometric(rand: Rand, p: number): number {
  if (!(p >= 0 && p < 1)) throw new Error(`invalid geometric probability: ${p}`);
  if (p === 0) return 0;
  // Inversion: P(K >= k) = p^k.
  return Math.floor(Math.log(1 - rand()) / Math.log(p));
}

/**
 * A draw from the Poisson distribution with mean `lambda`: Knuth's product
 * method below 30, and Hörmann's transformed rejection (PTRS, as in NumPy)
 * above.
 * @example poisson(() => 0.5, 0); // => 0
 */
export function poisson(rand: Rand, lambda: number): number {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new Error(`invalid poisson mean: ${lambda}`);
  if (lambda === 0) return 0;
  if (lambda < 30) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let product = rand();
    while (product > limit) {
      k++;
      product *= rand();
    }
    return k;
  }
  const slam = Math.sqrt(lambda);
  const loglam = Math.log(lambda);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rand() - 0.5;
    const v = rand();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - logFactorial(k)) return k;
  }
}

/**
 * log(k!) for a whole number k ≥ 0: exact sums below 20, Stirling's series above.
 * @example logFactorial(3); // => Math.log(6)
 */
export function logFactorial(k: number): number {
  if (k < 20) {
    let s = 0;
    for (let i = 2; i <= k; i++) s += Math.log(i);
    return s;
  }
  const n = k + 1; // log Γ(n)
  return (n - 0.5) * Math.log(n) - n + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * n) - 1 / (360 * n ** 3) + 1 / (1260 * n ** 5);
}

/**
 * Cumulative weights for `pick`: weights need not sum to 1, and must not all be 0.
 * @example cumulative([1, 3]); // => Float64Array [0.25, 1]
 */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] ?? 0;
    if (!(w >= 0)) throw new Error(`invalid weight: ${w}`);
    sum += w;
    out[i] = sum;
  }
  if (!(sum > 0)) throw new Error(`invalid weights: ${weights.join(", ")}`);
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / sum;
  out[out.length - 1] = 1;
  return out;
}

/**
 * An index drawn with the probabilities of `cumulative(weights)`.
 * @example pick(() => 0.5, cumulative([1, 3])); // => 1
 * @example pick(() => 0.1, cumulative([1, 3])); // => 0
 */
export function pick(rand: Rand, cumulativeWeights: Float64Array): number {
  const u = rand();
  let i = 0;
  while (i < cumulativeWeights.length - 1 && u >= (cumulativeWeights[i] ?? 1)) i++;
  return i;
}
