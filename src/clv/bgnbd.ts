/**
 * The BG/NBD model of repeat purchases (Fader, Hardie & Lee 2005, "Counting
 * your customers the easy way", Marketing Science 24(2)): while alive, a
 * customer buys at a Poisson rate λ ~ Gamma(r, α); after each purchase they
 * drop out with probability p ~ Beta(a, b). Fitted by maximum likelihood on
 * each customer's frequency x (repeat purchases), recency tₓ (time of the
 * last purchase since the first) and age T (time since the first purchase),
 * all in one time unit, as lifetimes' `BetaGeoFitter`.
 */
import { gammaln } from "simple-statistics";
import { bestRun, column, LOG_BOUND, MIN_REPEAT_BUYERS, minimiseFromStarts, type FitOptions, type FitStart, type NotEnoughData } from "./fit.ts";
import { digamma } from "./digamma.ts";
import { hyp2f1 } from "./hyp2f1.ts";

export interface BgNbdParams {
  readonly r: number;
  /** In the data's time unit (weeks in romi). */
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** One customer's summary: `frequency` repeat purchases, the last at `recency`, observed for `T`. */
export interface PurchaseHistory {
  readonly frequency: number;
  readonly recency: number;
  readonly T: number;
}

/** Customers as rows, or as three columns of equal length. */
export type HistoryInput =
  readonly PurchaseHistory[] | { readonly frequency: ArrayLike<number>; readonly recency: ArrayLike<number>; readonly T: ArrayLike<number> };

export interface BgNbdFit extends BgNbdParams {
  readonly status: "fitted";
  /** Total log-likelihood at the parameters (the paper's −9,582.4 on CDNOW). */
  readonly logLikelihood: number;
  /** Whether the best start's optimiser met its tolerance (see `minimiseFromStarts`). */
  readonly converged: boolean;
  /** Optimiser iterations of the best start. */
  readonly iterations: number;
  /** Every start and where it ended. */
  readonly starts: readonly FitStart<BgNbdParams>[];
  readonly customers: number;
  readonly repeatBuyers: number;
}

/** Time is rescaled so that the longest T is this while fitting (as lifetimes does); α is scaled back. */
const SCALED_T = 10;

/**
 * Maximum-likelihood BG/NBD parameters: the log-likelihood of Fader, Hardie
 * & Lee (2005, eq. 6, as lifetimes' `_negative_log_likelihood`) is maximised
 * over log r, log α, log a, log b by BFGS on its analytic gradient (with
 * Nelder–Mead as the fallback, see `minimiseFromStarts`) from five starts
 * (lifetimes' own, log-parameters 0.1, and four spread around the observed
 * purchase rate), and the best likelihood is kept. Time is rescaled so that
 * the longest T is 10 while fitting, as lifetimes does. Customers with the
 * same (x, tₓ, T) are counted once, with a weight.
 *
 * Empty-data policy: fewer than 3 repeat buyers (x > 0), or no T above 0,
 * give `status: "not enough data"`; values that are not finite, negative, a
 * frequency that is not a whole number or a recency above T throw a
 * `RangeError` naming the customer.
 *
 * @example
 * fitBgNbd(cdnowSample); // => { status: "fitted", r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258, logLikelihood: -9582.43, … }
 */
export function fitBgNbd(summary: HistoryInput, options: FitOptions<BgNbdParams> = {}): BgNbdFit | NotEnoughData {
  const { penalizer = 0, maxIterations = 500 } = options;
  const x = column(summary, "frequency");
  const tx = column(summary, "recency");
  const T = column(summary, "T");
  const n = x.length;
  if (tx.length !== n || T.length !== n) throw new RangeError(`invalid fitBgNbd columns: lengths ${n}, ${tx.length}, ${T.length}`);
  let repeatBuyers = 0;
  let maxT = 0;
  for (let i = 0; i < n; i++) {
    checkHistory(x[i]!, tx[i]!, T[i]!, `customer ${i}`);
    if (x[i]! > 0) repeatBuyers++;
    maxT = Math.max(maxT, T[i]!);
  }
  if (repeatBuyers < MIN_REPEAT_BUYERS || maxT === 0) {
    return {
      status: "not enough data",
      lack: repeatBuyers < MIN_REPEAT_BUYERS ? "repeat_buyers" : "observation_time",
      customers: n,
      usable: repeatBuyers,
      required: MIN_REPEAT_BUYERS,
    };
  }
  const scale = SCALED_T / maxT;
  const data = grouped(x, tx, T, scale);
  const f = (theta: readonly number[], gradient: number[]): number => data.meanNegativeLogLikelihood(theta, gradient, penalizer);
  const rate = data.repeatPurchases / data.exposure;
  const starts = options.starts
    ? options.starts.map((s) => [s.r, s.alpha * scale, s.a, s.b].map(Math.log))
    : [
        [0.1, 0.1, 0.1, 0.1],
        [Math.log(0.25), Math.log(0.25 / rate), Math.log(0.5), Math.log(2)],
        [0, Math.log(1 / rate), 0, Math.log(5)],
        [Math.log(2), Math.log(2 / rate), Math.log(0.2), 0],
        [Math.log(0.5), Math.log(0.5 / rate), Math.log(3), Math.log(10)],
      ];
  const runs = minimiseFromStarts(f, starts, maxIterations);
  const unscale = (theta: readonly number[]): BgNbdParams => ({
    r: Math.exp(theta[0]!),
    alpha: Math.exp(theta[1]!) / scale,
    a: Math.exp(theta[2]!),
    b: Math.exp(theta[3]!),
  });
  const records = runs.map((run, i) => {
    const end = unscale(run.x);
    return {
      start: unscale(starts[i]!),
      end,
      // In the original time unit: scaling α and the times by s shifts each customer's term by −x ln s.
      logLikelihood: -n * data.meanNegativeLogLikelihood(run.x, [], 0) + Math.log(scale) * data.repeatPurchases,
      converged: run.converged,
      iterations: run.iterations,
    };
  });
  const best = bestRun(runs);
  const record = records[runs.indexOf(best)]!;
  return {
    status: "fitted",
    ...record.end,
    logLikelihood: record.logLikelihood,
    converged: record.converged,
    iterations: record.iterations,
    starts: records,
    customers: n,
    repeatBuyers,
  };
}

/** Throws for a history the model cannot take; `who` names it ("customer 12"). */
export function checkHistory(x: number, tx: number, T: number, who: string): void {
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`invalid frequency of ${who}: ${x}`);
  if (!Number.isFinite(tx) || tx < 0) throw new RangeError(`invalid recency of ${who}: ${tx}`);
  if (!Number.isFinite(T) || T < tx) throw new RangeError(`invalid T of ${who}: ${T} (recency ${tx})`);
}

