/**
 * What the maximum-likelihood fitters share: the "not enough data" result,
 * the record of each starting point, and the multi-start minimisation in
 * log-parameter space (BFGS on the analytic gradient, Nelder–Mead as the
 * fallback).
 */
import { bfgs, type ValueAndGradient } from "./bfgs.ts";
import { nelderMead } from "./neldermead.ts";

/** Why a fit was not attempted. */
export const LACKS = ["repeat_buyers", "valued_repeat_buyers", "observation_time"] as const;

/** A fit that was not attempted: too few customers carry information about the parameters. */
export interface NotEnoughData {
  readonly status: "not enough data";
  /** What was missing: repeat buyers, repeat buyers with a positive value (Gamma-Gamma), or any time observed after a first purchase. */
  readonly lack: (typeof LACKS)[number];
  /** Customers given. */
  readonly customers: number;
  /** Customers that inform the fit (repeat buyers; for Gamma-Gamma, repeat buyers with a positive value). */
  readonly usable: number;
  /** The least `usable` that is fitted. */
  readonly required: number;
}

/** The fitters need this many informative customers (repeat buyers). */
export const MIN_REPEAT_BUYERS = 3;

/** One starting point of a fit and where it ended, in the model's parameters. */
export interface FitStart<P> {
  readonly start: P;
  readonly end: P;
  /** Total log-likelihood at `end` (without any penalty). */
  readonly logLikelihood: number;
  readonly converged: boolean;
  /** Optimiser iterations over the start's runs (see `minimiseFromStarts`). */
  readonly iterations: number;
}

export interface FitOptions<P> {
  /**
   * Adds penalizer × Σ params² to the mean negative log-likelihood, as
   * lifetimes' `penalizer_coef` (parameters in the fitter's internal units,
   * see each fitter). Default 0, as lifetimes.
   */
  readonly penalizer?: number;
  /** Starting points in the model's parameters; replace the fitter's own. */
  readonly starts?: readonly P[];
  /** Iterations per optimiser run at most. Default 500. */
  readonly maxIterations?: number;
}

export interface StartRun {
  readonly x: number[];
  readonly value: number;
  readonly converged: boolean;
  readonly iterations: number;
}

/** Log-parameters beyond ±this are outside the model's domain for the optimiser (e^30 ≈ 1e13). */
export const LOG_BOUND = 30;

/**
 * Minimises `f` (a mean negative log-likelihood of log-parameters, with its
 * gradient) from each start by BFGS (see `bfgs`). When no start reaches
 * BFGS's gradient tolerance, Nelder–Mead continues from the best BFGS end
 * and BFGS polishes Nelder–Mead's end; that start has converged when either
 * run met its tolerances. Only the best start gets the fallback: on
 * degenerate data (a fit running to the edge of the parameter space) every
 * start fails BFGS, and five Nelder–Mead runs over hundreds of thousands of
 * customers took tens of seconds. Iterations add up over the runs. A start
 * where `f` or its gradient is not finite ends where it began, not converged.
 */
export function minimiseFromStarts(f: ValueAndGradient, starts: readonly (readonly number[])[], maxIterations: number): StartRun[] {
  const scratch: number[] = [];
  const valueOnly = (x: readonly number[]): number => f(x, scratch);
  const runs: StartRun[] = starts.map((start) => {
    const gradient: number[] = [];
    if (!Number.isFinite(f(start, gradient)) || !gradient.every(Number.isFinite)) return { x: start.slice(), value: Infinity, converged: false, iterations: 0 };
    const run = bfgs(f, start, { maxIterations });
    return { x: run.x, value: run.value, converged: run.converged, iterations: run.iterations };
  });
  if (runs.some((r) => r.converged)) return runs;
  const best = bestRun(runs);
  if (!Number.isFinite(best.value)) return runs;
  const simplex = nelderMead(valueOnly, best.x, { maxIterations });
  const polish = bfgs(f, simplex.x, { maxIterations });
  const better = polish.value <= simplex.value ? polish : simplex;
  runs[runs.indexOf(best)] = {
    x: better.x,
    value: better.value,
    converged: polish.converged || simplex.converged,
    iterations: best.iterations + simplex.iterations + polish.iterations,
  };
  return runs;
}

/** The run with the lowest value (the first on a tie). */
export function bestRun(runs: readonly StartRun[]): StartRun {
  return runs.reduce((best, run) => (run.value < best.value ? run : best));
}

/** Reads a column or a field of row objects as numbers. */
export function column<K extends string>(input: readonly Readonly<Record<K, number>>[] | Readonly<Record<K, ArrayLike<number>>>, key: K): ArrayLike<number> {
  return Array.isArray(input)
    ? (input as readonly Readonly<Record<K, number>>[]).map((row) => row[key])
    : (input as Readonly<Record<K, ArrayLike<number>>>)[key];
}
