/**
 * The stationary ARMA process in state-space form: ψ weights,
 * autocovariances, the stationary state covariance and the Kalman filter
 * that gives the exact Gaussian likelihood (Gardner, Harvey & Phillips 1980;
 * Harvey 1989; R's `arima`).
 *
 * Conventions, as R's: w_t = φ_1 w_{t−1} + … + φ_p w_{t−p} + ε_t + θ_1 ε_{t−1}
 * + … + θ_q ε_{t−q}; variances are in units of σ² = Var ε.
 *
 * The state (Harvey's form) has r = max(p, q + 1) elements, α_{1,t} = w_t:
 * α_{t+1} = T α_t + R ε_{t+1}, where T has φ_1 … φ_r in its first column and
 * ones on its superdiagonal, and R = (1, θ_1, …, θ_{r−1}); w_t = α_{1,t}.
 */

/**
 * R's `partrans`: maps p unconstrained values to the coefficients of a
 * stationary AR(p) polynomial, through partial autocorrelations tanh(u) and
 * the Durbin–Levinson recursion. Every real vector maps inside the
 * stationary region, and 0 maps to 0.
 *
 * @example partrans([Math.atanh(0.5)]); // => [0.5]
 */
export function partrans(raw: ArrayLike<number>): Float64Array {
  const p = raw.length;
  const out = new Float64Array(p);
  const work = new Float64Array(p);
  for (let j = 0; j < p; j++) work[j] = out[j] = Math.tanh(raw[j]!);
  for (let j = 1; j < p; j++) {
    const a = out[j]!;
    for (let k = 0; k < j; k++) work[k]! -= a * out[j - k - 1]!;
    for (let k = 0; k < j; k++) out[k] = work[k]!;
  }
  return out;
}

/**
 * The inverse of `partrans` for a stationary AR polynomial (the
 * Durbin–Levinson recursion run backwards); coefficients outside the
 * stationary region give NaN.
 *
 * @example invpartrans([0.5]); // => [atanh(0.5)]
 */
export function invpartrans(coef: ArrayLike<number>): Float64Array {
  const p = coef.length;
  const pacf = Float64Array.from(coef);
  for (let j = p - 1; j > 0; j--) {
    const a = pacf[j]!;
    const prev = new Float64Array(j);
    for (let k = 0; k < j; k++) prev[k] = (pacf[k]! + a * pacf[j - k - 1]!) / (1 - a * a);
    pacf.set(prev);
  }
  return pacf.map((v) => (Math.abs(v) < 1 ? Math.atanh(v) : NaN));
}

/**
 * The first `count` ψ weights of ARMA(φ, θ): w_t = Σ ψ_j ε_{t−j}, ψ_0 = 1,
 * ψ_j = θ_j + Σ_{i=1}^{min(j,p)} φ_i ψ_{j−i}.
 *
 * @example psiWeights([0.5], [], 3); // => [1, 0.5, 0.25]
 */
export function psiWeights(phi: ArrayLike<number>, theta: ArrayLike<number>, count: number): Float64Array {
  const psi = new Float64Array(count);
  for (let j = 0; j < count; j++) {
    let v = j === 0 ? 1 : (theta[j - 1] ?? 0);
    for (let i = 1; i <= Math.min(j, phi.length); i++) v += phi[i - 1]! * psi[j - i]!;
    psi[j] = v;
  }
  return psi;
}

/**
 * Autocovariances γ(0) … γ(lags) of a causal ARMA(φ, θ) with unit innovation
 * variance: γ(0 … p) solve γ(k) − Σ_i φ_i γ(|k − i|) = Σ_{j=k}^{q} θ_j ψ_{j−k}
 * (k = 0 … p, θ_0 = 1) by Gaussian elimination, and the rest follow from
 * γ(k) = Σ_i φ_i γ(k − i) + Σ_{j=k}^{q} θ_j ψ_{j−k} (Brockwell & Davis §3.3).
 *
 * @example armaAutocovariance([0.5], [], 1); // => [4/3, 2/3]
 */
