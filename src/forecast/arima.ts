/**
 * ARIMA(p,d,q)(P,D,Q)[m] fitted by exact maximum likelihood, as R's
 * `arima(x, order, seasonal, method = "ML")`.
 */
import { armaState, invpartrans, kalmanFilter, partrans, stationaryCovariance, type ArmaState } from "./arma.ts";
import { gaussianForecast, logNormalForecast } from "./intervals.ts";
import { bfgs } from "./optimise.ts";
import type { Forecast, FittedModel } from "./types.ts";

/** atanh(0.95): the CSS estimates that start the ML stage are pulled inside |partial autocorrelation| ≤ 0.95. */
const START_LIMIT = Math.atanh(0.95);

export interface ArimaOrder {
  readonly p: number;
  readonly d: number;
  readonly q: number;
  /** Seasonal orders; 0 when there is no seasonal part. */
  readonly P: number;
  readonly D: number;
  readonly Q: number;
  /** The seasonal period m (1 without a seasonal part). */
  readonly period: number;
}

export interface ArimaOptions {
  /**
   * Estimate a constant: the mean of the differenced series (R's
   * "intercept" when d + D = 0, "drift" when d + D = 1). Default: when
   * d + D ≤ 1 (R's `arima` includes it only when d + D = 0; `auto.arima`
   * adds the drift).
   */
  readonly constant?: boolean;
  /** Fit to log(y) and transform forecasts back with exp (the point forecast is then the median). Default false. */
  readonly log?: boolean;
  /**
   * "ML": exact maximum likelihood from zero coefficients; "CSS-ML" (default,
   * as R): the same, started from the conditional-sum-of-squares estimates;
   * "CSS": conditional sum of squares only (fast, for order searches).
   */
  readonly method?: "ML" | "CSS-ML" | "CSS";
  /** Start the optimiser from these coefficients (in `parameters` order, constant last), e.g. a previous fit's; skips the CSS stage. */
  readonly start?: readonly number[];
  /** Seeds the simulation of the total's interval for a log model. Default 1. */
  readonly seed?: number;
  /** BFGS iterations at most, per stage. Default 200. */
  readonly maxIterations?: number;
}

export interface ArimaFit extends FittedModel {
  readonly order: ArimaOrder;
  /** ar1…, ma1…, sar1…, sma1…, then mean or drift, as R names them. */
  readonly parameters: Readonly<Record<string, number>>;
  /** The constant (on the fitting scale), or null without one. */
  readonly constant: number | null;
  /** Observations in the likelihood: n − d − mD. */
  readonly nobs: number;
  /** How it was fitted; with "CSS", logLik, σ² and the criteria are the conditional ones. */
  readonly method: "ML" | "CSS-ML" | "CSS";
  /** Likelihood (or sum-of-squares) evaluations spent. */
  readonly evaluations: number;
  readonly aic: number;
  readonly bic: number;
  readonly logLik: number;
  readonly aicc: number;
}

