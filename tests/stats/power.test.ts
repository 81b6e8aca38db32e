import { describe, expect, it } from "vitest";
import { cohensH, powerTwoProportions, sampleSizeForCohensH, sampleSizeTwoProportions } from "../../src/stats/index.ts";
import { expectClose } from "./close.ts";

// statsmodels 0.13.5: from statsmodels.stats.power import NormalIndPower as P; from statsmodels.stats.proportion import proportion_effectsize as e
// ("greater" is statsmodels' alternative="larger", "less" its "smaller")

describe("cohensH(p1, p2)", () => {
  it("matches statsmodels' proportion_effectsize(p2, p1)", () => {
    // e(0.12, 0.1) -> 0.06398210298605855; e(0.45, 0.5) -> -0.10016742116155974; e(0.011, 0.01) -> 0.009813406701337596
    expectClose(cohensH(0.1, 0.12), 0.06398210298605855);
    expectClose(cohensH(0.5, 0.45), -0.10016742116155974);
    expectClose(cohensH(0.01, 0.011), 0.009813406701337596, { rel: 1e-11 });
    expect(() => cohensH(1.2, 0.1)).toThrow(new RangeError("cohensH needs p1 in [0, 1], got 1.2"));
  });
});

describe("powerTwoProportions(p1, p2, n1, n2, options)", () => {
  it("matches statsmodels' NormalIndPower().power", () => {
    // P().power(effect_size=e(0.12,0.1), nobs1=3841, alpha=0.05, ratio=1) -> 0.8006540434999158
    // P().power(effect_size=e(0.12,0.1), nobs1=1000, alpha=0.05, ratio=3) -> 0.41781797646803764
    // P().power(effect_size=e(0.12,0.1), nobs1=1000, alpha=0.05, ratio=1, alternative="larger") -> 0.4152071237501336
    // same with alternative="smaller" -> 0.0010506194790281466
    // P().power(effect_size=e(0.1188,0.12), nobs1=145274, alpha=0.05, ratio=145310/145274) -> 0.16945013458583985
    // P().power(effect_size=e(0.2,0.05), nobs1=2000, alpha=0.01, ratio=1) -> 1.0
    expectClose(powerTwoProportions(0.1, 0.12, 3841, 3841), 0.8006540434999158);
    expectClose(powerTwoProportions(0.1, 0.12, 1000, 3000), 0.41781797646803764, { rel: 1e-11 });
    expectClose(powerTwoProportions(0.1, 0.12, 1000, 1000, { alternative: "greater" }), 0.4152071237501336, { rel: 1e-11 });
    expectClose(powerTwoProportions(0.1, 0.12, 1000, 1000, { alternative: "less" }), 0.0010506194790281466, { rel: 1e-9 });
    expectClose(powerTwoProportions(0.12, 0.1188, 145274, 145310), 0.16945013458583985, { rel: 1e-9 });
    expectClose(powerTwoProportions(0.05, 0.2, 2000, 2000, { alpha: 0.01 }), 1);
  });

  it("is the test's size alpha when p1 = p2", () => {
    // P().power(effect_size=0, nobs1=500, alpha=0.05) -> 0.049999999999999954
    expectClose(powerTwoProportions(0.3, 0.3, 500, 500), 0.05, { rel: 1e-12 });
  });

  it("throws a RangeError for bad sizes, alpha or alternative", () => {
    expect(() => powerTwoProportions(0.1, 0.12, 0, 10)).toThrow(new RangeError("powerTwoProportions needs n1 > 0, got 0"));
    expect(() => powerTwoProportions(0.1, 0.12, 10, 10, { alpha: 1.5 })).toThrow("powerTwoProportions needs alpha in (0, 1), got 1.5");
    expect(() => powerTwoProportions(0.1, 0.12, 10, 10, { alternative: "larger" as "greater" })).toThrow("powerTwoProportions invalid alternative: larger");
  });
});

