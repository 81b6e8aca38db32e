/**
 * Sales forecast from orders: revenue and orders per day, week or month,
 * forecast 8 weeks of days, or a year of weeks or months, ahead with 80%
 * and 95% intervals by the model that wins a rolling-origin backtest among
 * seasonal naive, Holt-Winters (ETS) and ARIMA. Runs whenever there are
 * orders.
 */
import type { ForecastConfig } from "../../schema/config.ts";
import type { Fact, Warning } from "../../schema/report.ts";
import type { PeriodFrame } from "../../time/period.ts";
import { FactSink } from "../../facts/sink.ts";
import { type Series, type SeriesRow } from "../series.ts";
import type { Band } from "../../forecast/types.ts";
import { FORECAST_METRICS } from "./catalogue.ts";
import { chooseAndForecast } from "./models.ts";
import { dailySales, DEFAULT_HORIZON, defaultGrain, nextKey, periodLabel, periodSeries, salesReductions, SEASON, type DailySales } from "./periods.ts";
import { drivingPeriod } from "./peak.ts";
import { periodOf, type Analysis } from "../analysis.ts";

export interface ForecastInput {
  /** Revenue and purchases per day of the period with orders (`salesReductions`). */
  readonly sales: DailySales;
}

export interface ForecastContext {
  readonly frame: PeriodFrame;
  readonly config: ForecastConfig;
}

export interface ForecastResult {
  readonly facts: Fact[];
  readonly warnings: Warning[];
  readonly series: Series;
}

const SERIES_NAMES = ["revenue", "orders"] as const;

export function forecast(input: ForecastInput, ctx: ForecastContext): ForecastResult {
  const sink = new FactSink(FORECAST_METRICS);
  const warnings: Warning[] = [];
  const { frame, config } = ctx;
  const grain = config.grain ?? defaultGrain(frame.days);
  const season = SEASON[grain];
  const horizon = config.horizon ?? DEFAULT_HORIZON[grain];
  if (!Number.isInteger(horizon) || horizon < 1) throw new Error(`invalid forecast.horizon: ${horizon}`);
  const options = { season, horizon, log: config.log, origins: config.origins };
  const data = periodSeries(input.sales, frame, grain);
  const points: SeriesRow<"forecast_points">[] = [];
  const backtestRows: SeriesRow<"forecast_backtest">[] = [];
  const modelRows: SeriesRow<"forecast_model">[] = [];

  for (const name of SERIES_NAMES) {
    const values = data[name];
    if (values.length < 2 * season) {
      warnings.push({
        code: "forecast.short",
        values: { values: values.length, needed: 2 * season, grain },
        dims: { series: name },
      });
      continue;
    }
    const chosen = chooseAndForecast(values, options);
    for (const note of chosen?.notes ?? []) warnings.push({ ...note, dims: { series: name } });
    if (!chosen) {
      warnings.push({ code: "forecast.failed", values: {}, dims: { series: name } });
      continue;
    }
    const { fit, forecast: fc, backtest } = chosen;
    const last = data.keys[data.keys.length - 1]!;
    // Revenue and orders are never negative: a band (or point) below 0 is truncated at 0.
    const floor = (b: Band): Band => ({
      value: Math.max(0, b.value),
      lo80: Math.max(0, b.lo80),
      hi80: Math.max(0, b.hi80),
      lo95: Math.max(0, b.lo95),
      hi95: Math.max(0, b.hi95),
    });
    const periods = fc.steps.map((band, i) => ({ label: periodLabel(grain, nextKey(grain, last, i + 1)), ...floor(band) }));
    const total = floor(fc.total);

    data.labels.forEach((label, i) =>
      points.push({ series: name, period: label, kind: "history", value: values[i]!, lo80: null, hi80: null, lo95: null, hi95: null }),
    );
    for (const p of periods) {
      const dims = { series: name, period: p.label };
      sink.add("forecast.value", p.value, dims);
      sink.add("forecast.lo80", p.lo80, dims);
      sink.add("forecast.hi80", p.hi80, dims);
      sink.add("forecast.lo95", p.lo95, dims);
      sink.add("forecast.hi95", p.hi95, dims);
      points.push({ series: name, period: p.label, kind: "forecast", value: p.value, lo80: p.lo80, hi80: p.hi80, lo95: p.lo95, hi95: p.hi95 });
    }
    for (const row of backtest.rows) {
      sink.add("forecast.backtest.mase", row.mase, { series: name, model: row.model });
      sink.add("forecast.backtest.smape", row.smape, { series: name, model: row.model });
      backtestRows.push({
        series: name,
        model: row.model,
        mase: row.mase,
        smape: row.smape,
        mape: row.mape,
        chosen: row.model === chosen.family,
        failures: row.failures,
        unconverged: row.unconverged,
      });
    }
    modelRows.push({
      series: name,
      model: fit.model,
      family: chosen.family,
      parameters: Object.entries(fit.parameters).map(([name, value]) => ({ name, value })),
      sigma2: fit.sigma2,
      aicc: fit.aicc,
      scale: fit.scale,
      point: fc.point,
      grain,
      season,
      horizon,
      history: values.length,
      origins: backtest.origins.length,
      backtest_horizon: backtest.horizon,
      converged: fit.converged,
      total: total.value,
      total_lo80: total.lo80,
      total_hi80: total.hi80,
      total_lo95: total.lo95,
      total_hi95: total.hi95,
      peak: drivingPeriod(periods),
    });
  }
  const series: Series = {};
  if (modelRows.length > 0) {
    series.forecast_points = points;
    series.forecast_backtest = backtestRows;
    series.forecast_model = modelRows;
  }
  return { facts: sink.facts, warnings, series };
}

export { FORECAST_METRICS } from "./catalogue.ts";
export { defaultGrain, type Grain } from "./periods.ts";

/** The forecast in the registry: sales from the orders of the report period. */
export const forecastAnalysis: Analysis = {
  name: "forecast",
  rows: [],
  requires: ["orders"],
  period: true,
  uses: [],
  provides: [],
  reductions: (sources) => salesReductions(sources),
  run: (input) => forecast({ sales: dailySales(input.reduced)! }, { frame: periodOf(input), config: input.config.forecast }),
};
