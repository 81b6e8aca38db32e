import { describe, expect, it } from "vitest";
import { silhouetteScore, silhouetteScores } from "../../src/stats/silhouette.ts";

// Three well-separated blobs of 5, 5 and 4 points, as x and y columns.
const BLOBS = [Float64Array.of(0, 1, 0, 1, 0.5, 10, 11, 10, 11, 10.5, 5, 6, 5, 6), Float64Array.of(0, 0, 1, 1, 0.5, 0, 0, 1, 1, 0.2, 8, 8, 9, 9.5)];
const GOOD = Int32Array.of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2);
const BAD = Int32Array.from({ length: 14 }, (_, i) => i % 3);
const SINGLETON = Int32Array.of(0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 3);

describe("silhouetteScore(columns, labels)", () => {
  it("matches sklearn.metrics.silhouette_score on three blobs", () => {
    // silhouette_score(X, labels) for the blobs above, labels as below
    expect(silhouetteScore(BLOBS, GOOD)).toBeCloseTo(0.8869123874125443, 14);
    expect(silhouetteScore(BLOBS, BAD)).toBeCloseTo(-0.22106875222627326, 14);
  });

  it("counts a point alone in its cluster as 0", () => {
    // silhouette_score(X, [0]*5 + [1]*5 + [2]*3 + [3]) = 0.6800864715405784
    expect(silhouetteScore(BLOBS, SINGLETON)).toBeCloseTo(0.6800864715405784, 14);
  });

  it("ignores labels with no points", () => {
    // silhouette_score(X, [0]*5 + [5]*5 + [2]*4) = 0.8869123874125443, as for labels 0, 1, 2
    expect(silhouetteScore(BLOBS, Int32Array.of(0, 0, 0, 0, 0, 5, 5, 5, 5, 5, 2, 2, 2, 2))).toBeCloseTo(0.8869123874125443, 14);
  });

  it("works on one feature", () => {
    // silhouette_score([[0],[1],[10],[11]], [0,0,1,1]) = 0.899749373433584
    expect(silhouetteScore([Float64Array.of(0, 1, 10, 11)], [0, 0, 1, 1])).toBeCloseTo(0.899749373433584, 15);
  });

  it("handles duplicate points, with s = 0 where a = b = 0", () => {
    // silhouette_score([[0],[0],[0],[5]], [0,0,1,1]) = 0.25; silhouette_score([[0],[0],[0],[0]], [0,0,1,1]) = 0.0
    expect(silhouetteScore([Float64Array.of(0, 0, 0, 5)], [0, 0, 1, 1])).toBe(0.25);
    expect(silhouetteScore([Float64Array.of(0, 0, 0, 0)], [0, 0, 1, 1])).toBe(0);
  });

  it("is null with one cluster, as many clusters as points, or no points", () => {
    expect(silhouetteScore(BLOBS, new Int32Array(14))).toBeNull();
    expect(
      silhouetteScore(
        BLOBS,
        Int32Array.from({ length: 14 }, (_, i) => i),
      ),
    ).toBeNull();
    expect(silhouetteScore([new Float64Array(0)], [])).toBeNull();
  });

  it("throws on bad labels and mismatched lengths", () => {
    expect(() => silhouetteScore(BLOBS, [0, 1])).toThrow("invalid labeling 0 length: 2 (14 points)");
    expect(() => silhouetteScore([Float64Array.of(0, 1)], [0, -1])).toThrow("invalid label in labeling 0, point 1: -1");
    expect(() => silhouetteScore([Float64Array.of(0, 1), Float64Array.of(0)], [0, 1])).toThrow("invalid column 1 length: 1 (column 0 has 2)");
    expect(() => silhouetteScore([Float64Array.of(0, Infinity)], [0, 1])).toThrow("invalid value in column 0, row 1: Infinity");
  });
});

describe("silhouetteScores(columns, labelings)", () => {
  it("scores several labelings in one pass, the same as one at a time", () => {
    const scores = silhouetteScores(BLOBS, [GOOD, new Int32Array(14), BAD, SINGLETON]);
    expect(scores[0]).toBeCloseTo(0.8869123874125443, 14);
    expect(scores[1]).toBeNull();
    expect(scores[2]).toBeCloseTo(-0.22106875222627326, 14);
    expect(scores[3]).toBeCloseTo(0.6800864715405784, 14);
    expect(silhouetteScores(BLOBS, [])).toEqual([]);
  });
});
