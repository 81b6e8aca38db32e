/**
 * Exponential smoothing state-space models ETS(error, trend, season)
 * (Hyndman, Koehler, Ord & Snyder 2008), Holt-Winters among them, fitted by
 * maximum likelihood as statsmodels' `ETSModel(…, initialization_method="heuristic")`.
 */
import { createRand } from "../stats/prng.ts";
import { DEFAULT_PATHS, gaussianForecast, linearCovariance, normalSource, sampledForecast } from "./intervals.ts";
import { nelderMead } from "./optimise.ts";
import type { Forecast, FittedModel } from "./types.ts";

export interface EtsSpec {
  /** Additive or multiplicative errors. */
  readonly error: "A" | "M";
  /** None, additive, or additive damped. */
  readonly trend: "N" | "A" | "Ad";
  /** None, additive, or multiplicative. */
  readonly season: "N" | "A" | "M";
  /** The seasonal period m; ignored without a season. */
  readonly period: number;
}

export interface EtsOptions {
  /** Seeds the simulated intervals of the models that have no closed form. Default 1. */
  readonly seed?: number;
  /** Simulated paths for those intervals. Default 5000. */
  readonly paths?: number;
  readonly maxEvaluations?: number;
}

/** The initial states: level ℓ₋₁, trend b₋₁ (0 without a trend), and the m seasonal states, s[j] for the observations t ≡ j (mod m). */
export interface EtsInitialStates {
  readonly level: number;
  readonly trend: number;
  readonly season: readonly number[];
}

export interface EtsFit extends FittedModel {
  readonly spec: EtsSpec;
  /** alpha, then beta, gamma and phi as the model has them. */
  readonly parameters: Readonly<Record<string, number>>;
  readonly initial: EtsInitialStates;
  readonly logLik: number;
  readonly aic: number;
  readonly aicc: number;
}

/** Smoothing parameter bounds, as statsmodels and R's `ets`: α, β/α and γ/(1 − α) in (10⁻⁴, 1 − 10⁻⁴), φ in (0.8, 0.98). */
const LOW = 1e-4;
const HIGH = 1 - 1e-4;
const PHI_LOW = 0.8;
const PHI_HIGH = 0.98;

/**
 * Fits ETS(error, trend, season) by maximum likelihood.
 *
 * - Initial states are Hyndman et al.'s heuristic (§2.6.1) exactly as
 *   statsmodels' `_initialization_heuristic` computes them, and held fixed:
 *   seasonal states from the mean detrended value per season over the first
 *   up to 5 cycles (detrended by the centred 2×m moving average, normalised
 *   to sum 0 or average 1), level and trend from a straight line through
 *   the first 10 values of that moving average (of y without a season).
 * - One-step forecasts ŷ_t = (ℓ + φ̃b) + s or (ℓ + φ̃b) × s (φ̃ = φ damped, 1
 *   undamped, 0 without a trend); with p = y − s, y ÷ s or y:
 *   ℓ ← ℓ + φ̃b + α(p − ℓ − φ̃b); b ← φ̃b + (β/α)(Δℓ − φ̃b);
 *   s ← s + γ(y − ℓ_old − φ̃b − s) or s + γ(y ÷ (ℓ_old + φ̃b) − s)
 *   (R's `etscalc`, the same recursions for both error types).
 * - Errors e_t = y_t − ŷ_t (additive) or (y_t − ŷ_t) ÷ ŷ_t (multiplicative);
 *   log L = −n/2 (log(2π Σe²/n) + 1) − [multiplicative error] Σ log |ŷ_t|,
 *   maximised by Nelder–Mead on the logistic transforms of α, β/α, γ/(1 − α)
 *   and φ within the bounds, from the two best points of a coarse grid.
 * - σ² = Σe²/n, as statsmodels' `mse`. AIC = −2 log L + 2(k + 1) with k the
 *   smoothing parameters (the heuristic initial states are not counted).
 * - Intervals: for the linear models (additive errors, no multiplicative
 *   season) Gaussian with ψ_j = α + β(φ + … + φʲ) + γ[j ≡ 0 mod m]
 *   (Hyndman et al. Table 6.1), so the h-step variance is σ²(1 + Σ_{j<h} ψ_j²);
 *   otherwise the 10/90% and 2.5/97.5% quantiles of seeded simulated sample
 *   paths. Point forecasts are ŷ_{n+h} = (ℓ + φ_h b) ⊕ s, φ_h = φ + … + φʰ.
 *
 * Empty-data policy: throws on fewer than 10 values, on fewer than two
 * seasons or 10 + 2⌊m/2⌋ values with a season, on a non-finite value, with a
 * multiplicative part on a value that is not positive, and when the fit is
 * exact (σ² = 0, e.g. a constant series).
 *
 * @example ets(y, { error: "A", trend: "Ad", season: "A", period: 12 }).parameters; // => { alpha, beta, gamma, phi }
 */
