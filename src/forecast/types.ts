/**
 * What every fitter returns: a fitted model that forecasts with 80% and 95%
 * prediction intervals, per step and for the horizon's total.
 */

/** A point forecast with its 80% and 95% prediction intervals. */
export interface Band {
  readonly value: number;
  readonly lo80: number;
  readonly hi80: number;
  readonly lo95: number;
  readonly hi95: number;
}

export interface Forecast {
  /** One band per step ahead, 1 … horizon. */
  readonly steps: readonly Band[];
  /** The sum over the horizon, with intervals that account for the correlation between steps. */
  readonly total: Band;
  /**
   * What `value` is: the mean, or the median when a model fitted on the log
   * scale is transformed back (exp of the log-scale mean is the median of
   * the back-transformed forecast, not its mean).
   */
  readonly point: "mean" | "median";
}

export interface FittedModel {
  /** The model with its orders, e.g. `ARIMA(0,1,1)(0,1,1)[12]`, `ETS(A,Ad,A)[7]`, `seasonal naive[7]`. */
  readonly model: string;
  /** Estimated parameters by name (`ar1`, `ma1`, `sma1`, `mean`, `alpha`, `beta`, `gamma`, `phi` …), in the model's order. */
  readonly parameters: Readonly<Record<string, number>>;
  /** Innovation variance, on the scale the model was fitted on. */
  readonly sigma2: number;
  /** Gaussian log-likelihood at the estimate, or null for a model without one. */
  readonly logLik: number | null;
  /** Small-sample corrected AIC, or null. */
  readonly aicc: number | null;
  /** False when the optimiser stopped on its evaluation budget, not on its tolerances. */
  readonly converged: boolean;
  /** "log" when the model was fitted to log(y) and its forecasts are transformed back. */
  readonly scale: "identity" | "log";
  /** Forecasts `horizon` steps past the end of the series. */
  forecast(horizon: number): Forecast;
}
