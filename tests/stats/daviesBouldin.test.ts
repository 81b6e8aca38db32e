import { describe, expect, it } from "vitest";
import { daviesBouldin } from "../../src/stats/daviesBouldin.ts";

// Three well-separated blobs of 5, 5 and 4 points, as x and y columns.
const BLOBS = [Float64Array.of(0, 1, 0, 1, 0.5, 10, 11, 10, 11, 10.5, 5, 6, 5, 6), Float64Array.of(0, 0, 1, 1, 0.5, 0, 0, 1, 1, 0.2, 8, 8, 9, 9.5)];

describe("daviesBouldin(columns, labels)", () => {
  it("matches sklearn.metrics.davies_bouldin_score on three blobs", () => {
    // davies_bouldin_score(X, [0]*5 + [1]*5 + [2]*4) = 0.14692518723959777
    expect(daviesBouldin(BLOBS, Int32Array.of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2))).toBeCloseTo(0.14692518723959777, 14);
    // davies_bouldin_score(X, [i % 3 for i in range(14)]) = 7.3268380564298825
    expect(
      daviesBouldin(
        BLOBS,
        Int32Array.from({ length: 14 }, (_, i) => i % 3),
      ),
    ).toBeCloseTo(7.3268380564298825, 13);
    // davies_bouldin_score(X, [0]*5 + [1]*5 + [2]*3 + [3]) = 0.3101210348623883 (a singleton has scatter 0)
    expect(daviesBouldin(BLOBS, Int32Array.of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 3))).toBeCloseTo(0.3101210348623883, 14);
  });

  it("ignores labels with no points", () => {
    // davies_bouldin_score(X, [0]*5 + [5]*5 + [2]*4) = 0.14692518723959777
    expect(daviesBouldin(BLOBS, Int32Array.of(0, 0, 0, 0, 0, 5, 5, 5, 5, 5, 2, 2, 2, 2))).toBeCloseTo(0.14692518723959777, 14);
  });

  it("works on one feature", () => {
    // davies_bouldin_score([[0],[2],[10],[12]], [0,0,1,1]) = 0.2 (scatters 1 and 1, centroids 10 apart)
    expect(daviesBouldin([Float64Array.of(0, 2, 10, 12)], [0, 0, 1, 1])).toBeCloseTo(0.2, 15);
  });

  it("is 0 when every cluster is a single point, as sklearn", () => {
    // davies_bouldin_score([[0],[0],[5],[9]], [0,0,1,2]) = 0.0: every scatter is 0
    expect(daviesBouldin([Float64Array.of(0, 0, 5, 9)], [0, 0, 1, 2])).toBe(0);
  });

  it("is null with one cluster, as many clusters as points, or no points", () => {
    expect(daviesBouldin(BLOBS, new Int32Array(14))).toBeNull();
    expect(
      daviesBouldin(
        BLOBS,
        Int32Array.from({ length: 14 }, (_, i) => i),
      ),
    ).toBeNull();
    expect(daviesBouldin([new Float64Array(0)], [])).toBeNull();
  });

  it("throws on bad labels and mismatched lengths", () => {
    expect(() => daviesBouldin(BLOBS, [0, 1])).toThrow("invalid labels length: 2 (14 points)");
    expect(() => daviesBouldin([Float64Array.of(0, 1)], [0, 0.5])).toThrow("invalid label at point 1: 0.5");
    expect(() => daviesBouldin([Float64Array.of(0, NaN, 2)], [0, 1, 1])).toThrow("invalid value in column 0, row 1: NaN");
  });
});
