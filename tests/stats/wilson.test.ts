import { describe, expect, it } from "vitest";
import { wilsonInterval } from "../../src/stats/index.ts";
import { expectClose } from "./close.ts";

function expectInterval(actual: { lo: number; hi: number } | null, lo: number, hi: number): void {
  expect(actual).not.toBeNull();
  expectClose(actual!.lo, lo, { rel: 1e-12, abs: 1e-15 });
  expectClose(actual!.hi, hi, { rel: 1e-12, abs: 1e-15 });
}

describe("wilsonInterval(successes, trials, confidence)", () => {
  it("matches statsmodels' proportion_confint(method='wilson')", () => {
    // statsmodels 0.13.5: proportion_confint(x, n, alpha=a, method="wilson")
    //   (45, 100, 0.05) -> (0.35614537979511973, 0.5475539700255787)
    //   (17489, 145274, 0.05) -> (0.11872297704421185, 0.1220697075630713)
    //   (3, 7, 0.1) -> (0.186443190363956, 0.7105229089864071)
    //   (1, 1000, 0.01) -> (0.00011741635361832078, 0.008460566219981695)
    //   (0.5, 3, 0.05) -> (0.017652794278653516, 0.6900118935580435)
    expectInterval(wilsonInterval(45, 100), 0.35614537979511973, 0.5475539700255787);
    expectInterval(wilsonInterval(17489, 145274), 0.11872297704421185, 0.1220697075630713);
    expectInterval(wilsonInterval(3, 7, 0.9), 0.186443190363956, 0.7105229089864071);
    expectInterval(wilsonInterval(1, 1000, 0.99), 0.00011741635361832078, 0.008460566219981695);
    expectInterval(wilsonInterval(0.5, 3), 0.017652794278653516, 0.6900118935580435);
  });

  it("reaches 0 at no successes and 1 at all successes", () => {
    // statsmodels 0.13.5: proportion_confint(0, 20, method="wilson") -> (0.0, 0.1611251580528194)
    //                     proportion_confint(20, 20, method="wilson") -> (0.8388748419471804, 0.9999999999999999)
    const none = wilsonInterval(0, 20)!;
    expect(none.lo).toBeGreaterThanOrEqual(0);
    expectInterval(none, 0, 0.1611251580528194);
    const all = wilsonInterval(20, 20)!;
    expect(all.hi).toBeLessThanOrEqual(1);
    expectInterval(all, 0.8388748419471804, 0.9999999999999999);
  });

  it("is null with no trials, or more successes than trials", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(wilsonInterval(12, 10)).toBeNull();
  });

  it("throws a RangeError for a negative or non-finite count, or a bad confidence", () => {
    expect(() => wilsonInterval(-1, 10)).toThrow(new RangeError("wilsonInterval needs finite counts ≥ 0, got -1 of 10"));
    expect(() => wilsonInterval(1, Number.NaN)).toThrow("wilsonInterval needs finite counts ≥ 0, got 1 of NaN");
    expect(() => wilsonInterval(1, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => wilsonInterval(1, 10, 95)).toThrow("wilsonInterval needs a confidence in (0, 1), got 95");
    expect(() => wilsonInterval(1, 10, 0)).toThrow(RangeError);
  });
});
