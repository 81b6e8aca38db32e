/**
 * The Gamma-Gamma model of spend per purchase (Fader, Hardie & Lee 2005,
 * "RFM and CLV: using iso-value curves", JMR 42; Fader & Hardie, note 025):
 * a customer's purchase values are Gamma(p, ν) with ν ~ Gamma(q, v) across
 * customers, independent of how often they buy. Fitted by maximum likelihood
 * on the repeat buyers' mean purchase value, as lifetimes' `GammaGammaFitter`.
 */
import { gammaln } from "simple-statistics";
import type { ValueAndGradient } from "./bfgs.ts";
import { digamma } from "./digamma.ts";
import { bestRun, LOG_BOUND, MIN_REPEAT_BUYERS, minimiseFromStarts, type FitOptions, type FitStart, type NotEnoughData } from "./fit.ts";

export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  /** In the data's currency. */
  readonly v: number;
}

export interface GammaGammaFit extends GammaGammaParams {
  readonly status: "fitted";
  /** Total log-likelihood over the customers fitted on. */
  readonly logLikelihood: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly starts: readonly FitStart<GammaGammaParams>[];
  /** Customers fitted on: frequency > 0 and monetary > 0. */
  readonly customers: number;
  /** Customers left out: frequency 0 or monetary 0. */
  readonly excluded: number;
}

/**
 * Maximum-likelihood Gamma-Gamma parameters on the customers with
 * frequency > 0 and monetary > 0 (the others are counted in `excluded`):
 * the log-likelihood of note 025 eq. 1a (lifetimes'
 * `_negative_log_likelihood`),
 *
 *   Σ lnΓ(px + q) − lnΓ(px) − lnΓ(q) + q ln v + (px − 1) ln m + px ln x − (px + q) ln(xm + v),
 *
 * is maximised over log p, log q, log v by BFGS on its analytic gradient
 * (Nelder–Mead as the fallback, see `minimiseFromStarts`) from five starts
 * (lifetimes' own, log-parameters 0.1, and four whose population mean
 * pv/(q − 1) is the mean of m), and the best likelihood is kept; values are
 * divided by their mean while fitting and v is scaled back. A single start
 * can end far off: from lifetimes' start on CDNOW, SciPy's Nelder–Mead
 * drifts to p ≈ 1e7, v ≈ 6e-6 with a log-likelihood 21 below the optimum.
 *
 * Empty-data policy: fewer than 3 customers with frequency > 0 and
 * monetary > 0 give `status: "not enough data"`; columns of unequal length,
 * a negative or fractional frequency or a negative or non-finite monetary
 * value throw a `RangeError`.
 *
 * @example fitGammaGamma(cdnow.frequency, cdnow.monetary); // => { status: "fitted", p: 6.2488, q: 3.7446, v: 15.4477, customers: 946, excluded: 1411, … }
 */
export function fitGammaGamma(
  frequency: ArrayLike<number>,
  monetary: ArrayLike<number>,
  options: FitOptions<GammaGammaParams> = {},
): GammaGammaFit | NotEnoughData {
  const { penalizer = 0, maxIterations = 500 } = options;
  const n = frequency.length;
  if (monetary.length !== n) throw new RangeError(`invalid fitGammaGamma columns: lengths ${n} and ${monetary.length}`);
  const xs: number[] = [];
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = frequency[i]!;
    const m = monetary[i]!;
    if (!Number.isInteger(x) || x < 0) throw new RangeError(`invalid frequency of customer ${i}: ${x}`);
    if (!Number.isFinite(m) || m < 0) throw new RangeError(`invalid monetary value of customer ${i}: ${m}`);
    if (x > 0 && m > 0) {
      xs.push(x);
      ms.push(m);
    }
  }
  const used = xs.length;
  if (used < MIN_REPEAT_BUYERS) {
    return {
      status: "not enough data",
      lack: "valued_repeat_buyers",
      customers: n,
      usable: used,
      required: MIN_REPEAT_BUYERS,
    };
  }
  const scale = ms.reduce((s, m) => s + m, 0) / used;
  const nll = likelihood(
    xs,
    ms.map((m) => m / scale),
  );
  const f: ValueAndGradient = (theta, gradient) => nll(theta, gradient, penalizer);
  const starts = options.starts
    ? options.starts.map((s) => [s.p, s.q, s.v / scale].map(Math.log))
    : [
        [0.1, 0.1, 0.1],
        ...[
          [1, 2, 1],
          [5, 3, 0.4],
          [10, 5, 0.4],
          [2, 10, 4.5],
        ].map((s) => s.map(Math.log)),
      ];
  const runs = minimiseFromStarts(f, starts, maxIterations);
  const unscale = (theta: readonly number[]): GammaGammaParams => ({ p: Math.exp(theta[0]!), q: Math.exp(theta[1]!), v: Math.exp(theta[2]!) * scale });
  const records = runs.map((run, i) => {
    const end = unscale(run.x);
    // In the original currency: dividing m and v by s shifts each customer's term by ln s.
    const logLikelihood = -used * nll(run.x, [], 0) - used * Math.log(scale);
    return { start: unscale(starts[i]!), end, logLikelihood, converged: run.converged, iterations: run.iterations };
  });
  const record = records[runs.indexOf(bestRun(runs))]!;
  return {
    status: "fitted",
    ...record.end,
    logLikelihood: record.logLikelihood,
    converged: record.converged,
    iterations: record.iterations,
    starts: records,
    customers: used,
    excluded: n - used,
  };
}

