/**
 * Customer lifetime value models: simple CLV, the BG/NBD model of repeat
 * purchases and the Gamma-Gamma model of spend, fitted by maximum
 * likelihood, with the per-customer predictions built on them. Pure fitters
 * usable on any data; re-exports only.
 *
 * Units: the fitters take any one time unit; romi uses weeks (`rfmSummary`
 * turns day numbers into weeks, and `clv12` counts a month as 30/7 weeks).
 *
 * The policy for bad and thin input:
 * - input the models cannot take (a value that is not finite, a negative or
 *   fractional frequency, a recency above T, columns of unequal length, z ≥ 1
 *   for ₂F₁) throws a `RangeError` whose message names the value;
 * - valid input that cannot identify the parameters (fewer than 3 repeat
 *   buyers) gives `{ status: "not enough data", lack, … }`, never a fit on
 *   nonsense, NaN or a throw;
 * - a fit whose best start did not meet its tolerances is returned with
 *   `converged: false`, for the caller to report;
 * - a prediction that does not exist (an expected order value when
 *   px + q ≤ 1, simple CLV when churn is 0 or undefined) is null.
 */
export { hyp2f1 } from "./hyp2f1.ts";
export { nelderMead, type NelderMeadOptions, type NelderMeadResult } from "./neldermead.ts";
export { MIN_REPEAT_BUYERS, type FitOptions, type FitStart, type NotEnoughData } from "./fit.ts";
export {
  fitBgNbd,
  bgNbdLogLikelihood,
  expectedPurchases,
  probabilityAlive,
  type BgNbdFit,
  type BgNbdParams,
  type HistoryInput,
  type PurchaseHistory,
} from "./bgnbd.ts";
export { fitGammaGamma, gammaGammaLogLikelihood, expectedAverageValue, type GammaGammaFit, type GammaGammaParams } from "./gammagamma.ts";
export { clv12, CLV_MONTHS, WEEKS_PER_MONTH, type ClvOptions, type CustomerHistory } from "./value.ts";
export { rfmSummary, type Purchases, type RfmSummary } from "./summary.ts";
export { simpleClv, type DayWindow, type SimpleClv, type SimplePurchases } from "./simple.ts";