export function armaAutocovariance(phi: ArrayLike<number>, theta: ArrayLike<number>, lags: number): Float64Array {
  const p = phi.length;
  const q = theta.length;
  const psi = psiWeights(phi, theta, q + 1);
  const th = (j: number): number => (j === 0 ? 1 : (theta[j - 1] ?? 0));
  const ma = (k: number): number => {
    let s = 0;
    for (let j = k; j <= q; j++) s += th(j) * psi[j - k]!;
    return s;
  };
  const gamma = new Float64Array(Math.max(lags, p) + 1);
  const size = p + 1;
  const a = new Float64Array(size * size);
  const b = new Float64Array(size);
  for (let k = 0; k <= p; k++) {
    a[k * size + k]! += 1;
    for (let i = 1; i <= p; i++) a[k * size + Math.abs(k - i)]! -= phi[i - 1]!;
    b[k] = ma(k);
  }
  gamma.set(solve(a, b, size));
  for (let k = p + 1; k < gamma.length; k++) {
    let s = ma(k);
    for (let i = 1; i <= p; i++) s += phi[i - 1]! * gamma[k - i]!;
    gamma[k] = s;
  }
  return gamma.subarray(0, lags + 1);
}

/** Solves a x = b (a row-major n × n, overwritten) by Gaussian elimination with partial pivoting. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const x = b.slice();
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r * n + c]!) > Math.abs(a[pivot * n + c]!)) pivot = r;
    if (pivot !== c) {
      for (let k = 0; k < n; k++) [a[c * n + k], a[pivot * n + k]] = [a[pivot * n + k]!, a[c * n + k]!];
      [x[c], x[pivot]] = [x[pivot]!, x[c]!];
    }
    const d = a[c * n + c]!;
    for (let r = c + 1; r < n; r++) {
      const f = a[r * n + c]! / d;
      if (f === 0) continue;
      for (let k = c; k < n; k++) a[r * n + k]! -= f * a[c * n + k]!;
      x[r]! -= f * x[c]!;
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    let s = x[c]!;
    for (let k = c + 1; k < n; k++) s -= a[c * n + k]! * x[k]!;
    x[c] = s / a[c * n + c]!;
  }
  return x;
}

/** The state-space matrices of an ARMA model, padded to the state dimension r. */
export interface ArmaState {
  readonly r: number;
  /** φ_1 … φ_r (zeros past p): the first column of T. */
  readonly phi: Float64Array;
  /** R = (1, θ_1, …, θ_{r−1}). */
  readonly R: Float64Array;
}

export function armaState(phi: ArrayLike<number>, theta: ArrayLike<number>): ArmaState {
  const r = Math.max(phi.length, theta.length + 1);
  const ph = new Float64Array(r);
  ph.set(Array.from(phi));
  const R = new Float64Array(r);
  R[0] = 1;
  for (let j = 0; j < theta.length; j++) R[j + 1] = theta[j]!;
  return { r, phi: ph, R };
}

/**
 * The stationary covariance P₀ of the state (row-major r × r, σ² units): the
 * solution of the discrete Lyapunov equation P = T P Tᵀ + R Rᵀ, which is the
 * right initial covariance for the exact likelihood of a stationary series.
 *
 * Its first row is Cov(w_t, α_{k,t}) = Σ_{i≥k} φ_i γ(i − k + 1) + Σ_{j≥k−1} θ_j ψ_{j−k+1}
 * from the autocovariances; element-wise the equation reads
 * P_ij = φ_iφ_j P_11 + φ_i P_1,j+1 + φ_j P_1,i+1 + P_i+1,j+1 + R_i R_j,
 * which gives the other rows from the last one up. O(p³ + r²), where solving
 * the equation by vectorisation would be O(r⁶); it is what Gardner et al.'s
 * Q₀ algorithm computes, in the spirit of R's `SSinit = "Rossignol2011"`.
 *
 * @example stationaryCovariance(armaState([0.5], [])); // => [4/3]
 */
export function stationaryCovariance(state: ArmaState): Float64Array {
  const { r, phi, R } = state;
  const p = lastNonZero(phi);
  const gamma = armaAutocovariance(phi.subarray(0, p), R.subarray(1), r);
  const psi = psiWeights(phi.subarray(0, p), R.subarray(1), r);
  const P = new Float64Array(r * r);
  for (let k = 0; k < r; k++) {
    // 0-based k is the 1-based state element k + 1; R_j = θ_j with θ_0 = 1.
    let s = 0;
    for (let i = k; i < r; i++) s += phi[i]! * gamma[i - k + 1]!;
    for (let j = k; j < r; j++) s += R[j]! * psi[j - k]!;
    P[k] = P[k * r] = s;
  }
  P[0] = gamma[0]!;
  for (let i = r - 1; i >= 1; i--) {
    for (let j = r - 1; j >= i; j--) {
      const next = i + 1 < r && j + 1 < r ? P[(i + 1) * r + j + 1]! : 0;
      const v = phi[i]! * phi[j]! * P[0]! + phi[i]! * (j + 1 < r ? P[j + 1]! : 0) + phi[j]! * (i + 1 < r ? P[i + 1]! : 0) + next + R[i]! * R[j]!;
      P[i * r + j] = P[j * r + i] = v;
    }
  }
  return P;
}

