import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";

/**
 * Wilson score interval for a proportion, as statsmodels'
 * `proportion_confint(successes, trials, alpha=1 - confidence, method="wilson")`:
 * with p̂ = x/n and z = Φ⁻¹(1 − (1 − confidence)/2),
 * centre = (p̂ + z²/2n) / (1 + z²/n), half-width = z·√(p̂(1 − p̂)/n + z²/4n²) / (1 + z²/n),
 * clipped to [0, 1] (at x = 0 or x = n an end is 0 or 1 up to rounding).
 *
 * Policy: trials = 0 gives null (no data); successes > trials (e.g. view-through
 * conversions counted against clicks) gives null, for the caller to flag the row;
 * a negative or non-finite count, or a confidence outside (0, 1), throws a `RangeError`.
 * Counts need not be whole numbers.
 *
 * @example wilsonInterval(45, 100); // => { lo: 0.35614537979511973, hi: 0.5475539700255787 } (to 1e-15)
 * @example wilsonInterval(0, 0); // => null
 */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): { lo: number; hi: number } | null {
  if (!(Number.isFinite(successes) && successes >= 0 && Number.isFinite(trials) && trials >= 0))
    throw new RangeError(`wilsonInterval needs finite counts ≥ 0, got ${successes} of ${trials}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`wilsonInterval needs a confidence in (0, 1), got ${confidence}`);
  if (trials === 0 || successes > trials) return null;
  const z = normalQuantile(1 - (1 - confidence) / 2, 0, 1);
  const z2 = z * z;
  const p = successes / trials;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}
