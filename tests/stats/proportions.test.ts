import { describe, expect, it } from "vitest";
import { twoProportionZTest } from "../../src/stats/index.ts";
import { expectClose } from "./close.ts";

describe("twoProportionZTest(x1, n1, x2, n2, options)", () => {
  it("matches statsmodels' pooled proportions_ztest for each alternative", () => {
    // statsmodels 0.13.5: proportions_ztest([45,30], [100,100], alternative=alt)
    //   -> z=2.1908902300206647; two-sided p=0.02845973691631055, smaller p=0.9857701315418447, larger p=0.014229868458155276
    const result = twoProportionZTest(45, 100, 30, 100);
    expectClose(result.statistic, 2.1908902300206647);
    expectClose(result.pValue, 0.02845973691631055, { rel: 1e-10 });
    expectClose(twoProportionZTest(45, 100, 30, 100, { alternative: "less" }).pValue, 0.9857701315418447);
    expectClose(twoProportionZTest(45, 100, 30, 100, { alternative: "greater" }).pValue, 0.014229868458155276, { rel: 1e-10 });
  });

  it("handles conversion-sized samples", () => {
    // statsmodels 0.13.5: proportions_ztest([1234,1100], [10000,10000], alternative=alt)
    //   -> z=2.951210975069446; two-sided p=0.0031653062987667155, smaller p=0.9984173468506167, larger p=0.0015826531493833577
    const result = twoProportionZTest(1234, 10000, 1100, 10000);
    expectClose(result.statistic, 2.951210975069446);
    expectClose(result.pValue, 0.0031653062987667155, { rel: 1e-10 });
    expectClose(twoProportionZTest(1234, 10000, 1100, 10000, { alternative: "less" }).pValue, 0.9984173468506167);
    expectClose(twoProportionZTest(1234, 10000, 1100, 10000, { alternative: "greater" }).pValue, 0.0015826531493833577, { rel: 1e-10 });
  });

  it("works with one group at 0%, and with unequal group sizes", () => {
    // statsmodels 0.13.5: proportions_ztest([3,0], [10,20]) -> z=2.5819888974716108, p=0.009823274507519249
    const result = twoProportionZTest(3, 10, 0, 20);
    expectClose(result.statistic, 2.5819888974716108);
    expectClose(result.pValue, 0.009823274507519249, { rel: 1e-10 });
  });

  it("is null when the pooled proportion is 0 or 1 (statsmodels: nan)", () => {
    // statsmodels 0.13.5: proportions_ztest([0,0], [10,20]) -> (nan, nan); proportions_ztest([10,20], [10,20]) -> (nan, nan)
    expect(twoProportionZTest(0, 10, 0, 20)).toEqual({ statistic: null, pValue: null });
    expect(twoProportionZTest(10, 10, 20, 20)).toEqual({ statistic: null, pValue: null });
  });

  it("throws a RangeError for empty groups, impossible counts or a bad alternative", () => {
    expect(() => twoProportionZTest(0, 0, 1, 10)).toThrow(new RangeError("twoProportionZTest needs group 1 trials > 0, got 0"));
    expect(() => twoProportionZTest(1, 10, 11, 10)).toThrow("twoProportionZTest needs 0 ≤ successes ≤ trials in group 2, got 11 of 10");
    expect(() => twoProportionZTest(-1, 10, 1, 10)).toThrow("twoProportionZTest needs 0 ≤ successes ≤ trials in group 1, got -1 of 10");
    expect(() => twoProportionZTest(Number.NaN, 10, 1, 10)).toThrow(RangeError);
    expect(() => twoProportionZTest(1, 10, 1, 10, { alternative: "larger" as "greater" })).toThrow("twoProportionZTest invalid alternative: larger");
  });
});
