import { describe, expect, it } from "vitest";
import {
  adstock,
  allocate,
  blockLength,
  blockWeights,
  cvFolds,
  fitCurve,
  hill,
  hillSlope,
  nnlsBeta,
  shapeGrid,
  steadyResponse,
  steadySlope,
  trendColumn,
  weightedCurve,
} from "../../src/response/index.ts";
import { createRand } from "../../src/stats/prng.ts";

describe("adstock", () => {
  it("adstock(x, θ) carries θ of each period into the next (hand-computed)", () => {
    // 100; 50 + 0.5·100 = 100; 0 + 0.5·100 = 50; 20 + 0.5·50 = 45
    expect(Array.from(adstock([100, 50, 0, 20], 0.5))).toEqual([100, 100, 50, 45]);
    expect(Array.from(adstock([3, 4], 0))).toEqual([3, 4]);
    // θ = 0.3: 10; 10·0.3 = 3; 0.9; 5 + 0.27 = 5.27
    const x = adstock([10, 0, 0, 5], 0.3);
    expect(x[3]).toBeCloseTo(5.27, 12);
  });

  it("adstock(x, θ) rejects θ outside [0, 1) and non-finite spend", () => {
    expect(() => adstock([1], 1)).toThrow("invalid adstock theta: 1");
    expect(() => adstock([1], -0.1)).toThrow("invalid adstock theta: -0.1");
    expect(() => adstock([1, Number.NaN], 0.2)).toThrow("invalid spend at period 1: NaN");
  });
});

describe("hill", () => {
  it("hill(x, α, γ) is x^α ÷ (x^α + γ^α) (hand-computed)", () => {
    expect(hill(100, 1, 100)).toBe(0.5);
    expect(hill(300, 1, 100)).toBeCloseTo(0.75, 15);
    // √400 ÷ (√400 + √100) = 20 ÷ 30
    expect(hill(400, 0.5, 100)).toBeCloseTo(2 / 3, 15);
    // 2² ÷ (2² + 1) = 0.8
    expect(hill(2, 2, 1)).toBeCloseTo(0.8, 15);
    expect(hill(0, 0.7, 5)).toBe(0);
    expect(hill(1e300, 1, 1)).toBe(1);
  });

  it("hillSlope(x, α, γ) matches α x^(α−1) γ^α ÷ (x^α + γ^α)² and a central difference", () => {
    // α = 0.5, γ = 100, x = 400: 0.5 · 400^-0.5 · 10 ÷ 30² = 0.5 · 0.05 · 10 ÷ 900
    expect(hillSlope(400, 0.5, 100)).toBeCloseTo((0.5 * 0.05 * 10) / 900, 15);
    const d = (hill(250 + 1e-3, 0.8, 120) - hill(250 - 1e-3, 0.8, 120)) / 2e-3;
    expect(hillSlope(250, 0.8, 120)).toBeCloseTo(d, 9);
    expect(hillSlope(0, 1, 50)).toBe(0.02);
    expect(hillSlope(0, 0.5, 50)).toBe(Infinity);
  });

  it("hill(x, α, γ) rejects negative spend and non-positive α or γ", () => {
    expect(() => hill(-1, 1, 1)).toThrow("invalid hill spend: -1");
    expect(() => hill(1, 0, 1)).toThrow("invalid hill alpha: 0");
    expect(() => hill(1, 1, 0)).toThrow("invalid hill gamma: 0");
  });
});

describe("steady state", () => {
  const c = { theta: 0.5, alpha: 1, gamma: 200, beta: 10 };
  it("steadyResponse(curve, x) evaluates the curve at the settled adstock x ÷ (1 − θ)", () => {
    // adstock of a steady 100 settles at 200 = γ: half of β
    expect(steadyResponse(c, 100)).toBe(5);
    const settled = adstock(new Array<number>(200).fill(100), 0.5)[199]!;
    expect(settled).toBeCloseTo(200, 9);
    // Day grain: a weekly 700 is 100 a day, and the week's outcome is 7 days' worth.
    expect(steadyResponse(c, 700, 7)).toBe(35);
  });

  it("steadySlope(curve, x) is the derivative of steadyResponse", () => {
    const d = (steadyResponse(c, 130 + 1e-4) - steadyResponse(c, 130 - 1e-4)) / 2e-4;
    expect(steadySlope(c, 130)).toBeCloseTo(d, 8);
    const dw = (steadyResponse(c, 900 + 1e-3, 7) - steadyResponse(c, 900 - 1e-3, 7)) / 2e-3;
    expect(steadySlope(c, 900, 7)).toBeCloseTo(dw, 8);
  });
});

