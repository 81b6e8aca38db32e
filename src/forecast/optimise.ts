/**
 * Nelder–Mead minimisation of a function of a few unconstrained variables:
 * the fitters map their bounded parameters to the real line first (logistic
 * or partial-autocorrelation transforms), so no bounds are needed here.
 */

export interface NelderMeadOptions {
  /** The initial simplex's edge along each axis: one number for all, or one per variable. Default 0.1. */
  readonly step?: number | readonly number[];
  /** Function evaluations at most, over all restarts. Default 2000 × variables (at least 2000). */
  readonly maxEvaluations?: number;
  /** Converged when the simplex's vertices lie within this of the best one, coordinate by coordinate. Default 1e-8. */
  readonly xTolerance?: number;
  /** … and their values within this (absolute) of the best one. Default 1e-10. */
  readonly fTolerance?: number;
}

export interface NelderMeadResult {
  readonly x: Float64Array;
  readonly value: number;
  readonly evaluations: number;
  /** False when the evaluation budget ran out before the tolerances were met. */
  readonly converged: boolean;
}

/**
 * Minimises `f` from `x0` by the Nelder–Mead simplex method with the standard
 * coefficients (reflection 1, expansion 2, contraction ½, shrink ½), as
 * SciPy's `minimize(method="Nelder-Mead")` with `xatol` and `fatol`. A
 * non-finite value of `f` counts as +∞, so `f` can refuse a point by
 * returning NaN or Infinity.
 *
 * After convergence the search restarts from the best point with a fresh
 * simplex (a quarter the size), until a restart improves the value by no more
 * than `fTolerance`: a single Nelder–Mead run can stall on a ridge.
 *
 * Empty-data policy: no variables evaluates `f` once and returns x0.
 *
 * @example nelderMead(([x, y]) => (x! - 1) ** 2 + (y! + 2) ** 2, [0, 0]).x; // => ≈ [1, -2]
 */
export function nelderMead(f: (x: Float64Array) => number, x0: ArrayLike<number>, options: NelderMeadOptions = {}): NelderMeadResult {
  const n = x0.length;
  const { step = 0.1, xTolerance = 1e-8, fTolerance = 1e-10 } = options;
  const maxEvaluations = options.maxEvaluations ?? Math.max(2000, 2000 * n);
  let evaluations = 0;
  const value = (x: Float64Array): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let best: Float64Array = Float64Array.from(x0);
  let bestValue = value(best);
  if (n === 0) return { x: best, value: bestValue, evaluations, converged: true };
  let scale = 1;
  for (let round = 0; ; round++) {
    const steps = Array.from({ length: n }, (_, i) => (typeof step === "number" ? step : (step[i] ?? 0.1)) * scale);
    const run = simplex(value, best, bestValue, steps, xTolerance, fTolerance, () => evaluations < maxEvaluations);
    const improvement = bestValue - run.value;
    best = run.x;
    bestValue = run.value;
    if (!run.converged) return { x: best, value: bestValue, evaluations, converged: false };
    if (round > 0 && !(improvement > fTolerance)) return { x: best, value: bestValue, evaluations, converged: true };
    scale = 0.25;
  }
}

function simplex(
  value: (x: Float64Array) => number,
  start: Float64Array,
  startValue: number,
  steps: readonly number[],
  xTolerance: number,
  fTolerance: number,
  budget: () => boolean,
): { x: Float64Array; value: number; converged: boolean } {
  const n = start.length;
  const points: Float64Array[] = [start.slice()];
  const values: number[] = [startValue];
  for (let i = 0; i < n; i++) {
    const p = start.slice();
    p[i]! += steps[i] !== 0 ? steps[i]! : 0.00025;
    points.push(p);
    values.push(value(p));
  }
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const centroid = new Float64Array(n);
  const trial = (from: Float64Array, towards: Float64Array, t: number): Float64Array => {
    const x = new Float64Array(n);
    for (let j = 0; j < n; j++) x[j] = from[j]! + t * (towards[j]! - from[j]!);
    return x;
  };
  for (;;) {
    order.sort((a, b) => values[a]! - values[b]! || a - b);
    const bestI = order[0]!;
    const worstI = order[n]!;
    const bestP = points[bestI]!;
    let spread = 0;
    let fSpread = 0;
    for (let k = 1; k <= n; k++) {
      const p = points[order[k]!]!;
      for (let j = 0; j < n; j++) spread = Math.max(spread, Math.abs(p[j]! - bestP[j]!));
      fSpread = Math.max(fSpread, Math.abs(values[order[k]!]! - values[bestI]!));
    }
    if (spread <= xTolerance && fSpread <= fTolerance) return { x: bestP.slice(), value: values[bestI]!, converged: true };
    if (!budget()) return { x: bestP.slice(), value: values[bestI]!, converged: false };

    centroid.fill(0);
    for (let k = 0; k < n; k++) {
      const p = points[order[k]!]!;
      for (let j = 0; j < n; j++) centroid[j]! += p[j]! / n;
    }
    const worst = points[worstI]!;
    const worstValue = values[worstI]!;
    const secondWorstValue = values[order[n - 1]!]!;
    const reflected = trial(centroid, worst, -1);
    const fr = value(reflected);
    if (fr < values[bestI]!) {
      const expanded = trial(centroid, worst, -2);
      const fe = value(expanded);
      if (fe < fr) replace(worstI, expanded, fe);
      else replace(worstI, reflected, fr);
      continue;
    }
    if (fr < secondWorstValue) {
      replace(worstI, reflected, fr);
      continue;
    }
    // Contract: outside when the reflection beat the worst point, inside otherwise.
    const outside = fr < worstValue;
    const contracted = outside ? trial(centroid, worst, -0.5) : trial(centroid, worst, 0.5);
    const fc = value(contracted);
    if (fc < (outside ? fr : worstValue)) {
      replace(worstI, contracted, fc);
      continue;
    }
    // Shrink towards the best point.
    for (let k = 1; k <= n; k++) {
      const i = order[k]!;
      points[i] = trial(bestP, points[i]!, 0.5);
      values[i] = value(points[i]!);
    }
  }

  function replace(i: number, x: Float64Array, v: number): void {
    points[i] = x;
    values[i] = v;
  }
}

