/**
 * Rolling-origin evaluation (time-series cross-validation) of candidate
 * forecasting models, and the choice of one by MASE.
 */
import { mape, maseScale, smape } from "./accuracy.ts";
import type { FittedModel } from "./types.ts";

export interface BacktestCandidate {
  readonly name: string;
  /** Fits the model to a training series; throwing counts as a failure at that origin. */
  readonly fit: (training: Float64Array) => FittedModel;
}

export interface BacktestOptions {
  /** Steps forecast from each origin (shortened when the series is short, see `backtest`). */
  readonly horizon: number;
  /** The seasonal period m of the MASE scale. */
  readonly period: number;
  /** Origins at most. Default 4. */
  readonly origins?: number;
  /** Values between consecutive origins. Default the horizon. */
  readonly step?: number;
  /** Values every training series has at least. Default two seasons, 2m. */
  readonly minTraining?: number;
}

export interface BacktestRow {
  readonly model: string;
  /** Mean over all origins and steps of |error| ÷ the origin's MASE scale; null when a scale is undefined or the model failed. */
  readonly mase: number | null;
  /** sMAPE and MAPE (fractions) over all origins and steps; null when the model failed (MAPE also when an actual is 0). */
  readonly smape: number | null;
  readonly mape: number | null;
  /** Origins at which the fit threw. */
  readonly failures: number;
  /** The first failure's message, or null. */
  readonly error: string | null;
  /** Origins at which the optimiser did not converge. */
  readonly unconverged: number;
}

export interface BacktestResult {
  /** One row per candidate, in the candidates' order. */
  readonly rows: readonly BacktestRow[];
  /** The chosen candidate's name, or null when no origin fits or every candidate failed. */
  readonly chosen: string | null;
  /** The training lengths (forecast origins) used, ascending. */
  readonly origins: readonly number[];
  /** Steps evaluated from each origin. */
  readonly horizon: number;
}

/**
 * Rolling-origin backtest: each candidate is fitted to y[0, o) for each
 * origin o and forecasts y[o, o + h); errors are pooled over origins and
 * steps. The MASE of an origin is scaled by its own training series'
 * in-sample seasonal naive MAE (`maseScale`).
 *
 * - Horizon h = min(horizon, n − minTraining, max(period, ⌊(n − minTraining) ÷ origins⌋)):
 *   the whole horizon when the series has room for `origins` origins that
 *   far apart, otherwise shortened until it has, but not below one period
 *   (every position of the season, each weekday, is still forecast): a long
 *   horizon on a short series must not leave one origin to choose by. Origins
 *   o_k = n − h − (K − 1 − k)·step, k = 0 … K − 1, with K the largest count
 *   up to `origins` whose first training series keeps `minTraining` values.
 * - The chosen model has the lowest MASE among the candidates that never
 *   failed (the first in the candidates' order on a tie); when every MASE is
 *   null, the lowest sMAPE.
 *
 * Empty-data policy: no origin (n ≤ minTraining) gives no rows' numbers: every
 * row has nulls and `chosen` is null.
 *
 * @example backtest(y, [{ name: "snaive", fit: (t) => snaive(t, 12) }], { horizon: 12, period: 12 }).chosen; // => "snaive"
 */
export function backtest(y: ArrayLike<number>, candidates: readonly BacktestCandidate[], options: BacktestOptions): BacktestResult {
  const n = y.length;
  const period = options.period;
  const minTraining = options.minTraining ?? 2 * period;
  const maxOrigins = options.origins ?? 4;
  const h = Math.min(options.horizon, n - minTraining, Math.max(period, Math.floor((n - minTraining) / maxOrigins)));
  const empty = (model: string): BacktestRow => ({ model, mase: null, smape: null, mape: null, failures: 0, error: null, unconverged: 0 });
  if (h < 1) return { rows: candidates.map((c) => empty(c.name)), chosen: null, origins: [], horizon: 0 };
  const step = options.step ?? h;
  const count = Math.max(1, Math.min(maxOrigins, Math.floor((n - minTraining - h) / step) + 1));
  const origins = Array.from({ length: count }, (_, k) => n - h - (count - 1 - k) * step);
  const series = Float64Array.from(y as ArrayLike<number>);

  const rows = candidates.map((candidate): BacktestRow => {
    const actual: number[] = [];
    const predicted: number[] = [];
    let scaledError = 0;
    let scaleMissing = false;
    let failures = 0;
    let error: string | null = null;
    let unconverged = 0;
    for (const o of origins) {
      const training = series.slice(0, o);
      let forecast: number[];
      try {
        const fit = candidate.fit(training);
        if (!fit.converged) unconverged++;
        forecast = fit.forecast(h).steps.map((s) => s.value);
      } catch (e) {
        failures++;
        error ??= e instanceof Error ? e.message : String(e);
        continue;
      }
      const scale = maseScale(training, period);
      for (let i = 0; i < h; i++) {
        const a = series[o + i]!;
        const f = forecast[i]!;
        actual.push(a);
        predicted.push(f);
        if (scale === null) scaleMissing = true;
        else scaledError += Math.abs(a - f) / scale;
      }
    }
    if (failures > 0 || actual.length === 0) return { ...empty(candidate.name), failures, error, unconverged };
    return {
      model: candidate.name,
      mase: scaleMissing ? null : scaledError / actual.length,
      smape: smape(actual, predicted),
      mape: mape(actual, predicted),
      failures,
      error,
      unconverged,
    };
  });
  return { rows, chosen: choose(rows), origins, horizon: h };
}

function choose(rows: readonly BacktestRow[]): string | null {
  const usable = rows.filter((r) => r.failures === 0);
  const by = (key: "mase" | "smape"): string | null => {
    let best: BacktestRow | null = null;
    for (const r of usable) if (r[key] !== null && (best === null || r[key] < best[key]!)) best = r;
    return best?.model ?? null;
  };
  return by("mase") ?? by("smape");
}
