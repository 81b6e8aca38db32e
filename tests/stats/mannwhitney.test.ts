import { describe, expect, it } from "vitest";
import { mannWhitneyU, rankBiserial, rankBiserialOfU } from "../../src/stats/index.ts";
import { expectClose, wave } from "./close.ts";

// SciPy's documentation example (Conover): ages of male and female employees.
const males = [19, 22, 16, 29, 24];
const females = [20, 11, 17, 12];

describe("mannWhitneyU(x, y, options)", () => {
  it("uses the exact distribution for small untied samples, for each alternative", () => {
    // scipy 1.10.1: stats.mannwhitneyu(males, females, alternative=alt)
    //   two-sided -> U=17, p=0.1111111111111111; less -> p=0.9682539682539684; greater -> p=0.05555555555555555
    expect(mannWhitneyU(males, females)).toEqual({ statistic: 17, pValue: expect.closeTo(0.1111111111111111, 15), method: "exact" });
    expectClose(mannWhitneyU(males, females, { alternative: "less" }).pValue, 0.9682539682539684);
    expectClose(mannWhitneyU(males, females, { alternative: "greater" }).pValue, 0.05555555555555555);
  });

  it("uses the normal approximation with continuity correction when asked", () => {
    // scipy 1.10.1: stats.mannwhitneyu(males, females, alternative=alt, method="asymptotic")
    //   two-sided -> p=0.11134688653314041; less -> p=0.9669037101389033; greater -> p=0.055673443266570206
    const twoSided = mannWhitneyU(males, females, { method: "asymptotic" });
    expect(twoSided.method).toBe("asymptotic");
    expect(twoSided.statistic).toBe(17);
    expectClose(twoSided.pValue, 0.11134688653314041);
    expectClose(mannWhitneyU(males, females, { method: "asymptotic", alternative: "less" }).pValue, 0.9669037101389033);
    expectClose(mannWhitneyU(males, females, { method: "asymptotic", alternative: "greater" }).pValue, 0.055673443266570206);
  });

  it("switches to the tie-corrected normal approximation when values are tied, even for small samples", () => {
    // scipy 1.10.1: stats.mannwhitneyu([1,2,2,3,5], [2,3,3,4,6,6], alternative=alt)
    //   -> U=7; two-sided p=0.1620516143696369, less p=0.08102580718481844, greater p=0.9434750105718386
    const x = [1, 2, 2, 3, 5];
    const y = [2, 3, 3, 4, 6, 6];
    const result = mannWhitneyU(x, y);
    expect(result.method).toBe("asymptotic");
    expect(result.statistic).toBe(7);
    expectClose(result.pValue, 0.1620516143696369);
    expectClose(mannWhitneyU(x, y, { alternative: "less" }).pValue, 0.08102580718481844);
    expectClose(mannWhitneyU(x, y, { alternative: "greater" }).pValue, 0.9434750105718386);
  });

  it("stays exact when only one sample has 8 or fewer values, keeping tiny p-values precise", () => {
    // scipy 1.10.1: stats.mannwhitneyu([1..8], [(i*7919)%1000 + 0.5 for i in range(300)], alternative=alt)
    //   -> U=15; two-sided p=6.64611425798657e-13, less p=3.323057128993285e-13, greater p=0.9999999999997471
    const small = [1, 2, 3, 4, 5, 6, 7, 8];
    const large = wave(300, 7919, 0, 1000).map((v) => v + 0.5);
    const result = mannWhitneyU(small, large);
    expect(result.method).toBe("exact");
    expect(result.statistic).toBe(15);
    expectClose(result.pValue, 6.64611425798657e-13, { rel: 1e-9 });
    expectClose(mannWhitneyU(small, large, { alternative: "less" }).pValue, 3.323057128993285e-13, { rel: 1e-9 });
    expectClose(mannWhitneyU(small, large, { alternative: "greater" }).pValue, 0.9999999999997471);
  });

  it("computes the exact distribution for 5 values against 1000", () => {
    // scipy 1.10.1: big = [(i*7919)%10007 + 0.5 for i in range(1000)]
    //   stats.mannwhitneyu([100,2000,2500,3000,9000.25], big, alternative=alt)
    //     -> U=1658; two-sided p=0.2002077948688487, less p=0.10010389743442435, greater p=0.9001724024969864
    //   stats.mannwhitneyu([1,2,3,4,5000.25], big) -> U=503, p=0.0005719698316791202
    const big = wave(1000, 7919, 0, 10007).map((v) => v + 0.5);
    const x = [100, 2000, 2500, 3000, 9000.25];
    expect(mannWhitneyU(x, big)).toMatchObject({ statistic: 1658, method: "exact" });
    expectClose(mannWhitneyU(x, big).pValue, 0.2002077948688487, { rel: 1e-10 });
    expectClose(mannWhitneyU(x, big, { alternative: "less" }).pValue, 0.10010389743442435, { rel: 1e-10 });
    expectClose(mannWhitneyU(x, big, { alternative: "greater" }).pValue, 0.9001724024969864, { rel: 1e-10 });
    expect(mannWhitneyU([1, 2, 3, 4, 5000.25], big).statistic).toBe(503);
    expectClose(mannWhitneyU([1, 2, 3, 4, 5000.25], big).pValue, 0.0005719698316791202, { rel: 1e-10 });
  });

  it("is exact at the boundary of 8 against 9 values, and for unequal small samples", () => {
    // scipy 1.10.1: stats.mannwhitneyu([1,4,6,9,12,15,17,20], [2,3,5,7,8,10,11,13,14]) -> U=44, p=0.4807075277663513 (exact)
    //   with method="asymptotic" -> p=0.47048642205878966
    const x8 = [1, 4, 6, 9, 12, 15, 17, 20];
    const y9 = [2, 3, 5, 7, 8, 10, 11, 13, 14];
    expect(mannWhitneyU(x8, y9)).toMatchObject({ statistic: 44, method: "exact" });
    expectClose(mannWhitneyU(x8, y9).pValue, 0.4807075277663513);
    expectClose(mannWhitneyU(x8, y9, { method: "asymptotic" }).pValue, 0.47048642205878966);
    // scipy 1.10.1: stats.mannwhitneyu([10,11,12], [1,2,3,4,5,6,13], alternative=alt)
    //   -> U=18; two-sided p=0.11666666666666667, less p=0.9666666666666666, greater p=0.058333333333333334
    const x3 = [10, 11, 12];
    const y7 = [1, 2, 3, 4, 5, 6, 13];
    expect(mannWhitneyU(x3, y7).statistic).toBe(18);
    expectClose(mannWhitneyU(x3, y7).pValue, 0.11666666666666667);
    expectClose(mannWhitneyU(x3, y7, { alternative: "less" }).pValue, 0.9666666666666666);
    expectClose(mannWhitneyU(x3, y7, { alternative: "greater" }).pValue, 0.058333333333333334);
  });

  it("is asymptotic when both samples exceed 8 values, and exact on request", () => {
    // scipy 1.10.1: stats.mannwhitneyu([1,3,...,17], [2,4,...,16,40]) -> U=36, p=0.7239320396139757 (auto = asymptotic)
    // scipy 1.10.1: same with method="exact" -> p=0.7304401480872068
    const x = [1, 3, 5, 7, 9, 11, 13, 15, 17];
    const y = [2, 4, 6, 8, 10, 12, 14, 16, 40];
    const auto = mannWhitneyU(x, y);
    expect(auto.method).toBe("asymptotic");
    expect(auto.statistic).toBe(36);
    expectClose(auto.pValue, 0.7239320396139757);
    expectClose(mannWhitneyU(x, y, { method: "exact" }).pValue, 0.7304401480872068);
  });

  it("handles samples of about 200 with many ties", () => {
    // scipy 1.10.1: stats.mannwhitneyu([(i*37+11)%50 for i in range(200)], [(i*53+7)%55 + 3 for i in range(210)], alternative=alt)
    //   -> U=16532; two-sided p=0.0001949517109315856, less p=9.74758554657928e-05, greater p=0.9999028459090565
    const x = wave(200, 37, 11, 50);
    const y = wave(210, 53, 7, 55).map((v) => v + 3);
    const result = mannWhitneyU(x, y);
    expect(result.statistic).toBe(16532);
    expectClose(result.pValue, 0.0001949517109315856, { rel: 1e-10 });
    expectClose(mannWhitneyU(x, y, { alternative: "less" }).pValue, 9.74758554657928e-5, { rel: 1e-10 });
    expectClose(mannWhitneyU(x, y, { alternative: "greater" }).pValue, 0.9999028459090565);
  });

  it("gives U = n₁n₂/2 and p = 1 when every value is tied, as SciPy", () => {
    // scipy 1.10.1: stats.mannwhitneyu([3,3,3], [3,3]) -> U=3.0, p=1.0
    expect(mannWhitneyU([3, 3, 3], [3, 3])).toEqual({ statistic: 3, pValue: 1, method: "asymptotic" });
  });

  it("caps p at 1 and reaches the exact minimum for complete separation", () => {
    // scipy 1.10.1: stats.mannwhitneyu([1,2], [3,4,5]) -> U=0, p=0.2 (= 2 / C(5,2))
    expectClose(mannWhitneyU([1, 2], [3, 4, 5]).pValue, 0.2);
    expect(mannWhitneyU([1, 2, 3], [1.5, 2.5]).pValue).toBe(1);
  });

  it("throws a RangeError for an empty sample, a non-finite value, exact with ties, or a bad option", () => {
    expect(() => mannWhitneyU([], [1, 2])).toThrow(new RangeError("mannWhitneyU x needs at least 1 value, got 0"));
    expect(() => mannWhitneyU([1], [])).toThrow("mannWhitneyU y needs at least 1 value, got 0");
    expect(() => mannWhitneyU([1, Number.NaN], [2])).toThrow("mannWhitneyU x[1] is not a finite number: NaN");
    expect(() => mannWhitneyU([1, 2], [2, 3], { method: "exact" })).toThrow("mannWhitneyU exact method needs untied values, got ties");
    expect(() => mannWhitneyU([1], [2], { alternative: "bigger" as "greater" })).toThrow("mannWhitneyU invalid alternative: bigger");
  });
});

