/**
 * The back-of-the-envelope customer lifetime value:
 * AOV × orders per customer per year × margin × expected lifetime in years,
 * with the lifetime read off the share of customers who lapse.
 */

/** Purchases as columns of equal length: customer index, day number, revenue and (optional) the orders each row stands for. */
export interface SimplePurchases {
  readonly customer: ArrayLike<number>;
  readonly day: ArrayLike<number>;
  readonly revenue: ArrayLike<number>;
  /** Orders the row stands for; 1 when absent. */
  readonly orders?: ArrayLike<number>;
}

/** Inclusive day numbers. */
export interface DayWindow {
  readonly from: number;
  readonly to: number;
}

export interface SimpleClv {
  /** AOV × ordersPerCustomerPerYear × margin × lifetimeYears; null when any factor is. */
  readonly value: number | null;
  /** Revenue ÷ orders; null without orders. */
  readonly aov: number | null;
  /** Orders ÷ customers × 365 ÷ days in the window; null without customers. */
  readonly ordersPerCustomerPerYear: number | null;
  /** Lapsed ÷ first-half customers; null without first-half customers. */
  readonly churn: number | null;
  /** 1 − (1 − churn)^(365 ÷ days in the second half). */
  readonly annualChurn: number | null;
  /** 1 ÷ annualChurn; null when annualChurn is 0 or null. */
  readonly lifetimeYears: number | null;
  readonly customers: number;
  readonly orders: number;
  readonly revenue: number;
  /** The days [window.from, window.from + ⌊days ÷ 2⌋ − 1] (empty for a one-day window). */
  readonly firstHalf: DayWindow;
  /** The days [window.from + ⌊days ÷ 2⌋, window.to]. */
  readonly secondHalf: DayWindow;
  /** Customers with a purchase in the first half. */
  readonly firstHalfCustomers: number;
  /** First-half customers without a purchase in the second half. */
  readonly lapsed: number;
}

/**
 * Simple CLV of the customers who bought in a window of days:
 *
 * - AOV = revenue ÷ orders;
 * - orders per customer per year = orders ÷ customers × 365 ÷ days, where
 *   days = window.to − window.from + 1;
 * - the window is split at h = ⌊days ÷ 2⌋: the first half is the days
 *   window.from … window.from + h − 1, the second half window.from + h … window.to
 *   (days − h days, the longer half when days is odd);
 * - churn c = the share of the customers with a purchase in the first half
 *   who have none in the second half, annualised as
 *   1 − (1 − c)^(365 ÷ (days − h));
 * - expected lifetime = 1 ÷ annual churn, in years;
 * - value = AOV × orders per customer per year × margin × expected lifetime.
 *
 * Empty-data policy: value is null when the annual churn is 0 (nobody
 * lapsed: the lifetime is unbounded) or undefined (no customer bought in
 * the first half, as in a one-day window), and when there are no orders. A
 * purchase outside the window, a day that is not a whole number, a customer
 * index that is not a non-negative whole number or a negative or non-finite
 * revenue or order count throws a `RangeError`.
 *
 * @example
 * // 4 customers over 100 days: 3 buy in days 0–49, 1 of them again in days 50–99, the 4th only then;
 * // 6 orders, revenue 600 → AOV 100, 6 ÷ 4 × 3.65 = 5.475 orders a year;
 * // churn 2/3 over 50 days → 1 − (1/3)^7.3 ≈ 0.99967 a year
 * simpleClv(purchases, { from: 0, to: 99 }, 0.5).value; // => 273.84 (100 × 5.475 × 0.5 ÷ 0.99967)
 */
export function simpleClv(purchases: SimplePurchases, window: DayWindow, margin: number): SimpleClv {
  const { customer, day, revenue } = purchases;
  const rows = customer.length;
  const weights = purchases.orders;
  if (day.length !== rows || revenue.length !== rows || (weights && weights.length !== rows)) throw new RangeError("invalid simpleClv columns: lengths differ");
  if (!Number.isInteger(window.from) || !Number.isInteger(window.to) || window.to < window.from) {
    throw new RangeError(`invalid simpleClv window: ${window.from} to ${window.to}`);
  }
  if (!Number.isFinite(margin)) throw new RangeError(`invalid margin: ${margin}`);
  const days = window.to - window.from + 1;
  const h = Math.floor(days / 2);
  const mid = window.from + h;
  const firstHalf = new Set<number>();
  const secondHalf = new Set<number>();
  const customers = new Set<number>();
  let orders = 0;
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const c = customer[i]!;
    const d = day[i]!;
    const r = revenue[i]!;
    const o = weights ? weights[i]! : 1;
    if (!Number.isInteger(c) || c < 0) throw new RangeError(`invalid customer of purchase ${i}: ${c}`);
    if (!Number.isInteger(d) || d < window.from || d > window.to)
      throw new RangeError(`invalid day of purchase ${i}: ${d} (window ${window.from} to ${window.to})`);
    if (!Number.isFinite(r) || r < 0) throw new RangeError(`invalid revenue of purchase ${i}: ${r}`);
    if (!Number.isFinite(o) || o < 0) throw new RangeError(`invalid orders of purchase ${i}: ${o}`);
    customers.add(c);
    (d < mid ? firstHalf : secondHalf).add(c);
    orders += o;
    total += r;
  }
  let lapsed = 0;
  for (const c of firstHalf) if (!secondHalf.has(c)) lapsed++;
  const aov = orders > 0 ? total / orders : null;
  const ordersPerCustomerPerYear = customers.size > 0 ? ((orders / customers.size) * 365) / days : null;
  const churn = firstHalf.size > 0 ? lapsed / firstHalf.size : null;
  const annualChurn = churn === null ? null : 1 - (1 - churn) ** (365 / (days - h));
  const lifetimeYears = annualChurn === null || annualChurn === 0 ? null : 1 / annualChurn;
  const value = aov === null || ordersPerCustomerPerYear === null || lifetimeYears === null ? null : aov * ordersPerCustomerPerYear * margin * lifetimeYears;
  return {
    value,
    aov,
    ordersPerCustomerPerYear,
    churn,
    annualChurn,
    lifetimeYears,
    customers: customers.size,
    orders,
    revenue: total,
    firstHalf: { from: window.from, to: mid - 1 },
    secondHalf: { from: mid, to: window.to },
    firstHalfCustomers: firstHalf.size,
    lapsed,
  };
}