/**
 * Total BG/NBD log-likelihood of the customers at the parameters:
 * Σ ln[ B(a, b + x)/B(a, b) · Γ(r + x)αʳ/(Γ(r)(α + T)^(r+x))
 *       + [x > 0] B(a + 1, b + x − 1)/B(a, b) · Γ(r + x)αʳ/(Γ(r)(α + tₓ)^(r+x)) ].
 *
 * @example bgNbdLogLikelihood({ r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 }, cdnowSample); // => -9582.43
 */
export function bgNbdLogLikelihood(params: BgNbdParams, summary: HistoryInput): number {
  const { r, alpha, a, b } = params;
  const x = column(summary, "frequency");
  const tx = column(summary, "recency");
  const T = column(summary, "T");
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const a12 = gammaln(r + xi) - gammaln(r) + r * Math.log(alpha) + gammaln(a + b) + gammaln(b + xi) - gammaln(b) - gammaln(a + b + xi);
    const a3 = -(r + xi) * Math.log(alpha + T[i]!);
    total += a12 + (xi > 0 ? logAddExp(a3, Math.log(a) - Math.log(b + xi - 1) - (r + xi) * Math.log(alpha + tx[i]!)) : a3);
  }
  return total;
}

function logAddExp(u: number, v: number): number {
  const m = Math.max(u, v);
  return m + Math.log1p(Math.exp(-Math.abs(u - v)));
}

/**
 * Customers grouped by (x, tₓ, T), with the distinct times and frequencies
 * tabulated, so that a likelihood pass costs one exp and one log1p per group.
 * The gradient of eq. 6 in (r, α, a, b), with π the posterior weight of the
 * "dropped out at tₓ" term (0 when x = 0):
 *
 * - ∂/∂r = ψ(r + x) − ψ(r) + ln α − (1 − π) ln(α + T) − π ln(α + tₓ);
 * - ∂/∂α = r/α − (r + x) ((1 − π)/(α + T) + π/(α + tₓ));
 * - ∂/∂a = ψ(a + b) − ψ(a + b + x) + π/a;
 * - ∂/∂b = ψ(a + b) + ψ(b + x) − ψ(b) − ψ(a + b + x) − π/(b + x − 1);
 *
 * times r, α, a, b for the log-parameters.
 */