describe("fit", () => {
  it("nnlsBeta(h, y) is Σhy ÷ Σh², clipped at 0", () => {
    expect(nnlsBeta([1, 2], [2, 4])).toBe(2);
    expect(nnlsBeta([1, 2], [3, 3])).toBeCloseTo(9 / 5, 15);
    expect(nnlsBeta([1, 2], [-1, -2])).toBe(0);
    expect(nnlsBeta([0, 0], [1, 2])).toBe(0);
  });

  it("cvFolds(n) tests the last periods in blocks, training on at least half", () => {
    expect(cvFolds(12, 3)).toEqual([
      [6, 8],
      [8, 10],
      [10, 12],
    ]);
    expect(cvFolds(39, 3)).toEqual([
      [21, 27],
      [27, 33],
      [33, 39],
    ]);
  });

  it("fitCurve(grid, y) recovers a planted curve that lies on the grid exactly", () => {
    const rand = createRand(7);
    const spend = Array.from({ length: 52 }, () => 200 + 1800 * rand());
    const planted = { theta: 0.4, alpha: 0.7 };
    const x = adstock(spend, planted.theta);
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const gamma = mean; // the grid's multiple 1
    const y = Array.from(x, (v) => 300 * hill(v, planted.alpha, gamma));
    const fit = fitCurve(shapeGrid(spend, 52), y)!;
    expect(fit.curve.theta).toBe(0.4);
    expect(fit.curve.alpha).toBeCloseTo(0.7, 12);
    expect(fit.curve.gamma).toBeCloseTo(gamma, 9);
    expect(fit.curve.beta).toBeCloseTo(300, 9);
    expect(fit.r2).toBeCloseTo(1, 12);
    expect(fit.holdoutError).toBeCloseTo(0, 12);
  });

  it("fitCurve(grid, y) gives β = 0 and a non-positive R² when the outcome falls with spend", () => {
    const spend = Array.from({ length: 20 }, (_, t) => 100 + 10 * t);
    const y = spend.map((s) => 1000 - s);
    const fit = fitCurve(shapeGrid(spend, 20, { thetas: [0], alphas: [1] }), y)!;
    // Every β ≥ 0 fit of a falling series is worse than its mean.
    expect(fit.r2!).toBeLessThan(0.05);
  });

  it("weightedCurve(grid, y, 1) is fitCurve's curve, and weights count a period's error that many times", () => {
    const rand = createRand(3);
    const spend = Array.from({ length: 24 }, () => 100 * rand());
    const y = spend.map((s, t) => 5 * Math.sqrt(s) + 0.1 * t + 3 * rand());
    const grid = shapeGrid(spend, 24, { thetas: [0, 0.5], alphas: [0.5, 1] });
    for (const trend of [false, true]) {
      expect(weightedCurve(grid, y, new Uint16Array(24).fill(1), { trend })).toEqual(fitCurve(grid, y, { trend })!.curve);
    }
    // Brute force of the weighted rule without trend: per shape, each fold's β from its weighted training periods.
    const w = Uint16Array.from({ length: 24 }, (_, t) => [2, 0, 1, 3][t % 4]!);
    const folds = cvFolds(24);
    let best = { score: Infinity, s: -1 };
    grid.shapes.forEach((_, s) => {
      const h = grid.h.subarray(s * 24, s * 24 + 24);
      let score = 0;
      for (const [end, testEnd] of folds) {
        let hh = 0;
        let hy = 0;
        for (let t = 0; t < end; t++) {
          hh += w[t]! * h[t]! ** 2;
          hy += w[t]! * h[t]! * y[t]!;
        }
        for (let t = end; t < testEnd; t++) score += w[t]! * (y[t]! - (hy / hh) * h[t]!) ** 2;
      }
      if (score < best.score) best = { score, s };
    });
    const got = weightedCurve(grid, y, w)!;
    expect([got.theta, got.alpha, got.gamma]).toEqual([grid.shapes[best.s]!.theta, grid.shapes[best.s]!.alpha, grid.shapes[best.s]!.gamma]);
    const h = grid.h.subarray(best.s * 24, best.s * 24 + 24);
    const beta = h.reduce((a, v, t) => a + w[t]! * v * y[t]!, 0) / h.reduce((a, v, t) => a + w[t]! * v * v, 0);
    expect(got.beta).toBeCloseTo(beta, 10);
  });

  it("fitCurve(grid, y, { trend }) recovers a planted curve with a linear trend, and R² is measured around the flat trend line", () => {
    const rand = createRand(5);
    const spend = Array.from({ length: 40 }, () => 100 + 900 * rand());
    const x = adstock(spend, 0.2);
    const gamma = x.reduce((a, b) => a + b, 0) / 40;
    const tau = trendColumn(40);
    const y = Array.from(x, (v, t) => 50 * hill(v, 1, gamma) + 8 * tau[t]!);
    const fit = fitCurve(shapeGrid(spend, 40), y, { trend: true })!;
    expect(fit.curve.theta).toBe(0.2);
    expect(fit.curve.beta).toBeCloseTo(50, 8);
    expect(fit.trend).toBeCloseTo(8, 8);
    expect(fit.r2).toBeCloseTo(1, 10);
  });

  it("trendColumn(n) is centred", () => {
    expect(Array.from(trendColumn(3))).toEqual([-1 / 3, 0, 1 / 3]);
  });
});