/**
 * Total Gamma-Gamma log-likelihood (note 025 eq. 1a) of the customers with
 * frequency > 0 and monetary > 0; the others are skipped.
 *
 * @example gammaGammaLogLikelihood({ p: 6.25, q: 3.74, v: 15.45 }, cdnow.frequency, cdnow.monetary); // => -4055.93
 */
export function gammaGammaLogLikelihood(params: GammaGammaParams, frequency: ArrayLike<number>, monetary: ArrayLike<number>): number {
  const { p, q, v } = params;
  let total = 0;
  for (let i = 0; i < frequency.length; i++) {
    const x = frequency[i]!;
    const m = monetary[i]!;
    if (!(x > 0 && m > 0)) continue;
    const px = p * x;
    total += gammaln(px + q) - gammaln(px) - gammaln(q) + q * Math.log(v) + (px - 1) * Math.log(m) + px * Math.log(x) - (px + q) * Math.log(x * m + v);
  }
  return total;
}

/**
 * The mean negative log-likelihood of log-parameters and its gradient, with
 * the Γ and ψ terms computed once per distinct frequency. The gradient of
 * eq. 1a in (p, q, v), per customer:
 *
 * - ∂/∂p = x (ψ(px + q) − ψ(px) + ln m + ln x − ln(xm + v));
 * - ∂/∂q = ψ(px + q) − ψ(q) + ln v − ln(xm + v);
 * - ∂/∂v = q/v − (px + q)/(xm + v);
 *
 * times p, q, v for the log-parameters.
 */
function likelihood(xs: readonly number[], ms: readonly number[]): (theta: readonly number[], gradient: number[], penalizer: number) => number {
  const n = xs.length;
  const freqs = [...new Set(xs)];
  const freqIndex = new Map(freqs.map((v, k) => [v, k]));
  const xi = Int32Array.from(xs, (v) => freqIndex.get(v)!);
  const count = new Float64Array(freqs.length);
  for (const k of xi) count[k]!++;
  const x = Float64Array.from(xs);
  const m = Float64Array.from(ms);
  const logM = Float64Array.from(ms, Math.log);
  const logX = Float64Array.from(xs, Math.log);
  let sumLogXM = 0;
  let sumXLogXM = 0;
  for (let i = 0; i < n; i++) {
    sumLogXM += logM[i]!;
    sumXLogXM += x[i]! * (logM[i]! + logX[i]!);
  }
  const lg = new Float64Array(freqs.length);
  return (theta, gradient, penalizer) => {
    if (theta.some((t) => !(Math.abs(t) <= LOG_BOUND))) return Infinity;
    const [p, q, v] = theta.map(Math.exp) as [number, number, number];
    const lgQ = gammaln(q);
    const psiQ = digamma(q);
    const logV = Math.log(v);
    let gp = sumXLogXM;
    let gq = n * (logV - psiQ);
    let gv = (n * q) / v;
    for (let k = 0; k < freqs.length; k++) {
      const px = p * freqs[k]!;
      lg[k] = gammaln(px + q) - gammaln(px) - lgQ;
      const psiPXQ = digamma(px + q);
      gp += count[k]! * freqs[k]! * (psiPXQ - digamma(px));
      gq += count[k]! * psiPXQ;
    }
    let sum = -sumLogXM + n * q * logV;
    for (let i = 0; i < n; i++) {
      const xv = x[i]!;
      const px = p * xv;
      const denominator = xv * m[i]! + v;
      const logD = Math.log(denominator);
      sum += lg[xi[i]!]! + px * (logM[i]! + logX[i]!) - (px + q) * logD;
      gp -= xv * logD;
      gq -= logD;
      gv -= (px + q) / denominator;
    }
    const params = [p, q, v];
    const grads = [gp, gq, gv];
    for (let i = 0; i < 3; i++) gradient[i] = (-grads[i]! * params[i]!) / n + 2 * penalizer * params[i]! * params[i]!;
    const penalty = penalizer === 0 ? 0 : penalizer * (p * p + q * q + v * v);
    return -sum / n + penalty;
  };
}

/**
 * A customer's expected mean purchase value given x repeat purchases of mean
 * m (note 025 eq. 5; lifetimes' `conditional_expected_average_profit`):
 *
 *   E[value | x, m] = p(v + xm) ÷ (px + q − 1),
 *
 * the weighted mean of the population mean pv/(q − 1) and m, with weight
 * px/(px + q − 1) on m. A customer without repeat purchases gets the
 * population mean (m is not used).
 *
 * Empty-data policy: null when px + q ≤ 1 (the posterior mean does not exist;
 * for x = 0, q ≤ 1); a negative or fractional x, or a negative m, throws.
 *
 * @example expectedAverageValue({ p: 6.25, q: 3.74, v: 15.45 }, 2, 22.35); // => 24.668 (6.25 × (15.45 + 2 × 22.35) ÷ (12.5 + 3.74 − 1))
 */
export function expectedAverageValue(params: GammaGammaParams, frequency: number, monetary: number): number | null {
  if (!Number.isInteger(frequency) || frequency < 0) throw new RangeError(`invalid frequency: ${frequency}`);
  if (!Number.isFinite(monetary) || monetary < 0) throw new RangeError(`invalid monetary value: ${monetary}`);
  const { p, q, v } = params;
  const shape = p * frequency + q - 1;
  if (!(shape > 0)) return null;
  return (p * (v + (frequency > 0 ? frequency * monetary : 0))) / shape;
}
