import { describe, expect, it } from "vitest";
import { rfmSummary } from "../../src/clv/summary.ts";
import { dayFromYmd } from "../../src/time/calendar.ts";

describe("rfmSummary(purchases, endDay, n)", () => {
  it("counts purchase days, sums same-day revenue and leaves the first day out of monetary", () => {
    // Customer 0 buys on days 0 (10 + 5), 3 (20) and 10 (30); the period ends on day 14:
    // 3 purchase days → frequency 2; recency (10 − 0)/7; T (14 − 0)/7 = 2; monetary (20 + 30)/2 = 25.
    const s = rfmSummary({ customer: [0, 0, 0, 0], day: [0, 0, 3, 10], revenue: [10, 5, 20, 30] }, 14);
    expect(Array.from(s.frequency)).toEqual([2]);
    expect(Array.from(s.recency)).toEqual([10 / 7]);
    expect(Array.from(s.T)).toEqual([2]);
    expect(Array.from(s.monetary)).toEqual([25]);
    expect([s.firstDay[0], s.lastDay[0]]).toEqual([0, 10]);
  });

  it("handles unordered purchases of several customers, one-day customers and a first purchase on the end day", () => {
    // 0: days 9 (7) and 2 (4) → frequency 1, recency 1, T 12/7, monetary 7 (day 9 is the repeat day).
    // 1: day 5 twice (3 + 2) → one purchase day: frequency 0, recency 0, T 9/7, monetary 0.
    // 2: day 14 → T 0.
    const s = rfmSummary({ customer: [1, 0, 2, 0, 1], day: [5, 9, 14, 2, 5], revenue: [3, 7, 1, 4, 2] }, 14);
    expect(s.n).toBe(3);
    expect(Array.from(s.frequency)).toEqual([1, 0, 0]);
    expect(Array.from(s.recency)).toEqual([1, 0, 0]);
    expect(Array.from(s.T)).toEqual([12 / 7, 9 / 7, 0]);
    expect(Array.from(s.monetary)).toEqual([7, 0, 0]);
  });

  it("gives the paper's T of 38.86 weeks for a first purchase on 1997-01-01 and a calibration ending 1997-09-30", () => {
    const s = rfmSummary({ customer: [0], day: [dayFromYmd(1997, 1, 1)], revenue: [11.77] }, dayFromYmd(1997, 9, 30));
    expect(s.T[0]).toBe(272 / 7);
    expect(s.T[0]!.toFixed(2)).toBe("38.86");
  });

  it("keeps zero-revenue repeat days in the mean", () => {
    // Days 0 (5), 1 (0), 2 (10): monetary (0 + 10)/2 = 5.
    const s = rfmSummary({ customer: [0, 0, 0], day: [0, 1, 2], revenue: [5, 0, 10] }, 2);
    expect(s.monetary[0]).toBe(5);
  });

  it("throws for a customer without purchases, a day after the end or not whole, a bad customer index or revenue, and ragged columns", () => {
    expect(() => rfmSummary({ customer: [0, 2], day: [1, 1], revenue: [1, 1] }, 5)).toThrow(/customer 1 has no purchase/);
    expect(() => rfmSummary({ customer: [0], day: [1], revenue: [1] }, 5, 2)).toThrow(/customer 1 has no purchase/);
    expect(() => rfmSummary({ customer: [0], day: [6], revenue: [1] }, 5)).toThrow(/invalid day of purchase 0: 6 \(end day 5\)/);
    expect(() => rfmSummary({ customer: [0], day: [1.5], revenue: [1] }, 5)).toThrow(/invalid day of purchase 0: 1.5/);
    expect(() => rfmSummary({ customer: [-1], day: [1], revenue: [1] }, 5, 1)).toThrow(/invalid customer of purchase 0: -1/);
    expect(() => rfmSummary({ customer: [0], day: [1], revenue: [NaN] }, 5)).toThrow(/invalid revenue of purchase 0: NaN/);
    expect(() => rfmSummary({ customer: [0, 0], day: [1], revenue: [1, 1] }, 5)).toThrow(/invalid rfmSummary columns/);
  });

  it("gives an empty summary for no purchases", () => {
    expect(rfmSummary({ customer: [], day: [], revenue: [] }, 5).n).toBe(0);
  });
});