describe("sampleSizeForCohensH(h, options)", () => {
  it("matches statsmodels' NormalIndPower().solve_power, whose root finder stops within 1e-8", () => {
    // P().solve_power(effect_size=0.2, alpha=0.05, power=0.8, ratio=1) -> 392.4430232577885
    // P().solve_power(effect_size=e(0.011,0.01), alpha=0.05, power=0.8, ratio=2) -> 122252.647828964
    // P().solve_power(effect_size=e(0.1,0.05), alpha=0.05, power=0.06, ratio=1) -> 4.685233086920582 (both tails matter)
    // The exact root: P().power(effect_size=0.2, nobs1=392.44302546630985, alpha=0.05) - 0.8 -> -2.2e-16
    //   (at statsmodels' 392.4430232577885 it is -2.2e-09)
    expectClose(sampleSizeForCohensH(0.2), 392.44302546630985, { rel: 1e-13 });
    expectClose(sampleSizeForCohensH(0.2), 392.4430232577885, { rel: 1e-8 });
    expectClose(sampleSizeForCohensH(0.009813406701337596, { ratio: 2 }), 122252.647828964, { rel: 1e-8 });
    expectClose(sampleSizeForCohensH(cohensH(0.05, 0.1), { power: 0.06 }), 4.685233086920582, { rel: 1e-8 });
  });

  it("is null when no sample size reaches the power", () => {
    expect(sampleSizeForCohensH(0)).toBeNull();
    expect(sampleSizeForCohensH(-0.1, { alternative: "greater" })).toBeNull();
    expect(sampleSizeForCohensH(0.1, { alternative: "less" })).toBeNull();
  });

  it("throws a RangeError for power ≤ alpha or bad options", () => {
    expect(() => sampleSizeForCohensH(0.2, { power: 0.05 })).toThrow(new RangeError("sampleSizeForCohensH needs power > alpha, got power 0.05 and alpha 0.05"));
    expect(() => sampleSizeForCohensH(0.2, { power: 1 })).toThrow("sampleSizeForCohensH needs power in (0, 1), got 1");
    expect(() => sampleSizeForCohensH(0.2, { ratio: 0 })).toThrow("sampleSizeForCohensH needs ratio > 0, got 0");
    expect(() => sampleSizeForCohensH(Number.NaN)).toThrow("sampleSizeForCohensH needs a finite effect size, got NaN");
  });
});

describe("sampleSizeTwoProportions(p1, mde, options)", () => {
  it("rounds statsmodels' solve_power up, with an absolute or a relative mde", () => {
    // P().solve_power(effect_size=e(0.12,0.1), alpha=0.05, power=0.8, ratio=1) -> 3834.595739884031
    // same with alternative="larger" -> 3020.515856462414
    // P().solve_power(effect_size=e(0.45,0.5), alpha=0.01, power=0.9, ratio=1) -> 2965.9379044400143
    // P().solve_power(effect_size=e(0.45,0.5), alpha=0.05, power=0.8, ratio=1, alternative="smaller") -> 1232.381457392343
    expect(sampleSizeTwoProportions(0.1, 0.02)).toBe(3835);
    expect(sampleSizeTwoProportions(0.1, 0.2, { relative: true })).toBe(3835);
    expect(sampleSizeTwoProportions(0.1, 0.02, { alternative: "greater" })).toBe(3021);
    expect(sampleSizeTwoProportions(0.5, -0.05, { alpha: 0.01, power: 0.9 })).toBe(2966);
    expect(sampleSizeTwoProportions(0.5, -0.1, { relative: true, alternative: "less" })).toBe(1233);
  });

  it("is null for a zero mde, and throws for a p2 outside [0, 1]", () => {
    expect(sampleSizeTwoProportions(0.1, 0)).toBeNull();
    expect(() => sampleSizeTwoProportions(0.95, 0.1)).toThrow(new RangeError("sampleSizeTwoProportions needs p2 = p1 + mde in [0, 1], got 1.05"));
    expect(() => sampleSizeTwoProportions(0.1, Number.NaN)).toThrow("sampleSizeTwoProportions needs a finite mde, got NaN");
  });
});
