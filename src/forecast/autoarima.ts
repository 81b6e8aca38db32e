/**
 * A small ARIMA order search by AICc, after R forecast's `auto.arima`
 * (Hyndman & Khandakar 2008, stepwise).
 */
import { arima, arimaName, type ArimaFit, type ArimaOrder } from "./arima.ts";
import { ndiffs, nsdiffs } from "./differencing.ts";

export interface AutoArimaOptions {
  /** Seasonal period m; 1 for a non-seasonal search. */
  readonly period: number;
  /** Search on log(y) (positive values only); forecasts are then medians. Default false. */
  readonly log?: boolean;
  /** Fixed differences; by default d from KPSS tests and D from the seasonal strength (see `ndiffs`, `nsdiffs`). */
  readonly d?: number;
  readonly D?: number;
  /** Largest orders searched. Defaults p, q ≤ 3; P, Q ≤ 1 when m ≤ 24 and 0 above (a lag-52 seasonal ARMA has a 53-dimensional state; the season then comes from D alone). */
  readonly max?: { readonly p?: number; readonly q?: number; readonly P?: number; readonly Q?: number };
  /**
   * Compare models by their conditional-sum-of-squares fits and refit only
   * the chosen one by exact ML, as `auto.arima(approximation = TRUE)`.
   * Default as auto.arima: when the series is longer than 150 or m > 12.
   */
  readonly approximation?: boolean;
  /** Models fitted at most. Default 30. */
  readonly maxModels?: number;
  /** Seeds the simulated total interval of a log model. */
  readonly seed?: number;
}

export interface AutoArimaFit extends ArimaFit {
  /** Every model fitted, in the order tried, with its AICc (null when the fit failed). */
  readonly tried: readonly { readonly model: string; readonly aicc: number | null }[];
}

/**
 * Chooses an ARIMA(p,d,q)(P,D,Q)[m] by AICc and returns its fit.
 *
 * - Differences first: D = 1 when the seasonal strength of the series is at
 *   least 0.64 (and it spans 3 seasons), then d = number of lag-1
 *   differences until the KPSS test no longer rejects at 5% (at most 2,
 *   d + D ≤ 2). AICc cannot compare different differencing, so it is fixed
 *   before the search.
 * - A constant (mean or drift) is allowed when d + D ≤ 1.
 * - Models are compared by AICc; with `approximation` (by default for more
 *   than 150 values or m > 12, as auto.arima) that of their
 *   conditional-sum-of-squares fits, which are much cheaper.
 * - Stepwise search: fit (2,d,2)(1,D,1), (0,d,0)(0,D,0), (1,d,0)(1,D,0),
 *   (0,d,1)(0,D,1) (seasonal parts dropped when not allowed), each with the
 *   constant when allowed, and (0,d,0)(0,D,0) without it; then from the
 *   best, try p ± 1, q ± 1, P ± 1, Q ± 1, p and q ± 1 together, P and Q ± 1
 *   together, and the constant toggled, moving to the first that lowers the
 *   AICc, until none does or `maxModels` have been fitted. A model that
 *   fails to fit (too few values) is skipped.
 * - The chosen order is refitted by exact ML from two starts (the CSS
 *   estimates and 0), keeping the higher likelihood; if that fails, the next
 *   best order is.
 *
 * Empty-data policy: throws when no model can be fitted.
 */
