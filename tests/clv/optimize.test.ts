import { describe, expect, it } from "vitest";
import { bfgs } from "../../src/clv/bfgs.ts";
import { digamma } from "../../src/clv/digamma.ts";
import { nelderMead } from "../../src/clv/neldermead.ts";
import { expectClose } from "../stats/close.ts";

/** Rosenbrock's valley, minimum 0 at (1, 1), with its gradient. */
function rosenbrock(x: readonly number[], g: number[] = []): number {
  const [u, v] = x as [number, number];
  g[0] = -2 * (1 - u) - 400 * u * (v - u * u);
  g[1] = 200 * (v - u * u);
  return (1 - u) ** 2 + 100 * (v - u * u) ** 2;
}

/** A convex quadratic with minimum at (1, -2, 3): ½ (x − m)ᵀ A (x − m), A = [[4, 1, 0], [1, 3, 1], [0, 1, 2]]. */
function quadratic(x: readonly number[], g: number[] = []): number {
  const A = [
    [4, 1, 0],
    [1, 3, 1],
    [0, 1, 2],
  ];
  const d = [x[0]! - 1, x[1]! + 2, x[2]! - 3];
  let f = 0;
  for (let i = 0; i < 3; i++) {
    g[i] = A[i]!.reduce((s, a, j) => s + a * d[j]!, 0);
    f += 0.5 * d[i]! * g[i]!;
  }
  return f;
}

describe("nelderMead(f, x0, options)", () => {
  it("finds Rosenbrock's minimum at (1, 1) from (-1.2, 1)", () => {
    const result = nelderMead(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expectClose(result.x[0], 1, { abs: 1e-7 });
    expectClose(result.x[1], 1, { abs: 1e-7 });
    expect(result.value).toBeLessThan(1e-14);
  });

  it("finds a quadratic's minimum and counts iterations and evaluations", () => {
    const result = nelderMead(quadratic, [0, 0, 0]);
    expect(result.converged).toBe(true);
    [1, -2, 3].forEach((m, i) => expectClose(result.x[i], m, { abs: 1e-7 }));
    expect(result.evaluations).toBeGreaterThan(result.iterations);
  });

  it("reports non-convergence when maxIterations runs out", () => {
    const result = nelderMead(rosenbrock, [-1.2, 1], { maxIterations: 10 });
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(10);
  });

  it("treats NaN as +∞ and moves away from it, and rejects a start that is not finite", () => {
    // ln is NaN below 0: the minimum of (x − 2)² − ln x is at x = 1 + √(3/2).
    const result = nelderMead(([x]) => (x! - 2) ** 2 - Math.log(x!), [0.1]);
    expectClose(result.x[0], 1 + Math.sqrt(1.5), { abs: 1e-7 });
    expect(() => nelderMead(() => NaN, [0])).toThrow(/invalid nelderMead x0/);
  });
});

describe("bfgs(f, x0, options)", () => {
  it("finds Rosenbrock's minimum at (1, 1) from (-1.2, 1) to the gradient tolerance", () => {
    const result = bfgs(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expectClose(result.x[0], 1, { abs: 1e-9 });
    expectClose(result.x[1], 1, { abs: 1e-9 });
    expect(Math.max(...result.gradient.map(Math.abs))).toBeLessThanOrEqual(1e-9);
  });

  it("finds a quadratic's minimum in a few iterations", () => {
    const result = bfgs(quadratic, [10, 10, 10]);
    expect(result.converged).toBe(true);
    [1, -2, 3].forEach((m, i) => expectClose(result.x[i], m, { abs: 1e-9 }));
    expect(result.iterations).toBeLessThan(30);
  });

  it("reports non-convergence when maxIterations runs out, and stops at a stall whose gradient is above the stall tolerance", () => {
    expect(bfgs(rosenbrock, [-1.2, 1], { maxIterations: 3 }).converged).toBe(false);
    // |x| has no zero gradient: the search stalls at the kink.
    const kink = bfgs((x, g) => ((g[0] = Math.sign(x[0]!) || 1), Math.abs(x[0]!)), [3]);
    expect(kink.converged).toBe(false);
  });

  it("rejects a start where f is not finite", () => {
    expect(() => bfgs((_, g) => ((g[0] = 0), NaN), [0])).toThrow(/invalid bfgs x0/);
  });
});

describe("digamma(x)", () => {
  // /usr/bin/python3 -c "from scipy.special import digamma; print(repr(digamma(x)))" (SciPy 1.10.1)
  it.each([
    [1e-6, -1000000.57721402],
    [0.2426, -4.358361853222514],
    [0.5, -1.9635100260214235],
    [2.4258, 0.6661062155253097],
    [9.99, 2.250700372831201],
    [30.7, 3.4078876007507035],
    [1000.5, 6.907755320648796],
  ])("digamma(%d) matches scipy.special.digamma (%d)", (x, expected) => {
    expectClose(digamma(x), expected, { rel: 1e-14 });
  });

  it("digamma(1) is −γ and digamma(x + 1) = digamma(x) + 1/x", () => {
    expectClose(digamma(1), -0.5772156649015329, { rel: 1e-15 });
    for (const x of [0.3, 4.7, 12.5]) expectClose(digamma(x + 1), digamma(x) + 1 / x, { rel: 1e-14 });
  });

  it("digamma throws for x ≤ 0", () => {
    expect(() => digamma(0)).toThrow(/invalid digamma x: 0/);
    expect(() => digamma(-1.5)).toThrow(RangeError);
  });
});