export function ets(y: ArrayLike<number>, spec: EtsSpec, options: EtsOptions = {}): EtsFit {
  const x = Float64Array.from(y as ArrayLike<number>);
  const multiplicative = spec.error === "M" || spec.season === "M";
  x.forEach((v, i) => {
    if (!Number.isFinite(v) || (multiplicative && !(v > 0)))
      throw new Error(`invalid value at ${i}: ${v}${multiplicative ? " (a multiplicative ETS needs positive values)" : ""}`);
  });
  const m = spec.season === "N" ? 1 : spec.period;
  if (spec.season !== "N" && (!Number.isInteger(m) || m < 2)) throw new Error(`invalid ETS period: ${spec.period}`);
  const initial = etsInitialStates(x, spec);
  const hasTrend = spec.trend !== "N";
  const hasSeason = spec.season !== "N";
  const damped = spec.trend === "Ad";
  const names = ["alpha", ...(hasTrend ? ["beta"] : []), ...(hasSeason ? ["gamma"] : []), ...(damped ? ["phi"] : [])];
  const n = x.length;

  const params = (u: ArrayLike<number>) => {
    const at = (k: number): number => u[k]!;
    const alpha = logistic(at(0), LOW, HIGH);
    const beta = hasTrend ? alpha * logistic(at(1), LOW, HIGH) : 0;
    const gamma = hasSeason ? (1 - alpha) * logistic(at(hasTrend ? 2 : 1), LOW, HIGH) : 0;
    const phi = damped ? logistic(at(names.length - 1), PHI_LOW, PHI_HIGH) : hasTrend ? 1 : 0;
    return { alpha, beta, gamma, phi };
  };
  const objective = (u: Float64Array): number => {
    const r = smooth(x, spec, m, initial, params(u));
    return r === null || r.sigma2 === 0 ? Infinity : -r.logLik;
  };

  // Starts: the two best points of a coarse grid (the likelihood can have
  // several local optima, some on the edge α + γ = 1).
  const axes: number[][] = [[0.05, 0.2, 0.5, 0.8].map((v) => logit(v, LOW, HIGH))];
  if (hasTrend) axes.push([0.05, 0.3].map((v) => logit(v, LOW, HIGH)));
  if (hasSeason) axes.push([0.05, 0.3, 0.7].map((v) => logit(v, LOW, HIGH)));
  if (damped) axes.push([0.9, 0.97].map((v) => logit(v, PHI_LOW, PHI_HIGH)));
  const grid = axes
    .reduce<number[][]>((points, axis) => points.flatMap((pt) => axis.map((v) => [...pt, v])), [[]])
    .map((pt) => ({ pt, value: objective(Float64Array.from(pt)) }))
    .sort((a, b) => a.value - b.value);
  let best: { x: Float64Array; value: number; converged: boolean } | null = null;
  for (const { pt } of grid.slice(0, 2)) {
    const fit = nelderMead(objective, pt, { step: 0.5, ...(options.maxEvaluations ? { maxEvaluations: options.maxEvaluations } : {}) });
    if (best === null || fit.value < best.value) best = fit;
  }
  const theta = params(best!.x);
  const run = smooth(x, spec, m, initial, theta);
  if (run === null) throw new Error(`no valid ${etsName(spec)} fit: the one-step forecasts are not positive`);
  if (!(run.sigma2 > 0)) throw new Error(`invalid series for ${etsName(spec)}: its one-step forecasts are exact (σ² = 0), nothing to estimate`);
  const parameters: Record<string, number> = {};
  for (const name of names) parameters[name] = theta[name as keyof typeof theta];
  const k = names.length + 1;
  const aic = -2 * run.logLik + 2 * k;
  const linear = spec.error === "A" && spec.season !== "M";
  const seed = options.seed ?? 1;
  const paths = options.paths ?? DEFAULT_PATHS;

  return {
    model: etsName(spec),
    spec,
    parameters,
    initial,
    sigma2: run.sigma2,
    logLik: run.logLik,
    aic,
    aicc: aic + (2 * k * (k + 1)) / (n - k - 1),
    converged: best!.converged,
    scale: "identity",
    forecast(horizon: number): Forecast {
      const point = Float64Array.from({ length: horizon }, (_, i) => pointForecast(run.state, spec, m, theta.phi, n, i + 1));
      if (linear) {
        const psi = Float64Array.from({ length: horizon }, (_, j) => {
          if (j === 0) return 1;
          const trendSum = damped ? (theta.phi * (1 - theta.phi ** j)) / (1 - theta.phi) : hasTrend ? j : 0;
          return theta.alpha + theta.beta * trendSum + (hasSeason && j % m === 0 ? theta.gamma : 0);
        });
        return gaussianForecast(point, linearCovariance(psi, run.sigma2, horizon));
      }
      return sampledForecast(point, simulate(run.state, spec, m, theta, n, horizon, run.sigma2, seed, paths));
    },
  };
}

