/**
 * A customer's discounted value over the next 12 months from a BG/NBD and a
 * Gamma-Gamma fit, in the shape of lifetimes' `customer_lifetime_value`.
 */
import { expectedPurchases, type BgNbdParams } from "./bgnbd.ts";
import { expectedAverageValue, type GammaGammaParams } from "./gammagamma.ts";

/** A customer's summary in weeks, with the mean repeat-purchase value. */
export interface CustomerHistory {
  readonly frequency: number;
  readonly recency: number;
  readonly T: number;
  readonly monetary: number;
}

export interface ClvOptions {
  /** Share of the expected purchase value that is profit. */
  readonly margin: number;
  /** Discount rate per month. Default 0.01. */
  readonly monthlyDiscount?: number;
}

/** Weeks in a month: 30 days. */
export const WEEKS_PER_MONTH = 30 / 7;
export const CLV_MONTHS = 12;

/**
 * Σ over months i = 1 … 12 of
 * (E[purchases in (0, i·30/7]] − E[purchases in (0, (i − 1)·30/7]]) × expected order value × margin ÷ (1 + discount)^i,
 * with the expectations from `expectedPurchases` (time in weeks; a month is
 * 30 days, not lifetimes' 4.345 weeks) and the order value from
 * `expectedAverageValue`.
 *
 * Empty-data policy: null when the expected order value is (px + q ≤ 1);
 * invalid histories throw as `expectedPurchases` and `expectedAverageValue` do.
 *
 * @example clv12(bg, gg, { frequency: 2, recency: 30.43, T: 38.86, monetary: 22.35 }, { margin: 1 }); // => 35.88 (CDNOW customer 1, published fits)
 */
export function clv12(bg: BgNbdParams, gg: GammaGammaParams, customer: CustomerHistory, options: ClvOptions): number | null {
  const { margin, monthlyDiscount = 0.01 } = options;
  if (!Number.isFinite(margin)) throw new RangeError(`invalid margin: ${margin}`);
  if (!(monthlyDiscount > -1) || !Number.isFinite(monthlyDiscount)) throw new RangeError(`invalid monthlyDiscount: ${monthlyDiscount}`);
  const value = expectedAverageValue(gg, customer.frequency, customer.monetary);
  if (value === null) return null;
  const { frequency, recency, T } = customer;
  let before = 0;
  let total = 0;
  for (let i = 1; i <= CLV_MONTHS; i++) {
    const upTo = expectedPurchases(bg, i * WEEKS_PER_MONTH, frequency, recency, T);
    total += ((upTo - before) * value * margin) / (1 + monthlyDiscount) ** i;
    before = upTo;
  }
  return total;
}
