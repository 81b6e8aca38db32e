import { describe, expect, it } from "vitest";
import { adjustedRandIndex } from "../../src/stats/rand.ts";

/** Park-Miller minimal standard generator, the same arithmetic as the Python that made the references. */
function parkMiller(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

describe("adjustedRandIndex(a, b)", () => {
  it("matches sklearn.metrics.adjusted_rand_score on small labelings", () => {
    // adjusted_rand_score([0,0,1,1],[0,1,0,1]) = -0.5
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBe(-0.5);
    // adjusted_rand_score([0,0,0,1,1,1],[0,0,1,1,2,2]) = 0.24242424242424243
    expect(adjustedRandIndex([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])).toBeCloseTo(0.24242424242424243, 15);
    // adjusted_rand_score(['a','a','b','b','c'],[1,1,2,2,2]) = 0.5454545454545454
    expect(adjustedRandIndex(["a", "a", "b", "b", "c"], [1, 1, 2, 2, 2])).toBeCloseTo(0.5454545454545454, 15);
    // adjusted_rand_score([0,1,2],[0,0,0]) = 0.0
    expect(adjustedRandIndex([0, 1, 2], [0, 0, 0])).toBe(0);
  });

  it("is 1 for the same partition under other names, one cluster each, or one item", () => {
    // adjusted_rand_score([0,0,0],[1,1,1]) = 1.0; adjusted_rand_score([7],[3]) = 1.0
    expect(adjustedRandIndex([0, 0, 1, 2], [5, 5, 9, 7])).toBe(1);
    expect(adjustedRandIndex([0, 0, 0], [1, 1, 1])).toBe(1);
    expect(adjustedRandIndex([7], [3])).toBe(1);
  });

  it("matches sklearn on 1,000 items with 5 and 7 labels", () => {
    const next = parkMiller(7);
    const a = Array.from({ length: 1000 }, () => Math.floor(next() * 5));
    const b = a.map((label) => (next() < 0.6 ? label : Math.floor(next() * 7)));
    expect(a.slice(0, 5)).toEqual([0, 2, 1, 1, 3]);
    expect(b.slice(0, 5)).toEqual([0, 5, 1, 1, 1]);
    // adjusted_rand_score(a, b) with the same generator in Python = 0.3923020575078378
    expect(adjustedRandIndex(a, b)).toBeCloseTo(0.3923020575078378, 14);
    expect(adjustedRandIndex(Int32Array.from(b), Int32Array.from(a))).toBeCloseTo(0.3923020575078378, 14);
  });

  it("is null for no items and throws on different lengths", () => {
    expect(adjustedRandIndex([], [])).toBeNull();
    expect(() => adjustedRandIndex([0, 1], [0])).toThrow("invalid labelings: lengths 2 and 1");
  });
});
