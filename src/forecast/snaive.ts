/**
 * The seasonal naive forecast, as R forecast's `snaive()`: each future value
 * is the last observed value of the same season.
 */
import { gaussianForecast, linearCovariance } from "./intervals.ts";
import type { FittedModel } from "./types.ts";

/**
 * Fits the seasonal naive model y_t = y_{t−m} + ε_t, ε ~ N(0, σ²).
 *
 * - Forecast: ŷ_{n+h} = y_{n+h−m(k+1)}, k = ⌊(h − 1) / m⌋.
 * - σ² = mean of (y_t − y_{t−m})² over t ≥ m (R's `lagwalk`, no drift).
 * - The h-step error is the sum of k + 1 innovations, so its variance is
 *   σ²(k + 1): intervals ŷ ± z σ √(k + 1), z = 1.28 for 80%, 1.96 for 95%.
 *   Errors of steps in the same future season share innovations, which the
 *   total's interval accounts for.
 *
 * Empty-data policy: throws when the series has no more than m values (no
 * seasonal difference to estimate σ² from) or holds a non-finite value.
 *
 * @example snaive([1, 2, 3, 4, 5, 6], 2).forecast(3).steps.map((s) => s.value); // => [5, 6, 5]
 */
export function snaive(y: ArrayLike<number>, period: number): FittedModel {
  const n = y.length;
  if (!Number.isInteger(period) || period < 1) throw new Error(`invalid period: ${period}`);
  if (n <= period) throw new Error(`invalid series for seasonal naive: ${n} values, period ${period}`);
  for (let t = 0; t < n; t++) if (!Number.isFinite(y[t]!)) throw new Error(`invalid value at ${t}: ${y[t]}`);
  let s = 0;
  for (let t = period; t < n; t++) s += (y[t]! - y[t - period]!) ** 2;
  const sigma2 = s / (n - period);
  const last = Array.from({ length: period }, (_, i) => y[n - period + i]!);
  return {
    model: `seasonal naive[${period}]`,
    parameters: {},
    sigma2,
    logLik: null,
    aicc: null,
    converged: true,
    scale: "identity",
    forecast(horizon) {
      const mean = Array.from({ length: horizon }, (_, i) => last[i % period]!);
      // ψ_j = 1 when j is a multiple of m: y_{n+h} = y_{n+h−m} + ε_{n+h}.
      const psi = Array.from({ length: horizon }, (_, j) => (j % period === 0 ? 1 : 0));
      return gaussianForecast(mean, linearCovariance(psi, sigma2, horizon));
    },
  };
}