/**
 * Fits a seasonal ARIMA by exact Gaussian maximum likelihood.
 *
 * - The series (or its log) is differenced d times at lag 1 and D times at
 *   lag m; the differenced series w (n − d − mD values), minus its constant,
 *   is a stationary ARMA whose polynomials are the products
 *   φ(B)Φ(Bᵐ) and θ(B)Θ(Bᵐ). Its likelihood is what R's `arima` reports:
 *   R's diffuse prior on the differenced states gives the same.
 * - The likelihood comes from the Kalman filter on the state-space form,
 *   started from the stationary state covariance (see `stationaryCovariance`);
 *   σ² is concentrated out: σ² = Σ v²/F ÷ nobs.
 * - The optimiser is BFGS with numerical gradients (as R's) on unconstrained
 *   values mapped by R's `partrans` (tanh partial autocorrelations) to each
 *   AR and MA polynomial, so the fit is stationary and invertible (the exact
 *   likelihood of a non-invertible MA equals that of its invertible mirror);
 *   the series is scaled to unit variance while fitting. With the default
 *   method "CSS-ML" it starts from the conditional-sum-of-squares estimates
 *   (the constant held at the mean of w, partial autocorrelations pulled
 *   inside ±0.95), with "ML" from 0 and the mean of w, or from `options.start`.
 * - AIC = −2 log L + 2(k + 1), AICc = AIC + 2(k + 1)(k + 2) ÷ (nobs − k − 2),
 *   BIC = −2 log L + (k + 1) log nobs, k coefficients (σ² counted too), as
 *   R and `auto.arima`. With method "CSS" they use the conditional
 *   log L = −nobs/2 (log(2π σ²) + 1), σ² = the CSS sum ÷ (nobs − p − mP),
 *   which ranks models as `auto.arima(approximation = TRUE)` does.
 * - Forecasts: the ARMA state is projected forward from the last filtered
 *   state, with its covariance, and undifferenced; the errors' covariance
 *   includes the uncertainty of the last state, as R's `predict.Arima`.
 *   With `log`, the point forecast exp(ŷ) is the median, intervals are
 *   exp of the log-scale ones, and the total's are simulated (seeded).
 *
 * Empty-data policy: throws when the differenced series has no more than
 * k + 2 values or is constant, a value is not finite, or (with `log`) not
 * positive.
 *
 * @example arima(logAirPassengers, { p: 0, d: 1, q: 1, P: 0, D: 1, Q: 1, period: 12 }).parameters; // => { ma1: −0.4018, sma1: −0.5569 }
 */
