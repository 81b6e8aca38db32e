/**
 * Linear least squares, optionally ridge-penalised, by Householder QR: small,
 * numerically sound (no normal equations), and refittable to a new response
 * on the same design in O(n·p) for bootstraps.
 */

export interface LeastSquaresOptions {
  /** Prepend a column of ones (not penalised). Default true. */
  readonly intercept?: boolean;
  /** Ridge penalty λ ≥ 0 on every non-intercept coefficient. Default 0 (ordinary least squares). */
  readonly ridge?: number;
}

export interface LeastSquaresFit {
  /** β, intercept first when `intercept` is true, then one per column of `columns`. */
  readonly coefficients: readonly number[];
  /** Xβ, one per observation. */
  readonly fitted: Float64Array;
  /** y − Xβ. */
  readonly residuals: Float64Array;
  /** Residual sum of squares Σ (y − Xβ)² (the penalty not included). */
  readonly rss: number;
  /**
   * 1 − rss / tss, with tss = Σ (y − ȳ)² when there is an intercept and Σ y²
   * otherwise (statsmodels' `rsquared`); null when tss is 0.
   */
  readonly r2: number | null;
  /** The coefficients for another response on the same design and penalty. */
  refit(y: ArrayLike<number>): Float64Array;
}

/**
 * Minimises ‖y − Xβ‖² + λ Σ_{j ≥ 1} β_j² over β, where X is the columns (with a
 * leading column of ones when `intercept`), as `numpy.linalg.lstsq` / statsmodels
 * `OLS(y, X).fit().params` for λ = 0 and (XᵀX + λD)⁻¹Xᵀy (D = I with D₀₀ = 0 for
 * the intercept) for λ > 0.
 *
 * Method: Householder QR of X augmented with the rows √λ·e_jᵀ, so the penalised
 * problem is an ordinary one; β from back-substitution in R.
 *
 * Policy: throws a `RangeError` naming the value when a column's length differs
 * from y's, a value is not finite, there are fewer observations than
 * coefficients (λ = 0), λ is negative or not finite, or the (augmented) design
 * is rank deficient: a pivot |R_jj| ≤ 1e-10 · max|R_kk| (collinear columns
 * with λ = 0; pass a ridge penalty instead).
 *
 * @example leastSquares([[1, 2, 3, 4]], [3, 5, 7, 9]).coefficients; // => [1, 2] (to 1e-15)
 * @example leastSquares([[0, 1, 2]], [1, 3, 2]).r2; // => 0.25
 */