function grouped(x: ArrayLike<number>, tx: ArrayLike<number>, T: ArrayLike<number>, scale: number) {
  const groups = new Map<string, number>();
  const weight: number[] = [];
  const gx: number[] = [];
  const gT: number[] = [];
  const gtx: number[] = [];
  let repeatPurchases = 0;
  let exposure = 0;
  for (let i = 0; i < x.length; i++) {
    const key = `${x[i]},${tx[i]},${T[i]}`;
    const g = groups.get(key);
    repeatPurchases += x[i]!;
    exposure += T[i]! * scale;
    if (g !== undefined) {
      weight[g]!++;
      continue;
    }
    groups.set(key, weight.length);
    weight.push(1);
    gx.push(x[i]!);
    gT.push(T[i]! * scale);
    gtx.push(tx[i]! * scale);
  }
  const times = new Map<number, number>();
  const timeIndex = (t: number): number => {
    let k = times.get(t);
    if (k === undefined) times.set(t, (k = times.size));
    return k;
  };
  const freqs = new Map<number, number>();
  const freqIndex = (v: number): number => {
    let k = freqs.get(v);
    if (k === undefined) freqs.set(v, (k = freqs.size));
    return k;
  };
  const m = weight.length;
  const Ti = Int32Array.from(gT, timeIndex);
  const txi = Int32Array.from(gtx, timeIndex);
  const xi = Int32Array.from(gx, freqIndex);
  const w = Float64Array.from(weight);
  const timeValues = Float64Array.from(times.keys());
  const freqValues = Float64Array.from(freqs.keys());
  const freqWeight = new Float64Array(freqValues.length);
  for (let g = 0; g < m; g++) freqWeight[xi[g]!]! += w[g]!;
  const logTime = new Float64Array(timeValues.length);
  const invTime = new Float64Array(timeValues.length);
  const a12 = new Float64Array(freqValues.length);
  const a4 = new Float64Array(freqValues.length);
  const invB = new Float64Array(freqValues.length);
  const total = x.length;

  /** The mean negative log-likelihood of log-parameters plus the penalty; its gradient goes into `gradient`. */
  function meanNegativeLogLikelihood(theta: readonly number[], gradient: number[], penalizer: number): number {
    if (theta.some((t) => !(Math.abs(t) <= LOG_BOUND))) return Infinity;
    const [r, alpha, a, b] = theta.map(Math.exp) as [number, number, number, number];
    for (let k = 0; k < timeValues.length; k++) {
      logTime[k] = Math.log(alpha + timeValues[k]!);
      invTime[k] = 1 / (alpha + timeValues[k]!);
    }
    const logAlpha = Math.log(alpha);
    const base = r * logAlpha;
    const lgR = gammaln(r);
    const lgAB = gammaln(a + b);
    const lgB = gammaln(b);
    const psiR = digamma(r);
    const psiAB = digamma(a + b);
    const psiB = digamma(b);
    const logA = Math.log(a);
    // The parts of the gradient that depend on x alone, summed over each x's weight.
    let gR = 0;
    let gAlpha = (r / alpha) * total;
    let gA = 0;
    let gB = 0;
    for (let k = 0; k < freqValues.length; k++) {
      const v = freqValues[k]!;
      const wk = freqWeight[k]!;
      gR += wk * logAlpha;
      if (v === 0) {
        a12[k] = base;
        continue;
      }
      a12[k] = gammaln(r + v) - lgR + base + lgAB + gammaln(b + v) - lgB - gammaln(a + b + v);
      a4[k] = logA - Math.log(b + v - 1);
      invB[k] = 1 / (b + v - 1);
      const psiABX = digamma(a + b + v);
      gR += wk * (digamma(r + v) - psiR);
      gA += wk * (psiAB - psiABX);
      gB += wk * (psiAB + digamma(b + v) - psiB - psiABX);
    }
    let sum = 0;
    for (let g = 0; g < m; g++) {
      const k = xi[g]!;
      const v = freqValues[k]!;
      const wg = w[g]!;
      const t3 = Ti[g]!;
      const a3 = -(r + v) * logTime[t3]!;
      if (v === 0) {
        sum += wg * (a12[k]! + a3);
        gR -= wg * logTime[t3]!;
        gAlpha -= wg * (r + v) * invTime[t3]!;
        continue;
      }
      const t4 = txi[g]!;
      const a4g = a4[k]! - (r + v) * logTime[t4]!;
      const d = a4g - a3;
      const e = Math.exp(-Math.abs(d));
      const pi = d > 0 ? 1 / (1 + e) : e / (1 + e);
      sum += wg * (a12[k]! + Math.max(a3, a4g) + Math.log1p(e));
      gR -= wg * ((1 - pi) * logTime[t3]! + pi * logTime[t4]!);
      gAlpha -= wg * (r + v) * ((1 - pi) * invTime[t3]! + pi * invTime[t4]!);
      gA += (wg * pi) / a;
      gB -= wg * pi * invB[k]!;
    }
    const params = [r, alpha, a, b];
    const grads = [gR, gAlpha, gA, gB];
    for (let i = 0; i < 4; i++) gradient[i] = (-grads[i]! * params[i]!) / total + 2 * penalizer * params[i]! * params[i]!;
    const penalty = penalizer === 0 ? 0 : penalizer * (r * r + alpha * alpha + a * a + b * b);
    return -sum / total + penalty;
  }

  return { meanNegativeLogLikelihood, repeatPurchases, exposure };
}

