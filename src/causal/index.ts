/**
 * Causal building blocks for campaign analysis: the incremental effect of a
 * launch on a daily KPI against control series (a CausalImpact-style
 * regression counterfactual with bootstrap intervals and a placebo check),
 * difference-in-differences for two groups and two periods, and the least
 * squares they rest on. Re-exports only.
 *
 * Policy: malformed input (a non-finite value, series of different lengths,
 * a launch outside the series, an invalid option) throws a `RangeError` naming
 * the value; valid data too thin to answer (no or too short a pre-period, no
 * usable controls) gives `{ status: "refused", refusal, … }` (what was
 * missing, with its numbers) and no numbers; the site words it.
 */
export {
  impact,
  DEFAULT_BLOCK_LENGTH,
  DEFAULT_DRAWS,
  MAX_VIF,
  MIN_DAYS_PER_PARAMETER,
  MIN_PRE_DAYS,
  RIDGE_PENALTY,
  type ImpactModel,
  type ImpactOptions,
  type ImpactPoint,
  type ImpactResult,
  type Interval,
  type PlaceboResult,
  type Refusal,
} from "./impact.ts";
export { did, MIN_DID_DAYS, type DidEstimate, type DidResult, type PreTrend } from "./did.ts";
export { leastSquares, type LeastSquaresFit, type LeastSquaresOptions } from "./ols.ts";