const lastNonZero = (a: Float64Array): number => {
  let p = a.length;
  while (p > 0 && a[p - 1] === 0) p--;
  return p;
};

export interface KalmanResult {
  /** Σ v_t² / F_t: standardised squared innovations, σ² units. */
  readonly ssq: number;
  /** Σ log F_t. */
  readonly sumlog: number;
  /** Observations used. */
  readonly n: number;
  /** The filtered state a_{n|n} and its covariance P_{n|n} (σ² units), for forecasting. */
  readonly a: Float64Array;
  readonly P: Float64Array;
}

/**
 * Runs the Kalman filter over a zero-mean series from a₁ = 0, P₁ = P₀ (the
 * stationary covariance), as R's `ARIMA_Like`. The exact Gaussian
 * log-likelihood with σ² concentrated out is then
 * −½ (n log(2π ssq / n) + sumlog + n), at σ² = ssq / n.
 *
 * With no measurement noise and no missing values the filtered covariance
 * has a zero first row and column (w_t is observed exactly), so the next
 * predicted covariance is N_ij = P_{i+1,j+1} − g_{i+1} g_{j+1} ÷ F + R_i R_j,
 * g the first column of the predicted covariance P and F = P_11: φ drops
 * out and each step costs r(r + 1)/2 products (upper triangle, in place).
 * Once that covariance stops changing (every element within 1e-13 of its
 * last value, relative to F), it is held fixed and a step costs O(r): the
 * change to the likelihood is below rounding.
 *
 * Empty-data policy: an empty series gives ssq = sumlog = 0, n = 0.
 */
export function kalmanFilter(w: ArrayLike<number>, state: ArmaState, P0: Float64Array): KalmanResult {
  const { r, phi, R } = state;
  const n = w.length;
  const a = new Float64Array(r);
  // g[r] stays 0, so that g[i + 1] is always in bounds.
  const g = new Float64Array(r + 1);
  // Predicted covariance, upper triangle used.
  const Pp = P0.slice();
  let ssq = 0;
  let sumlog = 0;
  let steady = false;
  let F = Pp[0]!;
  for (let t = 0; t < n; t++) {
    if (t > 0) {
      // a ← T a (a is the filtered state of t − 1).
      const a0 = a[0]!;
      for (let i = 0; i < r - 1; i++) a[i] = phi[i]! * a0 + a[i + 1]!;
      a[r - 1] = phi[r - 1]! * a0;
      if (!steady) {
        let change = 0;
        const invF = 1 / F;
        for (let i = 0; i < r; i++) {
          const row = i * r;
          const next = row + r + 1;
          const gi = g[i + 1]!;
          const Ri = R[i]!;
          const giF = gi * invF;
          for (let j = i; j < r - 1; j++) {
            const v = Ri * R[j]! + Pp[next + j]! - giF * g[j + 1]!;
            const old = Pp[row + j]!;
            const diff = v > old ? v - old : old - v;
            if (diff > change) change = diff;
            Pp[row + j] = v;
          }
          const last = Ri * R[r - 1]!;
          const old = Pp[row + r - 1]!;
          if (Math.abs(last - old) > change) change = Math.abs(last - old);
          Pp[row + r - 1] = last;
        }
        F = Pp[0]!;
        if (change <= 1e-13 * F) steady = true;
      }
    }
    if (!steady || t === 0) for (let i = 0; i < r; i++) g[i] = Pp[i]!;
    const v = w[t]! - a[0]!;
    ssq += (v * v) / F;
    sumlog += Math.log(F);
    const k = v / F;
    for (let i = 0; i < r; i++) a[i]! += g[i]! * k;
  }
  // The filtered covariance of the last step: P − g gᵀ ÷ F, made full.
  const P = new Float64Array(r * r);
  if (n > 0) {
    for (let i = 0; i < r; i++) {
      for (let j = i; j < r; j++) {
        const v = Pp[i * r + j]! - (g[i]! * g[j]!) / F;
        P[i * r + j] = P[j * r + i] = v;
      }
    }
  } else P.set(P0);
  return { ssq, sumlog, n, a, P };
}
