/**
 * Nelder–Mead minimisation without derivatives, as SciPy's
 * `minimize(method="Nelder-Mead")` does it (non-adaptive coefficients:
 * reflection 1, expansion 2, contraction ½, shrink ½), for the CLV models'
 * few log-parameters.
 */

export interface NelderMeadOptions {
  /** Initial simplex: x0 and x0 + step along each axis. Default 0.5. */
  readonly step?: number;
  /** Converged when every vertex is within this of the best in every coordinate (SciPy's xatol)… Default 1e-8. */
  readonly xTolerance?: number;
  /** …and every vertex's value within this of the best value (SciPy's fatol). Default 1e-10. */
  readonly fTolerance?: number;
  /** Iterations at most. Default 5,000. */
  readonly maxIterations?: number;
}

export interface NelderMeadResult {
  /** The best vertex. */
  readonly x: number[];
  readonly value: number;
  readonly iterations: number;
  readonly evaluations: number;
  /** Whether both tolerances were met before `maxIterations`. */
  readonly converged: boolean;
}

/**
 * Minimises `f` from `x0`. A value that is NaN counts as +∞, so `f` may
 * return NaN or ∞ outside its domain and the simplex moves away from it;
 * `x0` itself must give a finite value.
 *
 * @example nelderMead(([x, y]) => (x! - 1) ** 2 + 10 * (y! + 2) ** 2, [0, 0]).x; // => [1, -2] (within 1e-8)
 */
export function nelderMead(f: (x: readonly number[]) => number, x0: readonly number[], options: NelderMeadOptions = {}): NelderMeadResult {
  const { step = 0.5, xTolerance = 1e-8, fTolerance = 1e-10, maxIterations = 5000 } = options;
  const n = x0.length;
  if (n === 0) throw new RangeError("invalid nelderMead x0: no coordinates");
  let evaluations = 0;
  const value = (x: readonly number[]): number => {
    evaluations++;
    const v = f(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  const simplex: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const v = x0.slice();
    v[i]! += step;
    simplex.push(v);
  }
  let fs = simplex.map(value);
  if (!Number.isFinite(fs[0]!)) throw new RangeError(`invalid nelderMead x0: f(${x0.join(", ")}) = ${fs[0]}`);
  const order = (): void => {
    const idx = fs.map((_, i) => i).sort((i, j) => fs[i]! - fs[j]! || i - j);
    const s = idx.map((i) => simplex[i]!);
    const v = idx.map((i) => fs[i]!);
    for (let i = 0; i <= n; i++) simplex[i] = s[i]!;
    fs = v;
  };
  order();
  const centroid = new Array<number>(n);
  const along = (t: number): number[] => centroid.map((c, j) => c + t * (simplex[n]![j]! - c));
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    if (spread(simplex) <= xTolerance && fSpread(fs) <= fTolerance) {
      converged = true;
      break;
    }
    iterations++;
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += simplex[i]![j]!;
      centroid[j] = s / n;
    }
    const xr = along(-1);
    const fr = value(xr);
    let shrink = false;
    if (fr < fs[0]!) {
      const xe = along(-2);
      const fe = value(xe);
      if (fe < fr) replaceWorst(simplex, fs, xe, fe);
      else replaceWorst(simplex, fs, xr, fr);
    } else if (fr < fs[n - 1]!) {
      replaceWorst(simplex, fs, xr, fr);
    } else if (fr < fs[n]!) {
      const xc = along(-0.5);
      const fc = value(xc);
      if (fc <= fr) replaceWorst(simplex, fs, xc, fc);
      else shrink = true;
    } else {
      const xcc = along(0.5);
      const fcc = value(xcc);
      if (fcc < fs[n]!) replaceWorst(simplex, fs, xcc, fcc);
      else shrink = true;
    }
    if (shrink) {
      const best = simplex[0]!;
      for (let i = 1; i <= n; i++) {
        simplex[i] = simplex[i]!.map((v, j) => best[j]! + 0.5 * (v - best[j]!));
        fs[i] = value(simplex[i]!);
      }
    }
    order();
  }
  return { x: simplex[0]!.slice(), value: fs[0]!, iterations, evaluations, converged };
}

function replaceWorst(simplex: number[][], fs: number[], x: number[], v: number): void {
  simplex[simplex.length - 1] = x;
  fs[fs.length - 1] = v;
}

/** The largest coordinate distance of a vertex from the best. */
function spread(simplex: readonly (readonly number[])[]): number {
  let most = 0;
  const best = simplex[0]!;
  for (let i = 1; i < simplex.length; i++) for (let j = 0; j < best.length; j++) most = Math.max(most, Math.abs(simplex[i]![j]! - best[j]!));
  return most;
}

function fSpread(fs: readonly number[]): number {
  let most = 0;
  for (let i = 1; i < fs.length; i++) most = Math.max(most, Math.abs(fs[i]! - fs[0]!));
  return most;
}
