import { describe, expect, it } from "vitest";
import { checkAlternative, normalPValue, tPValue } from "../../src/stats/alternative.ts";
import { rankAverage } from "../../src/stats/ranks.ts";
import { checkSample, meanAndVariance } from "../../src/stats/sample.ts";
import { expectClose } from "./close.ts";

describe("rankAverage(values)", () => {
  it("gives tied values the mean of their ranks, in input order", () => {
    // scipy 1.10.1: stats.rankdata([3,1,4,1,5,9,2,6,5,3,5]) -> [4.5, 1.5, 6, 1.5, 8, 11, 3, 10, 8, 4.5, 8]
    const { ranks, tieTerm } = rankAverage([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]);
    expect(Array.from(ranks)).toEqual([4.5, 1.5, 6, 1.5, 8, 11, 3, 10, 8, 4.5, 8]);
    // hand computation: ties of 2 (1s), 2 (3s), 3 (5s) -> 6 + 6 + 24
    expect(tieTerm).toBe(36);
  });
});

describe("normalPValue(z, alternative) and tPValue(t, df, alternative)", () => {
  it("take upper tails as mirrored lower tails, keeping small p precise", () => {
    // scipy 1.10.1: stats.norm.cdf(-1.959963984540054)*2 -> 0.05; stats.norm.sf(8.5) -> 9.47953482220325e-18
    expectClose(normalPValue(-1.959963984540054, "two-sided"), 0.05, { rel: 1e-14 });
    expectClose(normalPValue(8.5, "greater"), 9.47953482220325e-18, { rel: 1e-12 });
    expect(normalPValue(0, "less")).toBe(0.5);
    // scipy 1.10.1: stats.t.sf(4.2, 7) -> 0.0020177799626099786; stats.t.cdf(-30, 3) -> 4.067640213581984e-05
    expectClose(tPValue(4.2, 7, "greater"), 0.0020177799626099786, { rel: 1e-12 });
    expectClose(tPValue(-30, 3, "less"), 4.067640213581984e-5, { rel: 1e-12 });
    expectClose(tPValue(30, 3, "two-sided"), 2 * 4.067640213581984e-5, { rel: 1e-12 });
    expect(tPValue(0, 10, "greater")).toBe(0.5);
  });

  it("checkAlternative(test, alternative) names the test and the bad value", () => {
    expect(checkAlternative("welchTTest", "less")).toBe("less");
    expect(() => checkAlternative("welchTTest", "two_sided")).toThrow(new RangeError("welchTTest invalid alternative: two_sided"));
  });
});

describe("checkSample(test, name, values, min) and meanAndVariance(values)", () => {
  it("copies a valid sample and gives exactly zero variance for constant data", () => {
    expect(checkSample("welchTTest", "x", Float64Array.of(1, 2), 2)).toEqual([1, 2]);
    // numpy: np.var([1,2,3,4,5], ddof=1) -> 2.5
    expect(meanAndVariance([1, 2, 3, 4, 5])).toEqual({ mean: 3, variance: 2.5 });
    expect(meanAndVariance([0.1, 0.1, 0.1]).variance).toBe(0);
  });
});
