import { describe, expect, it } from "vitest";
import { shapiroWilk } from "../../src/stats/index.ts";
import { add, expectClose, wave } from "./close.ts";

// Debian's SciPy 1.10.1 runs swilk.f in single precision with the AS 111
// normal-quantile approximation, so W is compared to 1e-6 and p to 1e-4
// (relative 1e-4 for tiny p).
const W = { abs: 1e-6 };
const P = { abs: 1e-4, rel: 1e-4 };

const mtcarsWt = [
  2.62, 2.875, 2.32, 3.215, 3.44, 3.46, 3.57, 3.19, 3.15, 3.44, 3.44, 4.07, 3.73, 3.78, 5.25, 5.424, 5.345, 2.2, 1.615, 1.835, 2.465, 3.52, 3.435, 3.84, 3.845,
  1.935, 2.14, 1.513, 3.17, 2.77, 3.57, 2.78,
];
const bell = (n: number): number[] => add(wave(n, 37, 11, 101), wave(n, 53, 7, 97), wave(n, 71, 3, 89));

describe("shapiroWilk(values)", () => {
  it("matches R's published shapiro.test on mtcars$wt", () => {
    // R: shapiro.test(mtcars$wt) -> W = 0.94326, p-value = 0.09265
    // (published at rstudio-pubs-static.s3.amazonaws.com/222982_d47a487411fb45b5b0634f391abcda0c.html)
    // scipy 1.10.1: stats.shapiro(mtcars_wt) -> W=0.9432573914527893, p=0.09265287965536118
    const result = shapiroWilk(mtcarsWt);
    expectClose(result.statistic, 0.9432573914527893, W);
    expectClose(result.pValue, 0.09265287965536118, P);
    expect(result.statistic!.toFixed(5)).toBe("0.94326");
    expect(result.pValue!.toFixed(5)).toBe("0.09265");
  });

  it("matches Shapiro and Wilk's 1965 example of eleven men's weights", () => {
    // Shapiro & Wilk (1965), Biometrika 52, worked example: W = 0.79 (p < 0.01)
    // scipy 1.10.1: stats.shapiro([148,154,158,160,161,162,166,170,182,195,236]) -> W=0.7888147830963135, p=0.006703833118081093
    const result = shapiroWilk([148, 154, 158, 160, 161, 162, 166, 170, 182, 195, 236]);
    expect(result.statistic!.toFixed(2)).toBe("0.79");
    expectClose(result.statistic, 0.7888147830963135, W);
    expectClose(result.pValue, 0.006703833118081093, P);
  });

  it("covers each small-n branch: exact p for n = 3, one normalising coefficient for n ≤ 5, two above", () => {
    // scipy 1.10.1: stats.shapiro(d) for each d below
    const cases: [number[], number, number][] = [
      [[1, 2, 4], 0.9642857313156128, 0.6368856430053711],
      [[1, 2, 4, 8], 0.9202027916908264, 0.5380843877792358],
      [[1, 2, 4, 8, 9], 0.9009632468223572, 0.41523241996765137],
      [[1, 2, 4, 8, 9, 10], 0.8957288861274719, 0.3492995798587799],
    ];
    for (const [data, w, p] of cases) {
      const result = shapiroWilk(data);
      expectClose(result.statistic, w, W);
      expectClose(result.pValue, p, P);
    }
  });

  it("accepts a bell-shaped sample of 200 and rejects a skewed one", () => {
    // scipy 1.10.1: stats.shapiro(bell) with bell = [(i*37+11)%101 + (i*53+7)%97 + (i*71+3)%89 for i in range(200)]
    //   -> W=0.9970894455909729, p=0.972533106803894
    const normal = shapiroWilk(bell(200));
    expectClose(normal.statistic, 0.9970894455909729, W);
    expectClose(normal.pValue, 0.972533106803894, P);
    // scipy 1.10.1: stats.shapiro([((i*37+11)%101)**2 for i in range(200)]) -> W=0.8925976753234863, p=8.70497007809945e-11
    const skewed = shapiroWilk(wave(200, 37, 11, 101).map((v) => v * v));
    expectClose(skewed.statistic, 0.8925976753234863, W);
    expectClose(skewed.pValue, 8.70497007809945e-11, P);
  });

  it("still computes for n > 5000, as SciPy does", () => {
    // scipy 1.10.1 (warns "p-value may not be accurate for N > 5000"): stats.shapiro(bell) with range(6000)
    //   -> W=0.9973959922790527, p=1.1878624306405072e-08
    // At n = 6000, p moves by about 1% when W moves by SciPy's single-precision error (~6e-7), hence rel 1e-2.
    const result = shapiroWilk(bell(6000));
    expectClose(result.statistic, 0.9973959922790527, W);
    expectClose(result.pValue, 1.1878624306405072e-8, { rel: 1e-2 });
  });

  it("does not depend on location or scale, even with a large offset", () => {
    // scipy 1.10.1: stats.shapiro(mtcars_wt) -> W=0.9432573914527893, p=0.09265287965536118
    const shifted = shapiroWilk(mtcarsWt.map((v) => 1e9 + 1000 * v));
    expectClose(shifted.statistic, 0.9432573914527893, W);
    expectClose(shifted.pValue, 0.09265287965536118, P);
  });

  it("accepts a Float64Array and leaves it unsorted", () => {
    const data = Float64Array.of(3, 1, 2, 10);
    shapiroWilk(data);
    expect(Array.from(data)).toEqual([3, 1, 2, 10]);
  });

  it("is null, not W = 1, for constant data", () => {
    // scipy 1.10.1: stats.shapiro([1,1,1]) -> W=1.0, p=1.0 with a "range zero" warning; we report null instead
    expect(shapiroWilk([4, 4, 4])).toEqual({ statistic: null, pValue: null });
    expect(shapiroWilk(new Array<number>(50).fill(0.1))).toEqual({ statistic: null, pValue: null });
  });

  it("throws a RangeError for fewer than 3 values or a value that is not finite", () => {
    expect(() => shapiroWilk([1, 2])).toThrow(new RangeError("shapiroWilk needs at least 3 values, got 2"));
    expect(() => shapiroWilk([])).toThrow(RangeError);
    expect(() => shapiroWilk([1, 2, Number.NaN])).toThrow("shapiroWilk values[2] is not a finite number: NaN");
    expect(() => shapiroWilk([1, 2, Infinity])).toThrow(RangeError);
  });
});
