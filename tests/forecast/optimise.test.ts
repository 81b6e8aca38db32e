/** The optimisers on functions with known minima. */
import { describe, expect, it } from "vitest";
import { bfgs, nelderMead } from "../../src/forecast/optimise.ts";

const rosenbrock = (x: Float64Array): number => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;

describe("nelderMead(f, x0, options)", () => {
  it("finds the minimum (1, 1) of Rosenbrock's function from (−1.2, 1)", () => {
    const r = nelderMead(rosenbrock, [-1.2, 1]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
    expect(r.value).toBeLessThan(1e-10);
  });

  it("treats a non-finite value as +∞, so f can refuse a region", () => {
    const r = nelderMead(([x]) => (x! < 0 ? NaN : (x! - 2) ** 2), [1]);
    expect(r.x[0]).toBeCloseTo(2, 6);
  });

  it("reports non-convergence when the evaluation budget runs out", () => {
    const r = nelderMead(rosenbrock, [-1.2, 1], { maxEvaluations: 20 });
    expect(r.converged).toBe(false);
    expect(r.evaluations).toBeLessThanOrEqual(22);
  });
});

describe("bfgs(f, x0, options)", () => {
  it("finds the minimum of a quadratic and of Rosenbrock's function", () => {
    const q = bfgs(([x, y]) => (x! - 1) ** 2 + 10 * (y! + 2) ** 2, [0, 0]);
    expect(q.converged).toBe(true);
    expect(q.x[0]).toBeCloseTo(1, 6);
    expect(q.x[1]).toBeCloseTo(-2, 6);
    const r = bfgs(rosenbrock, [-1.2, 1], { maxIterations: 500 });
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
  });

  it("reports non-convergence when the iterations run out", () => {
    expect(bfgs(rosenbrock, [-1.2, 1], { maxIterations: 3 }).converged).toBe(false);
  });
});
