import { describe, expect, it } from "vitest";
import { benjaminiHochberg, holm } from "../../src/stats/index.ts";
import { expectClose } from "./close.ts";

function expectAllClose(actual: number[], expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expectClose(v, expected[i]!, { rel: 1e-14 }));
}

// unsorted, with two ties (0.01 twice, 0.04 twice)
const pv = [0.04, 0.01, 0.2, 0.01, 0.03, 0.5, 0.04, 0.001];
// Python: gp = [((i*37+11)%101)/2000 + (i%7)/20 for i in range(50)]
const gp = Array.from({ length: 50 }, (_, i) => ((i * 37 + 11) % 101) / 2000 + (i % 7) / 20);

describe("holm(pValues)", () => {
  it("matches statsmodels on unsorted input with ties, in input order", () => {
    // statsmodels 0.13.5: multipletests(pv, method="holm")[1] -> [0.16, 0.07, 0.4, 0.07, 0.15, 0.5, 0.16, 0.008]
    expectAllClose(holm(pv), [0.16, 0.07, 0.4, 0.07, 0.15, 0.5, 0.16, 0.008]);
  });

  it("matches statsmodels on 50 generated p-values, capping at 1", () => {
    // statsmodels 0.13.5: multipletests(gp, method="holm")[1]
    const expected = Array<number>(50).fill(1);
    expected[0] = 0.26949999999999996;
    expected[14] = 0.5760000000000001;
    expected[28] = 0.8694999999999999;
    expected[49] = 0.15;
    expectAllClose(holm(gp), expected);
  });

  it("leaves a single p-value alone and gives [] for []", () => {
    // statsmodels 0.13.5: multipletests([0.3], method="holm")[1] -> [0.3]; multipletests([0.6,0.9,0.7], method="holm")[1] -> [1, 1, 1]
    expect(holm([0.3])).toEqual([0.3]);
    expect(holm([0.6, 0.9, 0.7])).toEqual([1, 1, 1]);
    expect(holm([])).toEqual([]);
  });

  it("throws a RangeError for a value outside [0, 1] or NaN", () => {
    expect(() => holm([0.1, 1.2])).toThrow(new RangeError("holm pValues[1] is not a p-value in [0, 1]: 1.2"));
    expect(() => holm([Number.NaN])).toThrow("holm pValues[0] is not a p-value in [0, 1]: NaN");
  });
});

describe("benjaminiHochberg(pValues)", () => {
  it("matches statsmodels fdr_bh on unsorted input with ties, in input order", () => {
    // statsmodels 0.13.5: multipletests(pv, method="fdr_bh")[1]
    //   -> [0.05333333333333334, 0.02666666666666667, 0.2285714285714286, 0.02666666666666667, 0.05333333333333334, 0.5, 0.05333333333333334, 0.008]
    expectAllClose(
      benjaminiHochberg(pv),
      [0.05333333333333334, 0.02666666666666667, 0.2285714285714286, 0.02666666666666667, 0.05333333333333334, 0.5, 0.05333333333333334, 0.008],
    );
  });

  it("matches statsmodels fdr_bh on 50 generated p-values", () => {
    // statsmodels 0.13.5: multipletests(gp, method="fdr_bh")[1]
    const expected = [
      0.13749999999999998, 0.3083333333333334, 0.3293478260869565, 0.3333333333333333, 0.34055555555555556, 0.34055555555555556, 0.34183673469387754,
      0.2833333333333334, 0.2888888888888889, 0.3293478260869565, 0.3370689655172414, 0.34055555555555556, 0.34055555555555556, 0.344, 0.2, 0.3096153846153846,
      0.3293478260869565, 0.3333333333333333, 0.34055555555555556, 0.34055555555555556, 0.34183673469387754, 0.2888888888888889, 0.2925, 0.3293478260869565,
      0.3370689655172414, 0.34055555555555556, 0.34055555555555556, 0.34055555555555556, 0.23124999999999998, 0.31071428571428567, 0.32794117647058824,
      0.3333333333333333, 0.34055555555555556, 0.34055555555555556, 0.34183673469387754, 0.2888888888888889, 0.29545454545454547, 0.3293478260869565,
      0.3293478260869565, 0.34055555555555556, 0.34055555555555556, 0.34055555555555556, 0.25, 0.3116666666666667, 0.32794117647058824, 0.3333333333333333,
      0.34055555555555556, 0.34055555555555556, 0.34183673469387754, 0.13749999999999998,
    ];
    expectAllClose(benjaminiHochberg(gp), expected);
  });

  it("leaves a single p-value alone and gives [] for []", () => {
    // statsmodels 0.13.5: multipletests([0.3], method="fdr_bh")[1] -> [0.3]; multipletests([0.6,0.9,0.7], method="fdr_bh")[1] -> [0.9, 0.9, 0.9]
    expect(benjaminiHochberg([0.3])).toEqual([0.3]);
    expectAllClose(benjaminiHochberg([0.6, 0.9, 0.7]), [0.9, 0.9, 0.9]);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it("does not modify its input and throws a RangeError for a value outside [0, 1]", () => {
    const input = [0.04, 0.01, 0.2];
    benjaminiHochberg(input);
    expect(input).toEqual([0.04, 0.01, 0.2]);
    expect(() => benjaminiHochberg([-0.1])).toThrow(new RangeError("benjaminiHochberg pValues[0] is not a p-value in [0, 1]: -0.1"));
  });
});
