/**
 * The ARMA state-space pieces against closed forms and a brute-force
 * solution of the Lyapunov equation written here.
 */
import { describe, expect, it } from "vitest";
import { armaAutocovariance, armaState, invpartrans, kalmanFilter, partrans, psiWeights, stationaryCovariance } from "../../src/forecast/arma.ts";

/** Solves P = T P Tᵀ + R Rᵀ as the linear system (I − T ⊗ T) vec P = vec(R Rᵀ), by Gauss–Jordan elimination. */
function lyapunovBruteForce(phi: number[], theta: number[]): number[][] {
  const r = Math.max(phi.length, theta.length + 1);
  const T = Array.from({ length: r }, (_, i) => Array.from({ length: r }, (_, j) => (j === 0 ? (phi[i] ?? 0) : j === i + 1 ? 1 : 0)));
  const R = Array.from({ length: r }, (_, i) => (i === 0 ? 1 : (theta[i - 1] ?? 0)));
  const size = r * r;
  const a = Array.from({ length: size }, (_, row) => {
    const [i, j] = [Math.floor(row / r), row % r];
    const line = Array.from({ length: size + 1 }, () => 0);
    for (let k = 0; k < r; k++) for (let l = 0; l < r; l++) line[k * r + l]! -= T[i]![k]! * T[j]![l]!;
    line[row]! += 1;
    line[size] = R[i]! * R[j]!;
    return line;
  });
  for (let c = 0; c < size; c++) {
    let p = c;
    for (let k = c + 1; k < size; k++) if (Math.abs(a[k]![c]!) > Math.abs(a[p]![c]!)) p = k;
    [a[c], a[p]] = [a[p]!, a[c]!];
    for (let k = 0; k < size; k++) {
      if (k === c) continue;
      const f = a[k]![c]! / a[c]![c]!;
      for (let l = c; l <= size; l++) a[k]![l]! -= f * a[c]![l]!;
    }
  }
  return Array.from({ length: r }, (_, i) => Array.from({ length: r }, (_, j) => a[i * r + j]![size]! / a[i * r + j]![i * r + j]!));
}

describe("partrans(raw) and invpartrans(coef)", () => {
  it("partrans maps one value to tanh and two through Durbin–Levinson", () => {
    expect(partrans([Math.atanh(0.5)])[0]).toBeCloseTo(0.5, 15);
    // PACF (0.5, 0.2): φ₂ = 0.2, φ₁ = 0.5 − 0.2 × 0.5 = 0.4.
    const [a, b] = partrans([Math.atanh(0.5), Math.atanh(0.2)]);
    expect(a).toBeCloseTo(0.4, 14);
    expect(b).toBeCloseTo(0.2, 14);
  });

  it("invpartrans undoes partrans, and gives NaN outside the stationary region", () => {
    const raw = [0.3, -1.2, 0.8];
    expect(Array.from(invpartrans(partrans(raw))).map((v) => +v.toFixed(12))).toEqual(raw);
    expect(invpartrans([1.5])[0]).toBeNaN();
  });
});

describe("psiWeights(phi, theta, count) and armaAutocovariance(phi, theta, lags)", () => {
  it("AR(1): ψ_j = φʲ and γ(k) = φᵏ ÷ (1 − φ²)", () => {
    expect(Array.from(psiWeights([0.5], [], 4))).toEqual([1, 0.5, 0.25, 0.125]);
    const g = armaAutocovariance([0.5], [], 3);
    [4 / 3, 2 / 3, 1 / 3, 1 / 6].forEach((v, k) => expect(g[k]).toBeCloseTo(v, 14));
  });

  it("MA(1): γ(0) = 1 + θ², γ(1) = θ, γ(2) = 0", () => {
    const g = armaAutocovariance([], [0.4], 2);
    expect(Array.from(g).map((v) => +v.toFixed(14))).toEqual([1.16, 0.4, 0]);
  });

  it("ARMA(1,1): γ(0) = (1 + 2φθ + θ²) ÷ (1 − φ²), γ(1) = (1 + φθ)(φ + θ) ÷ (1 − φ²) (Brockwell & Davis 3.3)", () => {
    const [phi, theta] = [0.6, 0.3];
    const g = armaAutocovariance([phi], [theta], 2);
    expect(g[0]).toBeCloseTo((1 + 2 * phi * theta + theta ** 2) / (1 - phi ** 2), 13);
    expect(g[1]).toBeCloseTo(((1 + phi * theta) * (phi + theta)) / (1 - phi ** 2), 13);
    expect(g[2]).toBeCloseTo(phi * g[1]!, 13);
  });
});

