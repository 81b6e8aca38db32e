/**
 * A fitted response curve and what it says at a steady spend.
 */
import { hill, hillSlope } from "./hill.ts";

/** outcomeₜ = β · hill(adstock(spend)ₜ; α, γ), with θ the adstock carry-over. */
export interface Curve {
  readonly theta: number;
  readonly alpha: number;
  readonly gamma: number;
  readonly beta: number;
}

/**
 * Outcome per period at a spend x kept steady: the adstock settles at
 * x ÷ (1 − θ), so f(x) = β · hill(x ÷ (1 − θ); α, γ). `perWeek` periods make a
 * week (7 at day grain, 1 at week grain): with weekly spend X it returns the
 * weekly outcome perWeek · f(X ÷ perWeek).
 * @example steadyResponse({ theta: 0.5, alpha: 1, gamma: 200, beta: 10 }, 100); // => 5
 * @example steadyResponse({ theta: 0, alpha: 1, gamma: 10, beta: 1 }, 70, 7); // => 3.5
 */
export function steadyResponse(c: Curve, x: number, perWeek = 1): number {
  return perWeek * c.beta * hill(x / perWeek / (1 - c.theta), c.alpha, c.gamma);
}

/**
 * The marginal outcome of one more unit of steady spend, f′(x) =
 * β · hill′(x ÷ (1 − θ)) ÷ (1 − θ) (the same per week and per period: the
 * perWeek factors cancel). With revenue × margin as the outcome, it is the
 * marginal ROMI.
 * @example steadySlope({ theta: 0.5, alpha: 1, gamma: 200, beta: 10 }, 100); // => 0.025
 */
export function steadySlope(c: Curve, x: number, perWeek = 1): number {
  return (c.beta * hillSlope(x / perWeek / (1 - c.theta), c.alpha, c.gamma)) / (1 - c.theta);
}