export function arima(y: ArrayLike<number>, order: ArimaOrder, options: ArimaOptions = {}): ArimaFit {
  validateOrder(order);
  const { p, d, q, P, D, Q, period: m } = order;
  const log = options.log ?? false;
  const x = Float64Array.from({ length: y.length }, (_, i) => {
    const v = y[i]!;
    if (!Number.isFinite(v) || (log && !(v > 0))) throw new Error(`invalid value at ${i}: ${v}${log ? " (log needs positive values)" : ""}`);
    return log ? Math.log(v) : v;
  });
  const dpoly = differencingPolynomial(d, D, m);
  const w = difference(x, dpoly);
  const constant = options.constant ?? d + D <= 1;
  const k = p + q + P + Q + (constant ? 1 : 0);
  const nobs = w.length;
  if (nobs <= k + 2) throw new Error(`invalid series for ${arimaName(order)}: ${nobs} values after differencing, ${k} coefficients`);

  let mean = 0;
  for (const v of w) mean += v / nobs;
  let variance = 0;
  for (const v of w) variance += (v - mean) ** 2 / nobs;
  if (!(variance > 0)) throw new Error(`invalid series for ${arimaName(order)}: the differenced series is constant`);
  const scale = Math.sqrt(variance);
  const ws = w.map((v) => v / scale);
  const centred = new Float64Array(nobs);

  const model = (u: ArrayLike<number>) => {
    const ar = partrans(slice(u, 0, p));
    const ma = negate(partrans(slice(u, p, q)));
    const sar = partrans(slice(u, p + q, P));
    const sma = negate(partrans(slice(u, p + q + P, Q)));
    const mu = constant ? u[k - 1]! : 0;
    return { ar, ma, sar, sma, mu, state: armaState(expandAr(ar, sar, m), expandMa(ma, sma, m)) };
  };
  const run = (u: ArrayLike<number>) => {
    const mdl = model(u);
    for (let t = 0; t < nobs; t++) centred[t] = ws[t]! - mdl.mu;
    return { mdl, kf: kalmanFilter(centred, mdl.state, stationaryCovariance(mdl.state)) };
  };
  const objective = (u: Float64Array): number => {
    const { kf } = run(u);
    return Math.log(kf.ssq / nobs) + kf.sumlog / nobs;
  };

  // The CSS stage keeps the constant at the mean of w: near an AR unit root the
  // sum of squares hardly depends on it, and its estimate can run away.
  const cssObjective = (u: Float64Array): number => {
    const mdl = model(u);
    const ssq = css(ws, constant ? mean / scale : 0, mdl.state);
    return Math.log(ssq.ssq / ssq.n);
  };

  const u0: Float64Array = new Float64Array(k);
  if (options.start) {
    const s = options.start;
    u0.set(invpartrans(s.slice(0, p)), 0);
    u0.set(invpartrans(s.slice(p, p + q).map((v) => -v)), p);
    u0.set(invpartrans(s.slice(p + q, p + q + P)), p + q);
    u0.set(invpartrans(s.slice(p + q + P, p + q + P + Q).map((v) => -v)), p + q + P);
    if (constant) u0[k - 1] = (s[k - 1] ?? mean) / scale;
    for (let i = 0; i < k; i++) if (!Number.isFinite(u0[i]!)) u0[i] = 0;
  } else if (constant) u0[k - 1] = mean / scale;
  const budget = options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {};
  const method = options.method ?? "CSS-ML";
  let converged = true;
  let evaluations = 0;
  let xBest: Float64Array = u0;
  if (method === "CSS" || (method === "CSS-ML" && !options.start)) {
    const fit = bfgs(cssObjective, u0, { relativeTolerance: 1e-8, ...budget });
    xBest = fit.x;
    converged = fit.converged;
    evaluations += fit.evaluations;
  }
  if (method !== "CSS") {
    // ML starts inside the region: CSS partial autocorrelations are pulled to at most 0.95 in size.
    const start = method === "CSS-ML" && !options.start ? xBest.map((v) => Math.max(-START_LIMIT, Math.min(START_LIMIT, v))) : u0;
    if (method === "CSS-ML" && !options.start && constant) start[k - 1] = mean / scale;
    const fit = bfgs(objective, start, budget);
    xBest = fit.x;
    converged = fit.converged;
    evaluations += fit.evaluations;
  }
  const fit = { x: xBest, converged, evaluations };

  if (method === "CSS" && constant) fit.x[k - 1] = mean / scale;
  const { mdl, kf } = run(fit.x);
  let sigma2 = (kf.ssq / nobs) * scale * scale;
  let logLik = -0.5 * (nobs * Math.log(2 * Math.PI * sigma2) + kf.sumlog + nobs);
  if (method === "CSS") {
    const c = css(ws, constant ? mean / scale : 0, mdl.state);
    sigma2 = (c.ssq / c.n) * scale * scale;
    logLik = -0.5 * nobs * (Math.log(2 * Math.PI * sigma2) + 1);
  }
  const npar = k + 1;
  const aic = -2 * logLik + 2 * npar;
  const parameters: Record<string, number> = {};
  mdl.ar.forEach((v, i) => (parameters[`ar${i + 1}`] = v));
  mdl.ma.forEach((v, i) => (parameters[`ma${i + 1}`] = v));
  mdl.sar.forEach((v, i) => (parameters[`sar${i + 1}`] = v));
  mdl.sma.forEach((v, i) => (parameters[`sma${i + 1}`] = v));
  const constantValue = constant ? mdl.mu * scale : null;
  if (constantValue !== null) parameters[d + D === 0 ? "mean" : "drift"] = constantValue;
  const seed = options.seed ?? 1;

  return {
    model: arimaName(order) + (constant ? (d + D === 0 ? " with mean" : " with drift") : ""),
    order,
    parameters,
    constant: constantValue,
    sigma2,
    nobs,
    logLik,
    aic,
    aicc: aic + (2 * npar * (npar + 1)) / (nobs - npar - 1),
    bic: -2 * logLik + npar * Math.log(nobs),
    converged: fit.converged,
    method,
    evaluations: fit.evaluations,
    scale: log ? "log" : "identity",
    forecast(horizon: number): Forecast {
      const { mean: fc, cov } = project(x, dpoly, mdl.state, kf, mdl.mu * scale, scale, sigma2, horizon);
      return log ? logNormalForecast(fc, cov, seed) : gaussianForecast(fc, cov);
    },
  };
}

