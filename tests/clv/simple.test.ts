import { describe, expect, it } from "vitest";
import { simpleClv } from "../../src/clv/simple.ts";
import { expectClose } from "../stats/close.ts";

describe("simpleClv(purchases, window, margin)", () => {
  // 100 days 0–99: the first half is days 0–49, the second 50–99.
  // Customers 0, 1, 2 buy in the first half; 2 buys again on day 60; 3 buys only on day 70.
  // Orders 1 + 1 + 2 + 2 (customer 3's row stands for 2 orders) = 6; revenue 600.
  const purchases = { customer: [0, 1, 2, 2, 3], day: [0, 10, 49, 60, 70], revenue: [100, 50, 150, 100, 200], orders: [1, 1, 1, 1, 2] };

  it("multiplies AOV, orders per customer per year, margin and 1 ÷ annual churn", () => {
    const r = simpleClv(purchases, { from: 0, to: 99 }, 0.5);
    // AOV 600 / 6 = 100; orders per customer per year 6 / 4 × 365 / 100 = 5.475.
    expect(r.aov).toBe(100);
    expectClose(r.ordersPerCustomerPerYear, 5.475, { rel: 1e-15 });
    // First-half customers {0, 1, 2}; 0 and 1 have no second-half purchase: churn 2/3 over 50 days.
    expect(r).toMatchObject({ customers: 4, orders: 6, revenue: 600, firstHalfCustomers: 3, lapsed: 2 });
    expect(r.firstHalf).toEqual({ from: 0, to: 49 });
    expect(r.secondHalf).toEqual({ from: 50, to: 99 });
    expectClose(r.churn, 2 / 3, { rel: 1e-15 });
    // Annual churn 1 − (1/3)^(365/50) = 1 − 3^−7.3 = 0.99966…; value 100 × 5.475 × 0.5 ÷ that.
    const annual = 1 - Math.pow(3, -7.3);
    expectClose(r.annualChurn, annual, { rel: 1e-14 });
    expectClose(r.lifetimeYears, 1 / annual, { rel: 1e-14 });
    expectClose(r.value, 273.75 / annual, { rel: 1e-14 });
    expectClose(r.value, 273.84, { abs: 0.005 });
  });

  it("splits an odd window at ⌊days ÷ 2⌋, the second half being the longer", () => {
    // 5 days 10–14: first half 10–11, second 12–14 (3 days). One customer on day 11 and 13: churn 0.
    const r = simpleClv({ customer: [0, 0], day: [11, 13], revenue: [1, 1] }, { from: 10, to: 14 }, 1);
    expect(r.firstHalf).toEqual({ from: 10, to: 11 });
    expect(r.secondHalf).toEqual({ from: 12, to: 14 });
    expect(r.churn).toBe(0);
    expect(r.annualChurn).toBe(0);
    expect(r.lifetimeYears).toBeNull();
    expect(r.value).toBeNull();
  });

  it("is null when nobody bought in the first half, and gives a lifetime of 1 year when all lapse", () => {
    const late = simpleClv({ customer: [0], day: [8], revenue: [5] }, { from: 0, to: 9 }, 1);
    expect(late.churn).toBeNull();
    expect(late.value).toBeNull();
    const oneDay = simpleClv({ customer: [0], day: [3], revenue: [5] }, { from: 3, to: 3 }, 1);
    expect(oneDay.firstHalf).toEqual({ from: 3, to: 2 });
    expect(oneDay.value).toBeNull();
    // One customer on day 0 of 0–9: churn 1 → annual churn 1, lifetime 1 year; 1 order × 36.5 a year × 5 × 0.4.
    const gone = simpleClv({ customer: [0], day: [0], revenue: [5] }, { from: 0, to: 9 }, 0.4);
    expect(gone.annualChurn).toBe(1);
    expectClose(gone.value, 5 * 36.5 * 0.4, { rel: 1e-15 });
  });

  it("has no value without purchases", () => {
    const r = simpleClv({ customer: [], day: [], revenue: [] }, { from: 0, to: 9 }, 1);
    expect(r).toMatchObject({ value: null, aov: null, ordersPerCustomerPerYear: null, churn: null, customers: 0 });
  });

  it("throws for a purchase outside the window, a bad value or window", () => {
    expect(() => simpleClv({ customer: [0], day: [10], revenue: [1] }, { from: 0, to: 9 }, 1)).toThrow(/invalid day of purchase 0: 10 \(window 0 to 9\)/);
    expect(() => simpleClv({ customer: [0], day: [1], revenue: [-1] }, { from: 0, to: 9 }, 1)).toThrow(/invalid revenue of purchase 0: -1/);
    expect(() => simpleClv({ customer: [0.5], day: [1], revenue: [1] }, { from: 0, to: 9 }, 1)).toThrow(/invalid customer/);
    expect(() => simpleClv({ customer: [0], day: [1], revenue: [1], orders: [NaN] }, { from: 0, to: 9 }, 1)).toThrow(/invalid orders/);
    expect(() => simpleClv({ customer: [], day: [], revenue: [] }, { from: 9, to: 0 }, 1)).toThrow(/invalid simpleClv window: 9 to 0/);
  });
});
