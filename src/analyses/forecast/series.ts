/**
 * The forecast's series: history and forecast for the chart, the backtest
 * of each candidate model, and one row per forecast series with the chosen
 * model.
 */
import { z } from "zod";
import { maybe, num, text } from "../rows.ts";

const seriesName = z.enum(["revenue", "orders"]);

export const FORECAST_SERIES = {
  /** History and forecast for the chart, history first; the bands are null on history rows. `period` is a day, a week's Monday or a month (`YYYY-MM`). */
  forecast_points: z.strictObject({
    series: seriesName,
    period: text,
    kind: z.enum(["history", "forecast"]),
    value: maybe,
    lo80: maybe,
    hi80: maybe,
    lo95: maybe,
    hi95: maybe,
  }),
  /** One row per series and candidate model; `chosen` marks the model the forecast uses. */
  forecast_backtest: z.strictObject({
    series: seriesName,
    model: text,
    mase: maybe,
    smape: maybe,
    mape: maybe,
    chosen: z.boolean(),
    failures: num,
    unconverged: num,
  }),
  /**
   * One row per forecast series: `model` names the orders (e.g.
   * "ARIMA(1,0,1)(0,1,1)[7]") and `family` the candidate (the backtest's
   * `model`); `parameters` in the model's order; `scale` is "log" when fitted
   * on log(y), and then `point` is "median".
   */
  forecast_model: z.strictObject({
    series: seriesName,
    model: text,
    family: text,
    parameters: z.array(z.strictObject({ name: text, value: num })),
    sigma2: maybe,
    aicc: maybe,
    scale: z.enum(["log", "identity"]),
    point: z.enum(["mean", "median"]),
    grain: z.enum(["day", "week", "month"]),
    season: num,
    horizon: num,
    history: num,
    origins: num,
    backtest_horizon: num,
    converged: z.boolean(),
    total: maybe,
    total_lo80: maybe,
    total_hi80: maybe,
    total_lo95: maybe,
    total_hi95: maybe,
    /** The forecast period that drives the horizon (`drivingPeriod`), or null. */
    peak: text.nullable(),
  }),
};