export interface ArimaCoefficients {
  readonly ar?: readonly number[];
  readonly ma?: readonly number[];
  readonly sar?: readonly number[];
  readonly sma?: readonly number[];
  /** Mean (or drift) of the differenced series; 0 when absent. */
  readonly constant?: number;
}

/**
 * The exact Gaussian log-likelihood of ARIMA coefficients given (not
 * estimated), with σ² concentrated out, on the same path `arima` maximises:
 * −½ (nobs log(2π σ²) + Σ log F_t + nobs), σ² = Σ v_t²/F_t ÷ nobs. The orders
 * come from the coefficient counts; the AR and MA parts must be stationary
 * and invertible.
 *
 * @example arimaLogLik([1, 2], 0, 0, 1, { ar: [0.5] }); // => the AR(1) closed form (see the tests)
 */
export function arimaLogLik(
  y: ArrayLike<number>,
  d: number,
  D: number,
  period: number,
  coef: ArimaCoefficients,
): { logLik: number; sigma2: number; nobs: number } {
  const m = period;
  const w = difference(Float64Array.from(y as ArrayLike<number>), differencingPolynomial(d, D, m));
  const mu = coef.constant ?? 0;
  const state = armaState(
    expandAr(Float64Array.from(coef.ar ?? []), Float64Array.from(coef.sar ?? []), m),
    expandMa(Float64Array.from(coef.ma ?? []), Float64Array.from(coef.sma ?? []), m),
  );
  const kf = kalmanFilter(
    w.map((v) => v - mu),
    state,
    stationaryCovariance(state),
  );
  const nobs = w.length;
  const sigma2 = kf.ssq / nobs;
  return { logLik: -0.5 * (nobs * Math.log(2 * Math.PI * sigma2) + kf.sumlog + nobs), sigma2, nobs };
}

/**
 * Conditional sum of squares (R's `ARIMA_CSS`): with p' the expanded AR
 * order, residuals e_t = w_t − μ − Σ φ'_i (w_{t−i} − μ) − Σ θ'_j e_{t−j}
 * for t ≥ p', taking e_t = 0 before; returns Σ e² over those n − p' values.
 */
function css(w: Float64Array, mu: number, state: ArmaState): { ssq: number; n: number } {
  const { phi, R } = state;
  const ar: number[] = [];
  const arLag: number[] = [];
  phi.forEach((v, i) => {
    if (v !== 0) {
      ar.push(v);
      arLag.push(i + 1);
    }
  });
  const ma: number[] = [];
  const maLag: number[] = [];
  R.forEach((v, j) => {
    if (j > 0 && v !== 0) {
      ma.push(v);
      maLag.push(j);
    }
  });
  const start = arLag.length ? arLag[arLag.length - 1]! : 0;
  const n = w.length;
  const e = new Float64Array(n);
  let ssq = 0;
  for (let t = start; t < n; t++) {
    let v = w[t]! - mu;
    for (let i = 0; i < ar.length; i++) v -= ar[i]! * (w[t - arLag[i]!]! - mu);
    for (let j = 0; j < ma.length; j++) {
      const l = t - maLag[j]!;
      if (l >= start) v -= ma[j]! * e[l]!;
    }
    e[t] = v;
    ssq += v * v;
  }
  return { ssq, n: n - start };
}

