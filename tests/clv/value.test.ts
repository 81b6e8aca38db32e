import { describe, expect, it } from "vitest";
import { expectedPurchases } from "../../src/clv/bgnbd.ts";
import { expectedAverageValue } from "../../src/clv/gammagamma.ts";
import { clv12, WEEKS_PER_MONTH } from "../../src/clv/value.ts";
import { expectClose } from "../stats/close.ts";

const BG = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 };
const GG = { p: 6.25, q: 3.74, v: 15.45 };

describe("clv12(bg, gg, customer, options)", () => {
  // tests/clv/reference.py "predictions": lifetimes' customer_lifetime_value loop with a
  // month of 30/7 weeks, margin 1, discount 0.01, on the paper's formulas in SciPy,
  // at the published CDNOW parameters, for customers of the sample.
  it.each([
    ["1", 2, 30.43, 38.86, 22.35, 35.88443222831394],
    ["2", 1, 1.71, 38.86, 11.77, 4.5869894478174125],
    ["3", 0, 0, 38.86, 0, 8.260457343047282],
    ["18", 1, 4.86, 38.86, 9.99, 6.280578673484029],
    ["150", 4, 33, 38, 28.53, 87.10938711193464],
    ["1516", 26, 30.86, 31, 39.97, 962.3615316555259],
  ])("customer %s matches the SciPy transcription", (_, frequency, recency, T, monetary, expected) => {
    expectClose(clv12(BG, GG, { frequency, recency, T, monetary }, { margin: 1 }), expected, { rel: 1e-11 });
  });

  it("is month i's purchases × order value × margin ÷ (1 + discount)^i summed over 12 months of 30/7 weeks", () => {
    const customer = { frequency: 4, recency: 33, T: 38, monetary: 28.53 };
    const value = expectedAverageValue(GG, 4, 28.53)!;
    let expected = 0;
    for (let i = 1; i <= 12; i++) {
      const month = expectedPurchases(BG, i * WEEKS_PER_MONTH, 4, 33, 38) - expectedPurchases(BG, (i - 1) * WEEKS_PER_MONTH, 4, 33, 38);
      expected += (month * value * 0.3) / 1.02 ** i;
    }
    expectClose(clv12(BG, GG, customer, { margin: 0.3, monthlyDiscount: 0.02 }), expected, { rel: 1e-14 });
    // Without discounting it is the 12-month (360-day) expectation × order value × margin.
    expectClose(clv12(BG, GG, customer, { margin: 0.3, monthlyDiscount: 0 }), expectedPurchases(BG, 360 / 7, 4, 33, 38) * value * 0.3, { rel: 1e-13 });
  });

  it("is null when the order value does not exist (px + q ≤ 1)", () => {
    expect(clv12(BG, { p: 1, q: 0.9, v: 5 }, { frequency: 0, recency: 0, T: 10, monetary: 0 }, { margin: 1 })).toBeNull();
  });

  it("throws for a bad margin or discount", () => {
    const customer = { frequency: 0, recency: 0, T: 10, monetary: 0 };
    expect(() => clv12(BG, GG, customer, { margin: NaN })).toThrow(/invalid margin: NaN/);
    expect(() => clv12(BG, GG, customer, { margin: 1, monthlyDiscount: -1 })).toThrow(/invalid monthlyDiscount: -1/);
  });
});
