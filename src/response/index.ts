/**
 * Response curves of spend (adstock × Hill), their fit, the block bootstrap
 * and budget allocation: pure numeric building blocks of the budget analysis.
 */
export { adstock } from "./adstock.ts";
export { hill, hillSlope } from "./hill.ts";
export { steadyResponse, steadySlope, type Curve } from "./curve.ts";
export { shapeGrid, THETAS, ALPHAS, GAMMA_MULTIPLES, type Shape, type ShapeGrid, type GridOptions } from "./grid.ts";
export { fitCurve, weightedCurve, nnlsBeta, cvFolds, trendColumn, CV_FOLDS, type CurveFit, type FitOptions } from "./fit.ts";
export { blockLength, blockWeights } from "./bootstrap.ts";
export { allocate, ALLOCATION_STEPS, BoundsError, type AllocationItem } from "./allocate.ts";
