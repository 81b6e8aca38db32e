/**
 * The forecast metrics: the chosen model's forecasts with 80% and 95%
 * prediction intervals, and every candidate's backtest accuracy. The public
 * contract of ids, dims and units; the data page renders this table.
 */
import type { MetricDef } from "../../facts/metric.ts";

const FITTED =
  "not emitted when the series has fewer than two seasons (14 days, 104 weeks or 24 months) or no candidate model could be fitted; one fact per forecast period";
const BACKTESTED =
  "not emitted when the series is too short to forecast; null when the model failed at an origin, or (MASE) when a training series repeats exactly";

export const FORECAST_METRICS = [
  {
    id: "forecast.value",
    section: "forecast",
    label: "Forecast",
    unit: "count",
    dims: ["series", "period"],
    formula:
      "point forecast of the series (revenue or orders) for the period by the model with the lowest backtest MASE; for a model fitted on the log scale it is the median (exp of the log-scale forecast), otherwise the mean",
    empty: FITTED,
  },
  {
    id: "forecast.lo80",
    section: "forecast",
    label: "Forecast, 80% interval low",
    unit: "count",
    dims: ["series", "period"],
    formula:
      "lower end of the 80% prediction interval (10% quantile of the forecast distribution: Gaussian, log-normal, or simulated paths), truncated at 0 (sales are never negative)",
    empty: FITTED,
  },
  {
    id: "forecast.hi80",
    section: "forecast",
    label: "Forecast, 80% interval high",
    unit: "count",
    dims: ["series", "period"],
    formula: "upper end of the 80% prediction interval (90% quantile)",
    empty: FITTED,
  },
  {
    id: "forecast.lo95",
    section: "forecast",
    label: "Forecast, 95% interval low",
    unit: "count",
    dims: ["series", "period"],
    formula: "lower end of the 95% prediction interval (2.5% quantile), truncated at 0 (sales are never negative)",
    empty: FITTED,
  },
  {
    id: "forecast.hi95",
    section: "forecast",
    label: "Forecast, 95% interval high",
    unit: "count",
    dims: ["series", "period"],
    formula: "upper end of the 95% prediction interval (97.5% quantile)",
    empty: FITTED,
  },
  {
    id: "forecast.backtest.mase",
    section: "forecast",
    label: "Backtest MASE",
    unit: "ratio",
    better: "down",
    dims: ["series", "model"],
    formula:
      "rolling-origin backtest: the model is refitted on the series up to each origin and forecasts the next periods; mean absolute error of the forecasts ÷ the training series' mean absolute seasonal difference (the in-sample seasonal naive error), over all origins and steps",
    empty: BACKTESTED,
  },
  {
    id: "forecast.backtest.smape",
    section: "forecast",
    label: "Backtest sMAPE",
    unit: "share",
    better: "down",
    dims: ["series", "model"],
    formula: "same backtest: mean of twice the absolute error ÷ (the absolute actual + the absolute forecast), a fraction from 0 to 2 (0 when both are 0)",
    empty: BACKTESTED,
  },
] as const satisfies readonly MetricDef[];