describe("rankBiserial(x, y)", () => {
  it("is 2U/(n₁n₂) − 1 with U for x", () => {
    // scipy 1.10.1: u = stats.mannwhitneyu(x, y).statistic; 2*u/(len(x)*len(y)) - 1
    //   males/females -> 0.7; [1,2,2,3,5]/[2,3,3,4,6,6] -> -0.5333333333333333; the n≈200 pair -> -0.2127619047619047
    expectClose(rankBiserial(males, females), 0.7);
    expectClose(rankBiserial([1, 2, 2, 3, 5], [2, 3, 3, 4, 6, 6]), -0.5333333333333333);
    expectClose(
      rankBiserial(
        wave(200, 37, 11, 50),
        wave(210, 53, 7, 55).map((v) => v + 3),
      ),
      -0.2127619047619047,
    );
  });

  it("is the same from the U of mannWhitneyU (rankBiserialOfU), as the customer hypotheses take it", () => {
    // scipy 1.10.1 as above: U 17 of 20 pairs for males/females gives 0.7; the tied pair's U 7 of 30 gives -0.5333…
    expectClose(rankBiserialOfU(mannWhitneyU(males, females).statistic, 5, 4), 0.7);
    expectClose(rankBiserialOfU(mannWhitneyU([1, 2, 2, 3, 5], [2, 3, 3, 4, 6, 6]).statistic, 5, 6), -0.5333333333333333);
  });

  it("is ±1 for complete separation and 0 when all values are tied", () => {
    // hand computation: every x above every y gives U = n₁n₂
    expect(rankBiserial([5, 6], [1, 2, 3])).toBe(1);
    expect(rankBiserial([1, 2, 3], [5, 6])).toBe(-1);
    expect(rankBiserial([4, 4], [4])).toBe(0);
  });

  it("throws a RangeError for an empty sample", () => {
    expect(() => rankBiserial([], [1])).toThrow("rankBiserial x needs at least 1 value, got 0");
  });
});