/**
 * Expected repeat purchases in the next `t` time units of a customer with
 * history (x, tₓ, T): Fader, Hardie & Lee (2005) eq. 10, as lifetimes'
 * `conditional_expected_number_of_purchases_up_to_time`,
 *
 *   E = (a + b + x − 1)/(a − 1) · [1 − ((α + T)/(α + T + t))^(r+x) ₂F₁(r + x, b + x; a + b + x − 1; z)]
 *       ÷ (1 + [x > 0] a/(b + x − 1) · ((α + T)/(α + tₓ))^(r+x)),   z = t/(α + T + t).
 *
 * ₂F₁ is taken in Euler's form, ₂F₁(…; z) = (1 − z)^(a−1−r−x) ₂F₁(a + b − 1 − r, a − 1; a + b + x − 1; z),
 * whose series has small, fixed upper parameters whatever x, so the bracket
 * is 1 − (1 − z)^(a−1) ₂F₁(a + b − 1 − r, a − 1; a + b + x − 1; z), computed
 * with expm1 so that it keeps its digits when a is near 1 (a = 1 exactly is
 * taken as 1 + 1e-9, the formula's removable singularity).
 *
 * Policy: t = 0 gives 0; t, x, tₓ, T must be finite with 0 ≤ tₓ ≤ T and x a
 * whole number, or a `RangeError` is thrown.
 *
 * @example expectedPurchases({ r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 }, 39, 2, 30.43, 38.86); // => 1.2259 (CDNOW customer 1)
 */
export function expectedPurchases(params: BgNbdParams, t: number, frequency: number, recency: number, T: number): number {
  checkHistory(frequency, recency, T, "the customer");
  if (!Number.isFinite(t) || t < 0) throw new RangeError(`invalid expectedPurchases t: ${t}`);
  if (t === 0) return 0;
  const { r, alpha, b } = params;
  const a = params.a === 1 ? 1 + 1e-9 : params.a;
  const x = frequency;
  const z = t / (alpha + T + t);
  const log1mz = Math.log((alpha + T) / (alpha + T + t));
  const F = hyp2f1(a + b - 1 - r, a - 1, a + b + x - 1, z);
  const bracket = F > 0 ? -Math.expm1((a - 1) * log1mz + Math.log(F)) : 1 - Math.exp((a - 1) * log1mz) * F;
  const numerator = ((a + b + x - 1) / (a - 1)) * bracket;
  return numerator / (1 + deathOdds(params, x, recency, T));
}

/**
 * The odds against being alive, [x > 0] a/(b + x − 1) · ((α + T)/(α + tₓ))^(r+x),
 * by logarithms (so ∞ rather than NaN far out).
 */
function deathOdds(params: BgNbdParams, x: number, recency: number, T: number): number {
  if (x === 0) return 0;
  const { r, alpha, a, b } = params;
  return Math.exp(Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + T) / (alpha + recency)));
}

/**
 * P(alive | x, tₓ, T) = 1 ÷ (1 + [x > 0] a/(b + x − 1) · ((α + T)/(α + tₓ))^(r+x))
 * (Fader, Hardie & Lee, note 021; lifetimes' `conditional_probability_alive`):
 * 1 for a customer without repeat purchases, whom the model cannot have seen drop out.
 *
 * @example probabilityAlive({ r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 }, 2, 30.43, 38.86); // => 0.7266 (CDNOW customer 1)
 */
export function probabilityAlive(params: BgNbdParams, frequency: number, recency: number, T: number): number {
  checkHistory(frequency, recency, T, "the customer");
  return 1 / (1 + deathOdds(params, frequency, recency, T));
}
