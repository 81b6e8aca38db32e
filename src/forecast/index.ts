/**
 * Forecasting building blocks, usable on any series: seasonal naive, ETS
 * (Holt-Winters), ARIMA by exact maximum likelihood with an order search,
 * accuracy measures and a rolling-origin backtest. Re-exports only.
 *
 * Every fitter returns a `FittedModel` whose `forecast(h)` gives point
 * forecasts with 80% and 95% prediction intervals per step and for the
 * horizon's total. Series are plain arrays of numbers, oldest first, with no
 * missing values; fitters throw on input they cannot fit, with a message that
 * names the value.
 */
export type { Band, Forecast, FittedModel } from "./types.ts";
export { snaive } from "./snaive.ts";
export { ets, etsLogLik, etsInitialStates, etsName, type EtsSpec, type EtsOptions, type EtsFit, type EtsInitialStates } from "./ets.ts";
export { arima, arimaLogLik, arimaName, differencingPolynomial, type ArimaOrder, type ArimaOptions, type ArimaFit, type ArimaCoefficients } from "./arima.ts";
export { autoArima, type AutoArimaOptions, type AutoArimaFit } from "./autoarima.ts";
export { armaAutocovariance, kalmanFilter, partrans, psiWeights, stationaryCovariance, armaState, type ArmaState, type KalmanResult } from "./arma.ts";
export { kpss, ndiffs, nsdiffs, seasonalStrength } from "./differencing.ts";
export { mase, maseScale, mape, smape, meanAbsoluteError } from "./accuracy.ts";
export { backtest, type BacktestCandidate, type BacktestOptions, type BacktestResult, type BacktestRow } from "./backtest.ts";
export { bfgs, nelderMead, type BfgsOptions, type NelderMeadOptions, type NelderMeadResult } from "./optimise.ts";
export { gaussianForecast, linearCovariance, logNormalForecast, sampledForecast, Z80, Z95 } from "./intervals.ts";