describe("stationaryCovariance(state)", () => {
  const cases: [string, number[], number[]][] = [
    ["AR(1)", [0.5], []],
    ["AR(2)", [0.6, -0.2], []],
    ["MA(2)", [], [0.4, -0.3]],
    ["ARMA(2,2)", [0.5, 0.3], [0.4, 0.2]],
    ["ARMA(1,3)", [-0.7], [0.2, 0.1, -0.5]],
    ["seasonal AR(1)(1)[4] expanded", [0.5, 0, 0, 0.6, -0.3], []],
    ["airline MA (0,1)(0,1)[4] expanded", [], [-0.4, 0, 0, -0.55, 0.22]],
    ["near unit root AR(1)", [0.995], [0.3]],
  ];
  for (const [name, phi, theta] of cases) {
    it(`solves P = T P Tᵀ + R Rᵀ for ${name} (brute-force vectorised solution)`, () => {
      const expected = lyapunovBruteForce(phi, theta);
      const r = expected.length;
      const P = stationaryCovariance(armaState(phi, theta));
      const scale = Math.abs(expected[0]![0]!);
      for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) expect(Math.abs(P[i * r + j]! - expected[i]![j]!) / scale).toBeLessThan(1e-10);
    });
  }
});

describe("kalmanFilter(w, state, P0)", () => {
  it("gives the AR(1) exact likelihood in closed form: ssq = (1 − φ²)w₁² + Σ (w_t − φw_{t−1})², Σ log F = −log(1 − φ²)", () => {
    const phi = 0.7;
    const w = [0.3, -1.1, 0.4, 2.0, 1.2, -0.5];
    const state = armaState([phi], []);
    const kf = kalmanFilter(w, state, stationaryCovariance(state));
    let ssq = (1 - phi ** 2) * w[0]! ** 2;
    for (let t = 1; t < w.length; t++) ssq += (w[t]! - phi * w[t - 1]!) ** 2;
    expect(kf.ssq).toBeCloseTo(ssq, 13);
    expect(kf.sumlog).toBeCloseTo(-Math.log(1 - phi ** 2), 13);
    // The last filtered state is the last observation, known exactly.
    expect(kf.a[0]).toBeCloseTo(w[w.length - 1]!, 13);
    expect(kf.P[0]).toBeCloseTo(0, 13);
  });

  it("gives the MA(1) exact likelihood by the innovations algorithm: F₁ = 1 + θ², F_t = 1 + θ² − θ²/F_{t−1}", () => {
    const theta = 0.6;
    const w = [1.0, -0.4, 0.8, 0.1, -1.3];
    const state = armaState([], [theta]);
    const kf = kalmanFilter(w, state, stationaryCovariance(state));
    // Innovations (Brockwell & Davis §5.2): v_t = w_t − (θ / F_{t−1}) v_{t−1}.
    let F = 1 + theta ** 2;
    let v = w[0]!;
    let ssq = (v * v) / F;
    let sumlog = Math.log(F);
    for (let t = 1; t < w.length; t++) {
      v = w[t]! - (theta / F) * v;
      F = 1 + theta ** 2 - theta ** 2 / F;
      ssq += (v * v) / F;
      sumlog += Math.log(F);
    }
    expect(kf.ssq).toBeCloseTo(ssq, 13);
    expect(kf.sumlog).toBeCloseTo(sumlog, 13);
  });
});
