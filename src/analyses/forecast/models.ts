/**
 * The candidate models of the report's forecast, the rolling-origin
 * backtest that chooses among them, and the final fit.
 */
import {
  arima,
  autoArima,
  backtest,
  ets,
  snaive,
  type ArimaFit,
  type BacktestCandidate,
  type BacktestResult,
  type FittedModel,
  type Forecast,
} from "../../forecast/index.ts";
import type { Warning } from "../warnings.ts";

/** Candidate names: the `model` dim of the backtest facts, stable whatever orders the ARIMA search picks. */
export const MODELS = {
  snaive: "seasonal naive",
  etsAdditive: "ETS(A,Ad,A)",
  etsMultiplicative: "ETS(M,Ad,M)",
  arima: "ARIMA",
  arimaLog: "ARIMA (log)",
} as const;

export interface ModelOptions {
  /** The seasonal period m. */
  readonly season: number;
  readonly horizon: number;
  /** Try ARIMA on the log scale too (when every value is positive). */
  readonly log: boolean;
  /** Backtest origins at most. */
  readonly origins: number;
}

export interface ChosenForecast {
  readonly backtest: BacktestResult;
  /** The chosen candidate's name (one of MODELS). */
  readonly family: string;
  /** Its fit on the whole series. */
  readonly fit: FittedModel;
  readonly forecast: Forecast;
  /** Why a candidate was left out, or the fit is weak: warnings, without the series they are about. */
  readonly notes: readonly Warning[];
}

/**
 * The candidates for a series of values:
 * - seasonal naive;
 * - ETS(A,Ad,A): additive Holt-Winters with a damped trend;
 * - ETS(M,Ad,M): multiplicative Holt-Winters with a damped trend, when every value is positive;
 * - ARIMA: the order searched by AICc (`autoArima`) once, on the whole
 *   series; at each backtest origin its coefficients are re-estimated (from
 *   the whole-series estimates) but the order is kept. Searching again at
 *   every origin would cost about ten times as much; keeping the order lets
 *   the test periods weigh a little in its choice, which favours ARIMA in
 *   the backtest (slightly);
 * - ARIMA (log): the same on log(y), instead of ARIMA, when `log` is set and
 *   every value is positive.
 */
export function candidates(values: Float64Array, options: ModelOptions): BacktestCandidate[] {
  const m = options.season;
  const positive = values.every((v) => v > 0);
  const list: BacktestCandidate[] = [
    { name: MODELS.snaive, fit: (y) => snaive(y, m) },
    { name: MODELS.etsAdditive, fit: (y) => ets(y, { error: "A", trend: "Ad", season: "A", period: m }) },
  ];
  if (positive) list.push({ name: MODELS.etsMultiplicative, fit: (y) => ets(y, { error: "M", trend: "Ad", season: "M", period: m }) });
  // A positive series tries ARIMA on the log scale only: one order search instead of two
  // (each search and its refits at every origin is most of the forecast's time).
  if (positive && options.log) list.push(arimaCandidate(MODELS.arimaLog, values, m, true));
  else list.push(arimaCandidate(MODELS.arima, values, m, false));
  return list;
}

/** The order searched on the whole series (lazily, once); a training series refits that order from its estimates. */
function arimaCandidate(name: string, values: Float64Array, m: number, log: boolean): BacktestCandidate {
  let searched: ArimaFit | null = null;
  const search = (): ArimaFit => (searched ??= autoArima(values, { period: m, log }));
  return {
    name,
    fit: (y) => {
      const whole = search();
      if (y.length === values.length) return whole;
      return arima(y, whole.order, { constant: whole.constant !== null, log, start: Object.values(whole.parameters) });
    },
  };
}

/**
 * Backtests the candidates (origins spaced one horizon apart, every training
 * series at least two seasons long), refits the one with the lowest MASE
 * on the whole series and forecasts `horizon` steps. Without any backtest
 * origin (the series is at most two seasons long) the seasonal naive model
 * is used, with a note; a backtest shortened to fewer steps than `horizon`
 * (the series has no room for its origins that far apart) says so in a note.
 *
 * Empty-data policy: null when the series has fewer than two seasons or no
 * candidate can be fitted to it.
 */
export function chooseAndForecast(values: Float64Array, options: ModelOptions): ChosenForecast | null {
  const m = options.season;
  if (values.length < 2 * m) return null;
  const notes: Warning[] = [];
  const list = candidates(values, options);
  const result = backtest(values, list, { horizon: options.horizon, period: m, origins: options.origins });
  const origins = result.origins.length;
  if (origins === 0) notes.push({ code: "forecast.no_backtest", values: { values: values.length } });
  else if (result.horizon < options.horizon) {
    notes.push({ code: "forecast.short_backtest", values: { steps: result.horizon, horizon: options.horizon, origins, values: values.length } });
  }
  for (const row of result.rows) {
    if (row.failures > 0) notes.push({ code: "forecast.backtest_failures", values: { model: row.model, failures: row.failures, origins } });
    if (row.unconverged > 0) notes.push({ code: "forecast.backtest_unconverged", values: { model: row.model, unconverged: row.unconverged, origins } });
  }
  const order = [result.chosen ?? MODELS.snaive, ...list.map((c) => c.name)];
  for (const name of order) {
    const candidate = list.find((c) => c.name === name)!;
    let fit: FittedModel;
    try {
      fit = candidate.fit(values);
    } catch {
      notes.push({ code: "forecast.fit_failed", values: { model: name } });
      continue;
    }
    if (!fit.converged) notes.push({ code: "forecast.not_converged", values: { model: name, spec: fit.model } });
    return { backtest: result, family: name, fit, forecast: fit.forecast(options.horizon), notes };
  }
  return null;
}
