/** The forecast's warnings, each about one series (`dims.series`): why it is not forecast, and how its model was chosen. */
import { z } from "zod";

export const FORECAST_WARNINGS = {
  /** The series has `values` periods of its `grain`, fewer than two seasons (`needed`): it is not forecast. */
  "forecast.short": { values: z.number(), needed: z.number(), grain: z.enum(["day", "week", "month"]) },
  /** No candidate model could be fitted. */
  "forecast.failed": {},
  /** The series (`values` periods) leaves no room for a backtest: the seasonal naive model is used. */
  "forecast.no_backtest": { values: z.number() },
  /** The backtest forecasts `steps` ahead from its `origins` origins, not the forecast's `horizon`: the series has no room for more. */
  "forecast.short_backtest": { steps: z.number(), horizon: z.number(), origins: z.number(), values: z.number() },
  /** The candidate `model` failed at `failures` of the `origins` backtest origins, and was not considered. */
  "forecast.backtest_failures": { model: z.string(), failures: z.number(), origins: z.number() },
  /** The candidate `model`'s optimiser did not converge at `unconverged` of the `origins` backtest origins. */
  "forecast.backtest_unconverged": { model: z.string(), unconverged: z.number(), origins: z.number() },
  /** The candidate `model` could not be fitted to the whole series; the next one is used. */
  "forecast.fit_failed": { model: z.string() },
  /** The candidate `model` (fitted as `spec`) did not converge on the whole series: the forecast uses its last estimate. */
  "forecast.not_converged": { model: z.string(), spec: z.string() },
};