/**
 * The log-likelihood and σ² of given smoothing parameters from the heuristic
 * initial states, on the same path `ets` maximises. `phi` is ignored unless
 * the trend is damped; `beta` and `gamma` without a trend or season.
 *
 * @example etsLogLik(y, { error: "A", trend: "N", season: "N", period: 1 }, { alpha: 0.5 }); // => { logLik, sigma2 }
 */
export function etsLogLik(
  y: ArrayLike<number>,
  spec: EtsSpec,
  smoothing: { readonly alpha: number; readonly beta?: number | undefined; readonly gamma?: number | undefined; readonly phi?: number | undefined },
): { logLik: number; sigma2: number } | null {
  const x = Float64Array.from(y as ArrayLike<number>);
  const m = spec.season === "N" ? 1 : spec.period;
  const phi = spec.trend === "Ad" ? (smoothing.phi ?? 1) : spec.trend === "A" ? 1 : 0;
  const run = smooth(x, spec, m, etsInitialStates(x, spec), { alpha: smoothing.alpha, beta: smoothing.beta ?? 0, gamma: smoothing.gamma ?? 0, phi });
  return run && { logLik: run.logLik, sigma2: run.sigma2 };
}

/** `ETS(A,Ad,A)`. @example etsName({ error: "M", trend: "Ad", season: "M", period: 12 }); // => "ETS(M,Ad,M)" */
export function etsName(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend},${spec.season})`;
}

const logistic = (u: number, lo: number, hi: number): number => lo + (hi - lo) / (1 + Math.exp(-u));
const logit = (v: number, lo: number, hi: number): number => Math.log((v - lo) / (hi - v));

interface Smoothing {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  /** φ when damped, 1 with an undamped trend, 0 without a trend. */
  readonly phi: number;
}

interface State {
  level: number;
  trend: number;
  /** Seasonal state for the observations t ≡ j (mod m), most recent. */
  readonly season: Float64Array;
}

/** One pass of the recursions: the log-likelihood, σ² and the final state; null when a one-step forecast of a multiplicative model is not positive. */
function smooth(y: Float64Array, spec: EtsSpec, m: number, initial: EtsInitialStates, p: Smoothing): { logLik: number; sigma2: number; state: State } | null {
  const n = y.length;
  const season = Float64Array.from(initial.season.length ? initial.season : [spec.season === "M" ? 1 : 0]);
  let level = initial.level;
  let trend = initial.trend;
  let sse = 0;
  let logSum = 0;
  for (let t = 0; t < n; t++) {
    const phib = p.phi * trend;
    const q = level + phib;
    const j = t % m;
    const s = season[j]!;
    const yhat = spec.season === "A" ? q + s : spec.season === "M" ? q * s : q;
    const v = y[t]!;
    let e: number;
    if (spec.error === "M") {
      if (!(yhat > 0)) return null;
      e = (v - yhat) / yhat;
      logSum += Math.log(yhat);
    } else e = v - yhat;
    sse += e * e;
    const pv = spec.season === "A" ? v - s : spec.season === "M" ? v / s : v;
    const next = q + p.alpha * (pv - q);
    if (spec.trend !== "N") trend = phib + (p.beta / p.alpha) * (next - level - phib);
    if (spec.season === "A") season[j] = s + p.gamma * (v - q - s);
    else if (spec.season === "M") season[j] = s + p.gamma * (v / q - s);
    level = next;
  }
  const sigma2 = sse / n;
  // An exact fit (σ² = 0) has log L = +∞: kept as is, for `ets` to refuse it.
  const logLik = sigma2 === 0 ? Infinity : -(n / 2) * (Math.log(2 * Math.PI * sigma2) + 1) - logSum;
  return Number.isNaN(logLik) || logLik === -Infinity ? null : { logLik, sigma2, state: { level, trend, season } };
}

function pointForecast(state: State, spec: EtsSpec, m: number, phi: number, n: number, h: number): number {
  const trendSum = spec.trend === "Ad" ? (phi * (1 - phi ** h)) / (1 - phi) : spec.trend === "A" ? h : 0;
  const q = state.level + trendSum * state.trend;
  const s = state.season[(n + h - 1) % m]!;
  return spec.season === "A" ? q + s : spec.season === "M" ? q * s : q;
}

/** Sample paths from the final state with Gaussian errors of variance σ² (relative errors for a multiplicative error). */
function simulate(from: State, spec: EtsSpec, m: number, p: Smoothing, n: number, h: number, sigma2: number, seed: number, count: number): Float64Array[] {
  const normal = normalSource(createRand(seed));
  const sd = Math.sqrt(sigma2);
  const paths: Float64Array[] = [];
  const season = new Float64Array(from.season.length);
  for (let s = 0; s < count; s++) {
    season.set(from.season);
    let level = from.level;
    let trend = from.trend;
    const path = new Float64Array(h);
    for (let i = 0; i < h; i++) {
      const t = n + i;
      const phib = p.phi * trend;
      const q = level + phib;
      const j = t % m;
      const sj = season[j]!;
      const yhat = spec.season === "A" ? q + sj : spec.season === "M" ? q * sj : q;
      const e = sd * normal();
      const v = spec.error === "M" ? yhat * (1 + e) : yhat + e;
      path[i] = v;
      const pv = spec.season === "A" ? v - sj : spec.season === "M" ? v / sj : v;
      const next = q + p.alpha * (pv - q);
      if (spec.trend !== "N") trend = phib + (p.beta / p.alpha) * (next - level - phib);
      if (spec.season === "A") season[j] = sj + p.gamma * (v - q - sj);
      else if (spec.season === "M") season[j] = sj + p.gamma * (v / q - sj);
      level = next;
    }
    paths.push(path);
  }
  return paths;
}

/**
 * statsmodels' `_initialization_heuristic` (Hyndman et al. 2008, §2.6.1).
 *
 * @example etsInitialStates([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { error: "A", trend: "A", season: "N", period: 1 }); // => { level: 0, trend: 1, season: [] }
 */
export function etsInitialStates(y: ArrayLike<number>, spec: EtsSpec): EtsInitialStates {
  const n = y.length;
  if (n < 10) throw new Error(`invalid series for ${etsName(spec)}: ${n} values, the heuristic initialisation needs 10`);
  let base = Array.from(y as ArrayLike<number>);
  let season: number[] = [];
  if (spec.season !== "N") {
    const m = spec.period;
    const minObs = 10 + 2 * Math.floor(m / 2);
    if (n < 2 * m || n < minObs) throw new Error(`invalid series for ${etsName(spec)}: ${n} values, period ${m} needs ${Math.max(2 * m, minObs)}`);
    const cycles = Math.max(Math.min(5, Math.floor(n / m)), Math.ceil(minObs / m));
    const series = base.slice(0, m * cycles);
    const trend = centredMovingAverage(series, m);
    const sums = new Float64Array(m);
    const counts = new Float64Array(m);
    series.forEach((v, i) => {
      const t = trend[i]!;
      if (Number.isNaN(t)) return;
      sums[i % m]! += spec.season === "A" ? v - t : v / t;
      counts[i % m]!++;
    });
    season = Array.from(sums, (s, j) => s / counts[j]!);
    const mean = season.reduce((a, b) => a + b, 0) / m;
    season = season.map((s) => (spec.season === "A" ? s - mean : s / mean));
    base = trend.filter((t) => !Number.isNaN(t));
  }
  // Least squares line through the first 10 values at x = 1 … 10: the level is its value at x = 0.
  const first = base.slice(0, 10);
  const xMean = 5.5;
  const yMean = first.reduce((a, b) => a + b, 0) / 10;
  let sxy = 0;
  let sxx = 0;
  first.forEach((v, i) => {
    sxy += (i + 1 - xMean) * (v - yMean);
    sxx += (i + 1 - xMean) ** 2;
  });
  const slope = sxy / sxx;
  return { level: yMean - slope * xMean, trend: spec.trend === "N" ? 0 : slope, season };
}

/** pandas' `rolling(m, center=True).mean()`, then for even m the mean of each value and the next (the 2×m average); NaN where the window does not fit. */
function centredMovingAverage(y: readonly number[], m: number): number[] {
  const n = y.length;
  const out = new Array<number>(n).fill(NaN);
  const half = Math.floor(m / 2);
  for (let i = 0; i < n; i++) {
    if (m % 2 === 1) {
      if (i - half < 0 || i + half >= n) continue;
      let s = 0;
      for (let k = i - half; k <= i + half; k++) s += y[k]!;
      out[i] = s / m;
    } else {
      if (i - half < 0 || i + half >= n) continue;
      let s = (y[i - half]! + y[i + half]!) / 2;
      for (let k = i - half + 1; k <= i + half - 1; k++) s += y[k]!;
      out[i] = s / m;
    }
  }
  return out;
}