export interface BfgsOptions {
  /** Iterations at most. Default 200. */
  readonly maxIterations?: number;
  /** Stop when an iteration lowers f by no more than this × (|f| + this), as R's `optim(reltol)`. Default 1e-10. */
  readonly relativeTolerance?: number;
  /** Central-difference step of the numerical gradient. Default 1e-5. */
  readonly gradientStep?: number;
}

/**
 * Minimises a smooth `f` by BFGS (the inverse-Hessian update) with a
 * central-difference gradient and a backtracking (Armijo) line search, as R's
 * `optim(method = "BFGS")` with numerical derivatives. A non-finite value
 * counts as +∞, which the line search steps back from. When the search
 * direction is not a descent direction the inverse Hessian is reset.
 *
 * It converges when an iteration improves f by no more than the relative
 * tolerance, or the gradient vanishes; it does not converge when the
 * iterations run out or the line search finds no lower point from a point
 * whose gradient is not small.
 *
 * Empty-data policy: no variables evaluates `f` once and returns x0.
 *
 * @example bfgs(([x, y]) => (x! - 1) ** 2 + 10 * (y! + 2) ** 2, [0, 0]).x; // => ≈ [1, -2]
 */
export function bfgs(f: (x: Float64Array) => number, x0: ArrayLike<number>, options: BfgsOptions = {}): NelderMeadResult {
  const { maxIterations = 200, relativeTolerance = 1e-10, gradientStep = 1e-5 } = options;
  const n = x0.length;
  let evaluations = 0;
  const value = (x: Float64Array): number => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  let x: Float64Array = Float64Array.from(x0);
  let fx = value(x);
  if (n === 0 || !Number.isFinite(fx)) return { x, value: fx, evaluations, converged: n === 0 };
  const gradient = (at: Float64Array, fat: number): Float64Array => {
    const g = new Float64Array(n);
    const probe = at.slice();
    for (let i = 0; i < n; i++) {
      const h = gradientStep * Math.max(1, Math.abs(at[i]!));
      probe[i] = at[i]! + h;
      const up = value(probe);
      probe[i] = at[i]! - h;
      const down = value(probe);
      probe[i] = at[i]!;
      // One-sided where a side is infeasible.
      g[i] =
        Number.isFinite(up) && Number.isFinite(down)
          ? (up - down) / (2 * h)
          : Number.isFinite(up)
            ? (up - fat) / h
            : Number.isFinite(down)
              ? (fat - down) / h
              : 0;
    }
    return g;
  };
  let g = gradient(x, fx);
  let H = identity(n);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let gNorm = 0;
    for (let i = 0; i < n; i++) gNorm = Math.max(gNorm, Math.abs(g[i]!));
    if (gNorm < 1e-8) return { x, value: fx, evaluations, converged: true };
    let d = times(H, g, n).map((v) => -v);
    let slope = dot(g, d);
    if (!(slope < 0)) {
      H = identity(n);
      d = g.map((v) => -v);
      slope = -dot(g, g);
    }
    // The first step is at most 1 in the largest coordinate.
    let t = iteration === 0 ? Math.min(1, 1 / Math.max(...d.map(Math.abs))) : 1;
    let next: Float64Array | null = null;
    let fNext = Infinity;
    for (let tries = 0; tries < 40; tries++, t /= 2) {
      const trial = x.map((v, i) => v + t * d[i]!);
      const ft = value(trial);
      if (ft <= fx + 1e-4 * t * slope) {
        next = trial;
        fNext = ft;
        break;
      }
    }
    if (next === null) {
      if (H[0] !== 1 || !isIdentity(H, n)) {
        H = identity(n);
        continue;
      }
      return { x, value: fx, evaluations, converged: gNorm < 1e-4 };
    }
    const gNext = gradient(next, fNext);
    const s = next.map((v, i) => v - x[i]!);
    const y = gNext.map((v, i) => v - g[i]!);
    const sy = dot(s, y);
    const done = fx - fNext <= relativeTolerance * (Math.abs(fx) + relativeTolerance);
    x = next;
    fx = fNext;
    g = gNext;
    if (done) return { x, value: fx, evaluations, converged: true };
    if (sy > 1e-12) {
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
      const rho = 1 / sy;
      const Hy = times(H, y, n);
      const yHy = dot(y, Hy);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] = H[i * n + j]! - rho * (Hy[i]! * s[j]! + s[i]! * Hy[j]!) + (rho * rho * yHy + rho) * s[i]! * s[j]!;
        }
      }
    }
  }
  return { x, value: fx, evaluations, converged: false };
}

const identity = (n: number): Float64Array => {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
};
const isIdentity = (m: Float64Array, n: number): boolean => m.every((v, k) => v === (k % (n + 1) === 0 ? 1 : 0));
const dot = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};
const times = (m: Float64Array, v: ArrayLike<number>, n: number): Float64Array => {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += m[i * n + j]! * v[j]!;
    out[i] = s;
  }
  return out;
};