export function leastSquares(columns: readonly ArrayLike<number>[], y: ArrayLike<number>, options: LeastSquaresOptions = {}): LeastSquaresFit {
  const intercept = options.intercept ?? true;
  const lambda = options.ridge ?? 0;
  if (!Number.isFinite(lambda) || lambda < 0) throw new RangeError(`leastSquares invalid ridge: ${lambda}`);
  const n = y.length;
  for (let i = 0; i < n; i++) if (!Number.isFinite(y[i]!)) throw new RangeError(`leastSquares y[${i}] is not a finite number: ${y[i]}`);
  columns.forEach((c, j) => {
    if (c.length !== n) throw new RangeError(`leastSquares column ${j} has ${c.length} values, y has ${n}`);
    for (let i = 0; i < n; i++) if (!Number.isFinite(c[i]!)) throw new RangeError(`leastSquares column ${j}[${i}] is not a finite number: ${c[i]}`);
  });
  const p = columns.length + (intercept ? 1 : 0);
  if (p === 0) throw new RangeError("leastSquares needs at least one column or an intercept");
  const penalised = lambda > 0 ? p - (intercept ? 1 : 0) : 0;
  const m = n + penalised; // rows of the augmented design
  if (m < p) throw new RangeError(`leastSquares needs at least ${p} observations, got ${n}`);

  // Column-major augmented design A (m × p).
  const a = new Float64Array(m * p);
  let col = 0;
  if (intercept) {
    a.fill(1, 0, n);
    col = 1;
  }
  for (const c of columns) {
    for (let i = 0; i < n; i++) a[col * m + i] = c[i]!;
    col++;
  }
  if (penalised > 0) {
    const root = Math.sqrt(lambda);
    for (let j = intercept ? 1 : 0, r = n; j < p; j++, r++) a[j * m + r] = root;
  }

  // Householder QR in place: below the diagonal, column k holds v_k (v_k[k] = 1 implied by beta scaling below).
  const betas = new Float64Array(p); // reflector H_k = I − β_k v_k v_kᵀ
  const rDiag = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    const off = k * m;
    let norm = 0;
    for (let i = k; i < m; i++) norm = Math.hypot(norm, a[off + i]!);
    if (norm === 0) {
      rDiag[k] = 0;
      betas[k] = 0;
      continue;
    }
    const alpha = a[off + k]! > 0 ? -norm : norm;
    const v0 = a[off + k]! - alpha;
    // v = (x − αe₁) / v0, so v[k] = 1; β = −v0 / α.
    for (let i = k + 1; i < m; i++) a[off + i] = a[off + i]! / v0;
    a[off + k] = 1;
    betas[k] = -v0 / alpha;
    rDiag[k] = alpha;
    for (let j = k + 1; j < p; j++) {
      const offj = j * m;
      let s = 0;
      for (let i = k; i < m; i++) s += a[off + i]! * a[offj + i]!;
      s *= betas[k]!;
      for (let i = k; i < m; i++) a[offj + i] = a[offj + i]! - s * a[off + i]!;
    }
  }
  let maxDiag = 0;
  for (let k = 0; k < p; k++) maxDiag = Math.max(maxDiag, Math.abs(rDiag[k]!));
  for (let k = 0; k < p; k++) {
    if (!(Math.abs(rDiag[k]!) > 1e-10 * maxDiag))
      throw new RangeError(
        `leastSquares design is rank deficient at coefficient ${k} (|R_kk| = ${Math.abs(rDiag[k]!)}); collinear columns need a ridge penalty`,
      );
  }

  const work = new Float64Array(m);
  const refit = (response: ArrayLike<number>): Float64Array => {
    if (response.length !== n) throw new RangeError(`leastSquares refit needs ${n} values, got ${response.length}`);
    for (let i = 0; i < n; i++) work[i] = response[i]!;
    work.fill(0, n);
    // Qᵀy by the reflectors in order.
    for (let k = 0; k < p; k++) {
      const off = k * m;
      let s = 0;
      for (let i = k; i < m; i++) s += a[off + i]! * work[i]!;
      s *= betas[k]!;
      for (let i = k; i < m; i++) work[i] = work[i]! - s * a[off + i]!;
    }
    // Back-substitution R β = (Qᵀy)[0..p); R's strict upper triangle sits above a's diagonal.
    const beta = new Float64Array(p);
    for (let k = p - 1; k >= 0; k--) {
      let s = work[k]!;
      for (let j = k + 1; j < p; j++) s -= a[j * m + k]! * beta[j]!;
      beta[k] = s / rDiag[k]!;
    }
    return beta;
  };

  const beta = refit(y);
  const fitted = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = intercept ? beta[0]! : 0;
    columns.forEach((c, j) => (s += beta[j + (intercept ? 1 : 0)]! * c[i]!));
    fitted[i] = s;
  }
  const residuals = new Float64Array(n);
  let rss = 0;
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += y[i]!;
  yMean /= n;
  let tss = 0;
  for (let i = 0; i < n; i++) {
    residuals[i] = y[i]! - fitted[i]!;
    rss += residuals[i]! ** 2;
    tss += (intercept ? y[i]! - yMean : y[i]!) ** 2;
  }
  return { coefficients: Array.from(beta), fitted, residuals, rss, r2: tss > 0 ? 1 - rss / tss : null, refit };
}