export function autoArima(y: ArrayLike<number>, options: AutoArimaOptions): AutoArimaFit {
  const m = options.period;
  const log = options.log ?? false;
  const x = Array.from(y as ArrayLike<number>, (v, i) => {
    if (!Number.isFinite(v) || (log && !(v > 0))) throw new Error(`invalid value at ${i}: ${v}${log ? " (log needs positive values)" : ""}`);
    return log ? Math.log(v) : v;
  });
  const seasonal = m > 1;
  const D = options.D ?? (seasonal ? nsdiffs(x, m) : 0);
  let d = options.d;
  if (d === undefined) {
    let z = x;
    if (D > 0) z = z.slice(m).map((v, i) => v - z[i]!);
    d = Math.min(ndiffs(z), 2 - D);
  }
  const limits = {
    p: options.max?.p ?? 3,
    q: options.max?.q ?? 3,
    P: seasonal ? (options.max?.P ?? (m <= 24 ? 1 : 0)) : 0,
    Q: seasonal ? (options.max?.Q ?? (m <= 24 ? 1 : 0)) : 0,
  };
  const maxModels = options.maxModels ?? 30;
  const constantAllowed = d + D <= 1;
  const approximation = options.approximation ?? (x.length > 150 || m > 12);
  const method = approximation ? "CSS" : "CSS-ML";

  const seed = options.seed !== undefined ? { seed: options.seed } : {};
  const tried: { model: string; aicc: number | null }[] = [];
  const seen = new Map<string, ArimaFit | null>();
  const fitModel = (p: number, q: number, P: number, Q: number, constant: boolean): ArimaFit | null | undefined => {
    if (p < 0 || q < 0 || P < 0 || Q < 0 || p > limits.p || q > limits.q || P > limits.P || Q > limits.Q) return undefined;
    if (constant && !constantAllowed) return undefined;
    const key = `${p},${q},${P},${Q},${constant}`;
    if (seen.has(key)) return seen.get(key);
    if (seen.size >= maxModels) return undefined;
    const order: ArimaOrder = { p, d: d!, q, P, D, Q, period: seasonal ? m : 1 };
    let fit: ArimaFit | null;
    try {
      fit = arima(y, order, { constant, log, method, ...seed });
    } catch {
      fit = null;
    }
    seen.set(key, fit);
    tried.push({ model: fit?.model ?? `${arimaName(order)}${constant ? " with constant" : ""}`, aicc: fit?.aicc ?? null });
    return fit;
  };

  const s = seasonal ? 1 : 0;
  let best: ArimaFit | null = null;
  const consider = (fit: ArimaFit | null | undefined): boolean => {
    if (!fit || !Number.isFinite(fit.aicc)) return false;
    if (best === null || fit.aicc < best.aicc) {
      best = fit;
      return true;
    }
    return false;
  };
  consider(fitModel(2, 2, s, s, constantAllowed));
  consider(fitModel(0, 0, 0, 0, constantAllowed));
  consider(fitModel(1, 0, s, 0, constantAllowed));
  consider(fitModel(0, 1, 0, s, constantAllowed));
  if (constantAllowed) consider(fitModel(0, 0, 0, 0, false));

  for (let improved = true; improved && best !== null;) {
    improved = false;
    const b: ArimaFit = best;
    const { p, q, P, Q } = b.order;
    const c = b.constant !== null;
    const moves: [number, number, number, number, boolean][] = [
      [p, q, P - 1, Q, c],
      [p, q, P + 1, Q, c],
      [p, q, P, Q - 1, c],
      [p, q, P, Q + 1, c],
      [p, q, P - 1, Q - 1, c],
      [p, q, P + 1, Q + 1, c],
      [p - 1, q, P, Q, c],
      [p + 1, q, P, Q, c],
      [p, q - 1, P, Q, c],
      [p, q + 1, P, Q, c],
      [p - 1, q - 1, P, Q, c],
      [p + 1, q + 1, P, Q, c],
      [p, q, P, Q, !c],
    ];
    for (const move of moves) {
      if (consider(fitModel(...move))) {
        improved = true;
        break;
      }
    }
  }
  // The final fit by exact ML, from the CSS estimates and from 0, keeping the
  // higher likelihood; when it fails, the next model by AICc.
  const ranked = [...seen.values()].filter((f): f is ArimaFit => f !== null && Number.isFinite(f.aicc)).sort((a, b) => a.aicc - b.aicc);
  for (const candidate of ranked) {
    // Without the approximation the searched fit is already the CSS-ML one.
    let final: ArimaFit | null = approximation ? null : candidate;
    for (const start of approximation ? (["CSS-ML", "ML"] as const) : (["ML"] as const)) {
      try {
        const fit = arima(y, candidate.order, { constant: candidate.constant !== null, log, method: start, ...seed });
        if (final === null || fit.logLik > final.logLik) final = fit;
      } catch {
        // the other start, or the next model
      }
    }
    if (final) return { ...final, tried };
  }
  throw new Error(`no ARIMA model could be fitted to ${y.length} values (d = ${d}, D = ${D}, period ${m})`);
}
