/**
 * The recommended split and the scenarios: allocation over the identified
 * curves, and the bootstrap intervals of the outcomes.
 */
import { quantile } from "../../stats/quantile.ts";
import { allocate, steadyResponse, steadySlope, type Curve } from "../../response/index.ts";

export interface PlanSource {
  readonly label: string;
  readonly curve: Curve;
  readonly draws: readonly Curve[];
  readonly current: number;
  readonly lower: number;
  readonly upper: number;
}

/** The weekly outcome of a source at a weekly spend. */
export const weekly = (c: Curve, spend: number, perWeek: number): number => steadyResponse(c, spend, perWeek);
export const marginal = (c: Curve, spend: number, perWeek: number): number => steadySlope(c, spend, perWeek);

/** The split that maximises Σ weekly outcome for the total within the bounds; throws when they cannot be met. */
export function bestSplit(sources: readonly PlanSource[], total: number, perWeek: number): Float64Array {
  return allocate(
    sources.map((s) => ({ response: (x: number) => weekly(s.curve, x, perWeek), lower: s.lower, upper: s.upper })),
    total,
  );
}

export interface Interval {
  readonly value: number;
  readonly lo90: number;
  readonly hi90: number;
}

/**
 * Σ over sources of `value(curve, spend)` at the point curves, and its 5% and
 * 95% quantiles over the bootstrap draws (type 7).
 */
export function outcomeInterval(
  sources: readonly PlanSource[],
  perWeek: number,
  at: (s: PlanSource, i: number) => number,
  minus?: (s: PlanSource, i: number) => number,
): Interval {
  const f = (c: Curve, s: PlanSource, i: number): number => weekly(c, at(s, i), perWeek) - (minus ? weekly(c, minus(s, i), perWeek) : 0);
  const value = sources.reduce((a, s, i) => a + f(s.curve, s, i), 0);
  const draws = sources[0]?.draws.length ?? 0;
  const totals = new Float64Array(draws);
  for (let b = 0; b < draws; b++) totals[b] = sources.reduce((a, s, i) => a + f(s.draws[b]!, s, i), 0);
  totals.sort();
  return draws > 0 ? { value, lo90: quantile(totals, 0.05), hi90: quantile(totals, 0.95) } : { value, lo90: NaN, hi90: NaN };
}
