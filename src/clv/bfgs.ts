/**
 * BFGS quasi-Newton minimisation with a given gradient (Nocedal & Wright,
 * Numerical Optimization, algorithm 6.1), for the CLV models' few
 * log-parameters, where each evaluation is a pass over thousands of
 * customers and Nelder–Mead needs ten times as many.
 */

export interface BfgsOptions {
  /** Converged when every gradient component is within this of 0 (SciPy's gtol, with the ∞-norm). Default 1e-9. */
  readonly gradientTolerance?: number;
  /**
   * When two steps in a row lower f by no more than its rounding (1e-15
   * relative), the run stops, converged if every gradient component is within
   * this of 0: the gradient's own rounding can stay above `gradientTolerance`.
   * Default 1e-6.
   */
  readonly stallTolerance?: number;
  /** Iterations at most. Default 500. */
  readonly maxIterations?: number;
  /** No step moves a coordinate by more than this. Default 2 (a factor e² for a log-parameter). */
  readonly maxStep?: number;
}

export interface BfgsResult {
  readonly x: number[];
  readonly value: number;
  readonly gradient: number[];
  readonly iterations: number;
  readonly evaluations: number;
  /** Whether a tolerance was met; false after `maxIterations`, a line search that found no decrease, or a stall with a larger gradient. */
  readonly converged: boolean;
}

/** `f(x)` and its gradient at x, written into `gradient`. */
export type ValueAndGradient = (x: readonly number[], gradient: number[]) => number;

/**
 * Minimises f from x0. The inverse Hessian starts as the identity, is scaled
 * by yᵀs ÷ yᵀy after the first step (N&W eq. 6.20), and is updated only when
 * yᵀs > 0 (otherwise kept, which keeps it positive definite). The step along
 * −H∇f is first capped at `maxStep` in every coordinate, then halved until it
 * satisfies Armijo's condition f(x + αp) ≤ f(x) + 1e-4 α ∇fᵀp (a value that
 * is not finite counts as no decrease); after 50 halvings the search gives up.
 *
 * @example bfgs((x, g) => { g[0] = 2 * (x[0]! - 1); g[1] = 20 * (x[1]! + 2); return (x[0]! - 1) ** 2 + 10 * (x[1]! + 2) ** 2; }, [0, 0]).x; // => [1, -2]
 */
export function bfgs(f: ValueAndGradient, x0: readonly number[], options: BfgsOptions = {}): BfgsResult {
  const { gradientTolerance = 1e-9, stallTolerance = 1e-6, maxIterations = 500, maxStep = 2 } = options;
  const n = x0.length;
  if (n === 0) throw new RangeError("invalid bfgs x0: no coordinates");
  let evaluations = 0;
  const evaluate = (x: readonly number[], g: number[]): number => {
    evaluations++;
    const v = f(x, g);
    return Number.isFinite(v) && g.every(Number.isFinite) ? v : Infinity;
  };
  let x = x0.slice();
  let g = new Array<number>(n).fill(0);
  let value = evaluate(x, g);
  if (!Number.isFinite(value)) throw new RangeError(`invalid bfgs x0: f(${x0.join(", ")}) is not finite`);
  const H = identity(n);
  let iterations = 0;
  let converged = false;
  let first = true;
  let stalled = 0;
  const next = new Array<number>(n).fill(0);
  while (iterations < maxIterations) {
    if (norm(g) <= gradientTolerance) {
      converged = true;
      break;
    }
    iterations++;
    let p = multiply(H, g).map((v) => -v);
    let slope = dot(g, p);
    if (!(slope < 0)) {
      // Not a descent direction (H has lost its way): restart from steepest descent.
      resetIdentity(H);
      p = g.map((v) => -v);
      slope = dot(g, p);
    }
    const longest = norm(p);
    let step = longest > maxStep ? maxStep / longest : 1;
    let candidate: number[] = x;
    let candidateValue = Infinity;
    let found = false;
    for (let k = 0; k < 50; k++) {
      candidate = x.map((v, i) => v + step * p[i]!);
      candidateValue = evaluate(candidate, next);
      if (candidateValue <= value + 1e-4 * step * slope) {
        found = true;
        break;
      }
      step /= 2;
    }
    if (!found) break;
    const s = candidate.map((v, i) => v - x[i]!);
    const y = next.map((v, i) => v - g[i]!);
    const ys = dot(y, s);
    if (ys > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (first) {
        const scale = ys / dot(y, y);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) H[i]![j]! *= scale;
        first = false;
      }
      update(H, s, y, ys);
    }
    stalled = value - candidateValue <= 1e-15 * (1 + Math.abs(value)) ? stalled + 1 : 0;
    x = candidate;
    value = candidateValue;
    g = next.slice();
    if (stalled >= 2) {
      converged = norm(g) <= stallTolerance;
      break;
    }
  }
  return { x, value, gradient: g, iterations, evaluations, converged };
}

/** H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ, ρ = 1 ÷ yᵀs. */
function update(H: number[][], s: readonly number[], y: readonly number[], ys: number): void {
  const n = s.length;
  const rho = 1 / ys;
  const Hy = multiply(H, y);
  const yHy = dot(y, Hy);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      H[i]![j] = H[i]![j]! - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) + (rho * rho * yHy + rho) * s[i]! * s[j]!;
    }
  }
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

function resetIdentity(H: number[][]): void {
  H.forEach((row, i) => row.forEach((_, j) => (row[j] = i === j ? 1 : 0)));
}

function multiply(H: readonly (readonly number[])[], v: readonly number[]): number[] {
  return H.map((row) => dot(row, v));
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** The ∞-norm. */
function norm(v: readonly number[]): number {
  let most = 0;
  for (const x of v) most = Math.max(most, Math.abs(x));
  return most;
}