/** `ARIMA(p,d,q)(P,D,Q)[m]`, without the seasonal part when it is all 0. @example arimaName({ p: 0, d: 1, q: 1, P: 0, D: 1, Q: 1, period: 12 }); // => "ARIMA(0,1,1)(0,1,1)[12]" */
export function arimaName(o: ArimaOrder): string {
  const seasonal = o.P + o.D + o.Q > 0 ? `(${o.P},${o.D},${o.Q})[${o.period}]` : "";
  return `ARIMA(${o.p},${o.d},${o.q})${seasonal}`;
}

function validateOrder(o: ArimaOrder): void {
  for (const key of ["p", "d", "q", "P", "D", "Q"] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 0) throw new Error(`invalid ARIMA order ${key}: ${o[key]}`);
  }
  if (!Number.isInteger(o.period) || o.period < 1) throw new Error(`invalid ARIMA period: ${o.period}`);
  if (o.period === 1 && o.P + o.D + o.Q > 0) throw new Error(`invalid ARIMA order: a seasonal part needs a period above 1`);
}

const slice = (u: ArrayLike<number>, from: number, length: number): number[] => Array.from({ length }, (_, i) => u[from + i]!);
const negate = (a: Float64Array): Float64Array => a.map((v) => -v);

/** Coefficients of (1 − φ(B))(1 − Φ(Bᵐ)) written as φ': w_t = Σ φ'_i w_{t−i} + … */
function expandAr(ar: Float64Array, sar: Float64Array, m: number): Float64Array {
  const out = new Float64Array(ar.length + m * sar.length);
  // (1 − Σ a_i Bⁱ)(1 − Σ s_j B^{mj}) = 1 − Σ a_i Bⁱ − Σ s_j B^{mj} + Σ a_i s_j B^{i+mj}
  ar.forEach((a, i) => (out[i]! += a));
  sar.forEach((s, j) => {
    out[m * (j + 1) - 1]! += s;
    ar.forEach((a, i) => (out[i + m * (j + 1)]! -= a * s));
  });
  return out;
}

/** Coefficients of (1 + θ(B))(1 + Θ(Bᵐ)) past the leading 1. */
function expandMa(ma: Float64Array, sma: Float64Array, m: number): Float64Array {
  const out = new Float64Array(ma.length + m * sma.length);
  ma.forEach((a, i) => (out[i]! += a));
  sma.forEach((s, j) => {
    out[m * (j + 1) - 1]! += s;
    ma.forEach((a, i) => (out[i + m * (j + 1)]! += a * s));
  });
  return out;
}

/**
 * The coefficients δ_0 = 1, δ_1, … of (1 − B)^d (1 − Bᵐ)^D, so that
 * w_t = Σ_k δ_k y_{t−k}.
 * @example differencingPolynomial(1, 1, 4); // => [1, -1, 0, 0, -1, 1]
 */
export function differencingPolynomial(d: number, D: number, m: number): Float64Array {
  let poly = Float64Array.of(1);
  const times = (factor: Float64Array): void => {
    const out = new Float64Array(poly.length + factor.length - 1);
    poly.forEach((a, i) => factor.forEach((b, j) => (out[i + j]! += a * b)));
    poly = out;
  };
  for (let i = 0; i < d; i++) times(Float64Array.of(1, -1));
  const seasonal = new Float64Array(m + 1);
  seasonal[0] = 1;
  seasonal[m] = -1;
  for (let i = 0; i < D; i++) times(seasonal);
  return poly;
}

/** w_t = Σ_k δ_k x_{t−k} for t ≥ deg δ. */
function difference(x: Float64Array, dpoly: Float64Array): Float64Array {
  const lag = dpoly.length - 1;
  const w = new Float64Array(Math.max(0, x.length - lag));
  for (let t = lag; t < x.length; t++) {
    let s = 0;
    for (let k = 0; k <= lag; k++) s += dpoly[k]! * x[t - k]!;
    w[t - lag] = s;
  }
  return w;
}

