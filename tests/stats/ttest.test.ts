import { describe, expect, it } from "vitest";
import { cohensD, welchTTest } from "../../src/stats/index.ts";
import { add, expectClose, wave } from "./close.ts";

const a = [1, 2, 3, 4];
const b = [2, 4, 6, 8, 10];
// Python: wx = [((i*37+11)%101 + (i*53+7)%97 + (i*71+3)%89)/10 for i in range(200)]; wy = [((i*29+5)%113)/10 + 1.5 for i in range(180)]
const wx = add(wave(200, 37, 11, 101), wave(200, 53, 7, 97), wave(200, 71, 3, 89)).map((v) => v / 10);
const wy = wave(180, 29, 5, 113).map((v) => v / 10 + 1.5);

describe("welchTTest(x, y, options)", () => {
  it("matches ttest_ind(equal_var=False) for each alternative, with Welch's df", () => {
    // scipy 1.10.1: stats.ttest_ind([1,2,3,4], [2,4,6,8,10], equal_var=False, alternative=alt)
    //   -> t=-2.2514363231593695; two-sided p=0.06913359319239236, less p=0.03456679659619618, greater p=0.9654332034038038
    // numpy: vx, vy = var(x, ddof=1)/nx, var(y, ddof=1)/ny; (vx+vy)**2/(vx**2/(nx-1)+vy**2/(ny-1)) -> 5.520787746170677
    const result = welchTTest(a, b);
    expectClose(result.statistic, -2.2514363231593695);
    expectClose(result.pValue, 0.06913359319239236, { rel: 1e-10 });
    expectClose(result.df, 5.520787746170677);
    expectClose(welchTTest(a, b, { alternative: "less" }).pValue, 0.03456679659619618, { rel: 1e-10 });
    expectClose(welchTTest(a, b, { alternative: "greater" }).pValue, 0.9654332034038038, { rel: 1e-10 });
  });

  it("keeps tiny p-values precise for samples of about 200", () => {
    // scipy 1.10.1: stats.ttest_ind(wx, wy, equal_var=False, alternative=alt)
    //   -> t=16.734203395151862; two-sided p=1.1366303872485926e-46, less p=1.0, greater p=5.683151936242963e-47; df=352.29609893990533
    const result = welchTTest(wx, wy);
    expectClose(result.statistic, 16.734203395151862, { rel: 1e-10 });
    expectClose(result.df, 352.29609893990533, { rel: 1e-10 });
    expectClose(result.pValue, 1.1366303872485926e-46, { rel: 1e-8 });
    expectClose(welchTTest(wx, wy, { alternative: "less" }).pValue, 1, { abs: 1e-15 });
    expectClose(welchTTest(wx, wy, { alternative: "greater" }).pValue, 5.683151936242963e-47, { rel: 1e-8 });
  });

  it("accepts one constant sample", () => {
    // scipy 1.10.1: stats.ttest_ind([5,5,5], [1,2,3,4], equal_var=False) -> t=3.872983346207417, p=0.030466291662170977; df = 3.0
    const result = welchTTest([5, 5, 5], [1, 2, 3, 4]);
    expectClose(result.statistic, 3.872983346207417);
    expectClose(result.pValue, 0.030466291662170977, { rel: 1e-10 });
    expectClose(result.df, 3);
  });

  it("is all null when both samples are constant (SciPy: t=-inf, p=0 for different constants; nan for equal ones)", () => {
    expect(welchTTest([1, 1, 1], [2, 2, 2])).toEqual({ statistic: null, pValue: null, df: null });
    expect(welchTTest([1, 1], [1, 1, 1])).toEqual({ statistic: null, pValue: null, df: null });
    // 0.1 three times has a mean that rounds away from 0.1; that must not leave a tiny spread
    expect(welchTTest([0.1, 0.1, 0.1], [0.7, 0.7])).toEqual({ statistic: null, pValue: null, df: null });
  });

  it("throws a RangeError for a sample of fewer than 2 values or a value that is not finite", () => {
    expect(() => welchTTest([1], [1, 2])).toThrow(new RangeError("welchTTest x needs at least 2 values, got 1"));
    expect(() => welchTTest([1, 2], [])).toThrow("welchTTest y needs at least 2 values, got 0");
    expect(() => welchTTest([1, 2], [1, Infinity])).toThrow("welchTTest y[1] is not a finite number: Infinity");
  });
});

describe("cohensD(x, y)", () => {
  it("is the mean difference over the pooled standard deviation", () => {
    // numpy: (x.mean()-y.mean()) / sqrt(((nx-1)*x.var(ddof=1) + (ny-1)*y.var(ddof=1)) / (nx+ny-2))
    //   [2,4,6] vs [1,2,3] -> 1.2649110640673518; [1,2,3,4] vs [2,4,6,8,10] -> -1.380418616056577;
    //   wx vs wy -> 1.686117967445506; [5,5,5] vs [1,2,3,4] -> 2.5
    expectClose(cohensD([2, 4, 6], [1, 2, 3]), 1.2649110640673518);
    expectClose(cohensD(a, b), -1.380418616056577);
    expectClose(cohensD(wx, wy), 1.686117967445506, { rel: 1e-10 });
    expectClose(cohensD([5, 5, 5], [1, 2, 3, 4]), 2.5);
  });

  it("lets a single-value sample set its mean but add nothing to the pooled variance", () => {
    // numpy: (7 - mean([1,2,4])) / sqrt(2*var([1,2,4], ddof=1) / 2) -> 3.055050463303893
    expectClose(cohensD([7], [1, 2, 4]), 3.055050463303893);
  });

  it("is null when both samples are constant, and throws for too few values", () => {
    expect(cohensD([5, 5], [5, 5])).toBeNull();
    expect(cohensD([1, 1], [3])).toBeNull();
    expect(() => cohensD([], [1, 2, 3])).toThrow("cohensD x needs at least 1 value, got 0");
    expect(() => cohensD([1], [2])).toThrow("cohensD needs at least 3 values in all, got 2");
  });
});
