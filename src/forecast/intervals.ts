/**
 * Prediction intervals from a forecast's error distribution: analytic for a
 * Gaussian error with known covariance, by seeded simulation otherwise.
 */
import { createRand, type Rand } from "../stats/prng.ts";
import { quantile } from "../stats/quantile.ts";
import type { Band, Forecast } from "./types.ts";

/** Standard normal quantiles for central 80% and 95% intervals: Φ⁻¹(0.9), Φ⁻¹(0.975). */
export const Z80 = 1.2815515655446004;
export const Z95 = 1.959963984540054;

/** Simulated paths when an interval has no closed form. */
export const DEFAULT_PATHS = 5000;

/**
 * The covariance of the h forecast errors of a linear model whose error at
 * step i is Σ_{k<i} ψ_k ε_{n+i−k} (ψ_0 = 1, ε ~ N(0, σ²) independent):
 * Cov(e_i, e_j) = σ² Σ_{k=0}^{i−1} ψ_k ψ_{k+j−i} for i ≤ j. Row-major h × h.
 *
 * @example linearCovariance([1, 0.5], 2, 2); // => [2, 1, 1, 2.5]
 */
export function linearCovariance(psi: ArrayLike<number>, sigma2: number, h: number): Float64Array {
  const cov = new Float64Array(h * h);
  for (let i = 0; i < h; i++) {
    for (let j = i; j < h; j++) {
      let s = 0;
      for (let k = 0; k <= i; k++) s += (psi[k] ?? 0) * (psi[k + j - i] ?? 0);
      cov[i * h + j] = cov[j * h + i] = sigma2 * s;
    }
  }
  return cov;
}

/**
 * A forecast whose errors are jointly Gaussian with mean 0 and covariance
 * `cov` (row-major h × h): value ± z·sd per step, and the total Σ values ±
 * z·√(1ᵀ cov 1).
 *
 * @example gaussianForecast([10], [4]).steps[0].hi95; // => 10 + 1.96 × 2
 */
export function gaussianForecast(mean: ArrayLike<number>, cov: ArrayLike<number>): Forecast {
  const h = mean.length;
  const steps: Band[] = [];
  let total = 0;
  let totalVar = 0;
  for (let i = 0; i < h; i++) {
    const sd = Math.sqrt(Math.max(0, cov[i * h + i]!));
    steps.push(band(mean[i]!, sd));
    total += mean[i]!;
    for (let j = 0; j < h; j++) totalVar += cov[i * h + j]!;
  }
  return { steps, total: band(total, Math.sqrt(Math.max(0, totalVar))), point: "mean" };
}

const band = (value: number, sd: number): Band => ({ value, lo80: value - Z80 * sd, hi80: value + Z80 * sd, lo95: value - Z95 * sd, hi95: value + Z95 * sd });

/**
 * The back-transform of a Gaussian forecast on the log scale: per step
 * exp(mean) (the median) and exp(mean ± z·sd), exact; the total's median and
 * intervals from `paths` joint draws of the errors (through the Cholesky
 * factor of `cov`), seeded.
 */
export function logNormalForecast(mean: ArrayLike<number>, cov: ArrayLike<number>, seed: number, paths = DEFAULT_PATHS): Forecast {
  const h = mean.length;
  const steps: Band[] = [];
  for (let i = 0; i < h; i++) {
    const b = band(mean[i]!, Math.sqrt(Math.max(0, cov[i * h + i]!)));
    steps.push({ value: Math.exp(b.value), lo80: Math.exp(b.lo80), hi80: Math.exp(b.hi80), lo95: Math.exp(b.lo95), hi95: Math.exp(b.hi95) });
  }
  const chol = cholesky(cov, h);
  const normal = normalSource(createRand(seed));
  const totals = new Float64Array(paths);
  const z = new Float64Array(h);
  for (let s = 0; s < paths; s++) {
    for (let i = 0; i < h; i++) z[i] = normal();
    let sum = 0;
    for (let i = 0; i < h; i++) {
      let e = 0;
      for (let k = 0; k <= i; k++) e += chol[i * h + k]! * z[k]!;
      sum += Math.exp(mean[i]! + e);
    }
    totals[s] = sum;
  }
  totals.sort();
  return { steps, total: quantileBand(totals, quantile(totals, 0.5)), point: "median" };
}

/**
 * A forecast from simulated sample paths (`paths[s][i]` is path s at step
 * i + 1): per step and for the total, the 10/90% and 2.5/97.5% sample
 * quantiles (linear interpolation, R's type 7); the points are given.
 */
export function sampledForecast(point: ArrayLike<number>, paths: readonly Float64Array[]): Forecast {
  const h = point.length;
  const column = new Float64Array(paths.length);
  const steps: Band[] = [];
  for (let i = 0; i < h; i++) {
    paths.forEach((p, s) => (column[s] = p[i]!));
    column.sort();
    steps.push(quantileBand(column, point[i]!));
  }
  paths.forEach((p, s) => (column[s] = p.reduce((a, b) => a + b, 0)));
  column.sort();
  let total = 0;
  for (let i = 0; i < h; i++) total += point[i]!;
  return { steps, total: quantileBand(column, total), point: "mean" };
}

function quantileBand(sorted: Float64Array, value: number): Band {
  return { value, lo80: quantile(sorted, 0.1), hi80: quantile(sorted, 0.9), lo95: quantile(sorted, 0.025), hi95: quantile(sorted, 0.975) };
}

/** Standard normal draws by the Box–Muller transform, both values of a pair used. */
export function normalSource(rand: Rand): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const v = spare;
      spare = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = rand();
    const r = Math.sqrt(-2 * Math.log(u));
    const t = 2 * Math.PI * rand();
    spare = r * Math.sin(t);
    return r * Math.cos(t);
  };
}

/** Lower Cholesky factor of a symmetric positive semi-definite matrix (row-major); a non-positive pivot gives a zero column. */
function cholesky(a: ArrayLike<number>, n: number): Float64Array {
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j]!;
    for (let k = 0; k < j; k++) d -= l[j * n + k]! ** 2;
    const pivot = d > 1e-14 * Math.max(1, Math.abs(a[j * n + j]!)) ? Math.sqrt(d) : 0;
    l[j * n + j] = pivot;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      l[i * n + j] = pivot > 0 ? s / pivot : 0;
    }
  }
  return l;
}
