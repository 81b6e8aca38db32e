/**
 * Numeric building blocks: summaries, hypothesis tests, multiple-testing
 * adjustments and effect sizes. Re-exports only.
 *
 * The tests share one policy for bad and degenerate input:
 * - input that cannot be tested (an empty or too-small sample, a value that is not
 *   finite, a table smaller than 2 × 2 or with an all-zero row or column, an unknown
 *   alternative) throws a `RangeError` whose message names the function and the value;
 * - valid input for which the statistic is undefined (zero variance: a constant sample
 *   for Shapiro–Wilk, two constant samples for Welch, a pooled proportion of 0 or 1)
 *   gives `statistic: null, pValue: null`, never NaN and never a silent 0 or 1;
 * - otherwise every statistic and p-value is a finite number, p in [0, 1].
 *
 * Intervals and posteriors of a rate (`wilsonInterval`, `betaPosterior`) are null when
 * there are more successes than trials (view-through conversions), for the caller to
 * flag the row; `wilsonInterval` is null with no trials too.
 */
export { summarise, type Summary } from "./distribution.ts";
export type { Alternative } from "./alternative.ts";
export { shapiroWilk, type ShapiroWilkResult } from "./shapiro.ts";
export { mannWhitneyU, type MannWhitneyUOptions, type MannWhitneyUResult } from "./mannwhitney.ts";
export { welchTTest, type WelchTTestResult } from "./ttest.ts";
export { chiSquareTest, type ChiSquareTestResult } from "./chisquare.ts";
export { twoProportionZTest, type TwoProportionZTestResult } from "./proportions.ts";
export { holm, benjaminiHochberg } from "./multipletests.ts";
export { wilsonInterval } from "./wilson.ts";
export { chiSquareGoodnessOfFit, type ChiSquareGoodnessOfFitResult } from "./goodnessOfFit.ts";
export { cohensH, powerTwoProportions, sampleSizeForCohensH, sampleSizeTwoProportions, type PowerOptions, type SampleSizeOptions } from "./power.ts";
export { betaDistribution, type BetaDistribution, type BetaParameters } from "./beta.ts";
export { betaPosterior, probabilityBBeatsA, expectedLoss, probabilityBest, betaInterval, type ExpectedLoss, type ProbabilityOptions } from "./bayes.ts";
export { cohensD, rankBiserial, rankBiserialOfU, cramersV } from "./effects.ts";
export { evenSample } from "./evenSample.ts";
export { percentile, quantile } from "./quantile.ts";
export { movingBlocks } from "./blocks.ts";