describe("bootstrap", () => {
  it("blockWeights(n, L, rand) draws n periods in runs of L, the same for the same seed", () => {
    const a = blockWeights(39, blockLength(39), createRand(1, 9));
    const b = blockWeights(39, blockLength(39), createRand(1, 9));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a.reduce((s, v) => s + v, 0)).toBe(39);
    expect(blockLength(39)).toBe(4);
    expect(blockLength(12)).toBe(3);
    expect(Array.from(blockWeights(5, 2, () => 0))).toEqual([3, 2, 0, 0, 0]);
  });
});

describe("allocate", () => {
  /** Brute force over a grid of splits of `total` among three items, in steps of total ÷ k. */
  function bruteForce(fs: ((x: number) => number)[], lower: number[], upper: number[], total: number, k: number): number {
    let best = -Infinity;
    for (let i = 0; i <= k; i++) {
      for (let j = 0; i + j <= k; j++) {
        const x = [(total * i) / k, (total * j) / k, (total * (k - i - j)) / k];
        if (x.some((v, s) => v < lower[s]! - 1e-9 || v > upper[s]! + 1e-9)) continue;
        best = Math.max(
          best,
          x.reduce((a, v, s) => a + fs[s]!(v), 0),
        );
      }
    }
    return best;
  }

  it("allocate(items, total) matches a brute-force search on small concave cases", () => {
    const rand = createRand(11);
    for (let trial = 0; trial < 20; trial++) {
      const curves = [0, 1, 2].map(() => ({ theta: 0.5 * rand(), alpha: 0.4 + 0.6 * rand(), gamma: 50 + 200 * rand(), beta: 10 + 100 * rand() }));
      const fs = curves.map((c) => (x: number) => steadyResponse(c, x));
      const current = [0, 1, 2].map(() => 50 + 150 * rand());
      const total = current.reduce((a, b) => a + b, 0);
      const lower = current.map((c) => 0.7 * c);
      const upper = current.map((c) => 1.3 * c);
      const x = allocate(
        fs.map((f, i) => ({ response: f, lower: lower[i]!, upper: upper[i]! })),
        total,
      );
      expect(x.reduce((a, b) => a + b, 0)).toBeCloseTo(total, 6);
      x.forEach((v, i) => {
        expect(v).toBeGreaterThanOrEqual(lower[i]! - 1e-9);
        expect(v).toBeLessThanOrEqual(upper[i]! + 1e-9);
      });
      const greedy = x.reduce((a, v, s) => a + fs[s]!(v), 0);
      const brute = bruteForce(fs, lower, upper, total, 600);
      // The brute force's grid is coarser (total ÷ 600) than the greedy increment (the free budget ÷ 2000).
      expect(greedy).toBeGreaterThanOrEqual(brute - 1e-6 * Math.abs(brute));
    }
  });

  it("allocate(items, total) gives an equal split to equal curves and respects a locked item", () => {
    const sqrt = { response: Math.sqrt, lower: 0, upper: 100 };
    const x = allocate([sqrt, sqrt, { response: (v: number) => 10 * v, lower: 5, upper: 5 }], 55);
    expect(x[0]).toBeCloseTo(25, 9);
    expect(x[1]).toBeCloseTo(25, 9);
    expect(x[2]).toBe(5);
  });

  it("allocate(items, total) throws one message when the bounds cannot be met", () => {
    const it1 = { response: Math.sqrt, lower: 70, upper: 130 };
    expect(() => allocate([it1, it1], 300)).toThrow("budget bounds cannot be met: a total of 300 is outside the bounds' 140 to 260");
    expect(() => allocate([it1], -1)).toThrow("invalid budget total: -1");
  });

  it("allocate(items, total) is deterministic", () => {
    const items = [
      { response: (v: number) => Math.log1p(v), lower: 0, upper: 50 },
      { response: (v: number) => 2 * Math.log1p(v / 3), lower: 0, upper: 50 },
    ];
    expect(Array.from(allocate(items, 60))).toEqual(Array.from(allocate(items, 60)));
  });
});