/**
 * Forecasts of x (undifferenced, fitting scale) `h` steps ahead and the
 * covariance of their errors. `sigma2` and `mu` are in the units of x; the
 * filter ran on the differenced series divided by `scale`, so its state is
 * scaled back here.
 *
 * ARMA errors e_i = w_{n+i} − ŵ_{n+i}: Cov(e_i, e_j) = (T^{j−i} P_i)_{11} σ²
 * for i ≤ j, with P_1 = T P_{n|n} Tᵀ + R Rᵀ and P_i = T P_{i−1} Tᵀ + R Rᵀ.
 * Undifferencing: x_{n+i} = w_{n+i} − Σ_{k≥1} δ_k x_{n+i−k}, so the errors
 * are E = L e with L lower triangular, L_{ij} = c_{i−j}, c the expansion of 1/δ(B).
 */
function project(
  x: Float64Array,
  dpoly: Float64Array,
  state: ArmaState,
  kf: { a: Float64Array; P: Float64Array },
  mu: number,
  scale: number,
  sigma2: number,
  h: number,
): { mean: Float64Array; cov: Float64Array } {
  const { r, phi, R } = state;
  const step = (v: Float64Array): Float64Array => {
    const out = new Float64Array(r);
    for (let i = 0; i < r; i++) out[i] = phi[i]! * v[0]! + (i + 1 < r ? v[i + 1]! : 0);
    return out;
  };
  // Point forecasts of w.
  let a: Float64Array = kf.a.slice();
  const wHat = new Float64Array(h);
  for (let i = 0; i < h; i++) {
    a = step(a);
    wHat[i] = mu + a[0]! * scale;
  }
  // Covariances of the w errors.
  const c = new Float64Array(h * h);
  let P: Float64Array = kf.P.slice();
  for (let i = 0; i < h; i++) {
    const next = new Float64Array(r * r);
    for (let s = 0; s < r; s++) {
      for (let t = 0; t < r; t++) {
        let v = phi[s]! * phi[t]! * P[0]! + R[s]! * R[t]!;
        if (t + 1 < r) v += phi[s]! * P[t + 1]!;
        if (s + 1 < r) v += phi[t]! * P[s + 1]!;
        if (s + 1 < r && t + 1 < r) v += P[(s + 1) * r + t + 1]!;
        next[s * r + t] = v;
      }
    }
    P = next;
    let col: Float64Array = Float64Array.from({ length: r }, (_, s) => P[s * r]!);
    for (let j = i; j < h; j++) {
      if (j > i) col = step(col);
      c[i * h + j] = c[j * h + i] = col[0]! * sigma2;
    }
  }
  // Undifference.
  const lag = dpoly.length - 1;
  const n = x.length;
  const history = Float64Array.from({ length: lag + h }, (_, i) => (i < lag ? x[n - lag + i]! : 0));
  const mean = new Float64Array(h);
  for (let i = 0; i < h; i++) {
    let v = wHat[i]!;
    for (let k = 1; k <= lag; k++) v -= dpoly[k]! * history[lag + i - k]!;
    history[lag + i] = v;
    mean[i] = v;
  }
  const psi = new Float64Array(h);
  for (let j = 0; j < h; j++) {
    let v = j === 0 ? 1 : 0;
    for (let k = 1; k <= Math.min(j, lag); k++) v -= dpoly[k]! * psi[j - k]!;
    psi[j] = v;
  }
  // cov = L c Lᵀ
  const lc = new Float64Array(h * h);
  for (let i = 0; i < h; i++) for (let j = 0; j < h; j++) for (let k = 0; k <= i; k++) lc[i * h + j]! += psi[i - k]! * c[k * h + j]!;
  const cov = new Float64Array(h * h);
  for (let i = 0; i < h; i++)
    for (let j = 0; j <= i; j++) {
      let v = 0;
      for (let k = 0; k <= j; k++) v += lc[i * h + k]! * psi[j - k]!;
      cov[i * h + j] = cov[j * h + i] = v;
    }
  return { mean, cov };
}
