import { describe, expect, it } from "vitest";
import { chiSquareGoodnessOfFit } from "../../src/stats/index.ts";
import { expectClose } from "./close.ts";

describe("chiSquareGoodnessOfFit(observed, expectedShares)", () => {
  it("matches SciPy's documentation example with equal shares", () => {
    // scipy 1.10.1: stats.chisquare([16, 18, 16, 14, 12, 12]) -> statistic=2.0, pvalue=0.8491450360846096
    const result = chiSquareGoodnessOfFit([16, 18, 16, 14, 12, 12]);
    expectClose(result.statistic, 2);
    expectClose(result.pValue, 0.8491450360846096, { rel: 1e-13 });
    expect(result.dof).toBe(5);
    result.expected.forEach((e) => expectClose(e, 88 / 6));
  });

  it("checks a 50/50 split (SRM), as scipy.stats.chisquare", () => {
    // scipy 1.10.1: stats.chisquare([5050, 4950]) -> statistic=1.0, pvalue=0.31731050786291115
    // scipy 1.10.1: stats.chisquare([145310, 145274]) -> statistic=0.004459984032155934, pvalue=0.9467543681597944 (ab_data.csv's group sizes)
    const even = chiSquareGoodnessOfFit([5050, 4950], [1, 1]);
    expectClose(even.statistic, 1);
    expectClose(even.pValue, 0.31731050786291115, { rel: 1e-13 });
    expect(even.expected).toEqual([5000, 5000]);
    const ab = chiSquareGoodnessOfFit([145310, 145274]);
    expectClose(ab.statistic, 0.004459984032155934, { rel: 1e-10 });
    expectClose(ab.pValue, 0.9467543681597944, { rel: 1e-13 });
  });

  it("normalises unequal shares and keeps tiny p-values precise", () => {
    // scipy 1.10.1: stats.chisquare([10000, 10500, 9800], f_exp=np.array([0.3, 0.4, 0.3]) * 30300)
    //   -> statistic=363.0913091309131, pvalue=1.4312780424019556e-79
    // scipy 1.10.1: stats.chisquare([52000, 50000, 48000]) -> statistic=160.0, pvalue=1.804851387845408e-35
    const planned = chiSquareGoodnessOfFit([10000, 10500, 9800], [30, 40, 30]);
    expectClose(planned.statistic, 363.0913091309131);
    expectClose(planned.pValue, 1.4312780424019556e-79, { rel: 1e-9 });
    expect(planned.dof).toBe(2);
    expectClose(planned.expected[1], 12120);
    const broken = chiSquareGoodnessOfFit([52000, 50000, 48000], [1, 1, 1]);
    expectClose(broken.statistic, 160);
    expectClose(broken.pValue, 1.804851387845408e-35, { rel: 1e-9 });
  });

  it("accepts fractional counts", () => {
    // scipy 1.10.1: stats.chisquare([2.5, 3.5, 1]) -> statistic=1.357142857142857, pvalue=0.5073412481284841
    const result = chiSquareGoodnessOfFit([2.5, 3.5, 1]);
    expectClose(result.statistic, 1.357142857142857);
    expectClose(result.pValue, 0.5073412481284841, { rel: 1e-13 });
  });

  it("is null with no observations at all (scipy: nan)", () => {
    expect(chiSquareGoodnessOfFit([0, 0])).toEqual({ statistic: null, pValue: null, dof: 1, expected: [0, 0] });
  });

  it("throws a RangeError for one category, a bad count, or bad shares", () => {
    expect(() => chiSquareGoodnessOfFit([5])).toThrow(new RangeError("chiSquareGoodnessOfFit needs at least 2 categories, got 1"));
    expect(() => chiSquareGoodnessOfFit([5, -1])).toThrow("chiSquareGoodnessOfFit observed[1] is not a finite count ≥ 0: -1");
    expect(() => chiSquareGoodnessOfFit([5, Number.NaN])).toThrow("chiSquareGoodnessOfFit observed[1] is not a finite count ≥ 0: NaN");
    expect(() => chiSquareGoodnessOfFit([5, 6], [1, 1, 1])).toThrow("chiSquareGoodnessOfFit needs one expected share per category, got 3 for 2");
    expect(() => chiSquareGoodnessOfFit([5, 6], [1, 0])).toThrow("chiSquareGoodnessOfFit expectedShares[1] is not a finite share > 0: 0");
  });
});
