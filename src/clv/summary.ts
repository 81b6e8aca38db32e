/**
 * The per-customer summary that BG/NBD and Gamma-Gamma take, built from
 * purchases by lifetimes' convention (`summary_data_from_transaction_data`
 * with freq "D" and time then divided by 7): purchases are counted by day.
 */

/** Purchases as columns of equal length: customer index (0 … n − 1), day number, revenue. */
export interface Purchases {
  readonly customer: ArrayLike<number>;
  readonly day: ArrayLike<number>;
  readonly revenue: ArrayLike<number>;
}

export interface RfmSummary {
  readonly n: number;
  /** Distinct purchase days − 1. */
  readonly frequency: Float64Array;
  /** (Last purchase day − first purchase day) ÷ 7, in weeks. */
  readonly recency: Float64Array;
  /** (End day − first purchase day) ÷ 7, in weeks. */
  readonly T: Float64Array;
  /** Mean over the repeat purchase days (all but the first) of the day's revenue; 0 when frequency is 0. */
  readonly monetary: Float64Array;
  /** Day numbers of the first and last purchase. */
  readonly firstDay: Float64Array;
  readonly lastDay: Float64Array;
}

/**
 * Frequency, recency, T and monetary value of each customer 0 … n − 1, from
 * purchases given as day numbers, with time out in weeks:
 *
 * - frequency = distinct purchase days − 1 (same-day purchases are one);
 * - recency = (last purchase day − first purchase day) ÷ 7;
 * - T = (endDay − first purchase day) ÷ 7 (the end day is the last day
 *   observed, so a first purchase on it gives T = 0);
 * - monetary = the mean, over the purchase days after the first, of the
 *   day's summed revenue; 0 when frequency is 0.
 *
 * Empty-data policy: `n` defaults to the largest customer index + 1; a
 * customer index without a purchase, a day after `endDay` or not a whole
 * number, a customer index outside 0 … n − 1 or a revenue that is not
 * finite throws a `RangeError` naming the purchase.
 *
 * @example
 * // customer 0 buys on days 0 (10), 0 (5), 3 (20) and 10 (30); the period ends on day 14
 * rfmSummary({ customer: [0, 0, 0, 0], day: [0, 0, 3, 10], revenue: [10, 5, 20, 30] }, 14);
 * // => frequency [2], recency [10/7], T [2], monetary [25]
 */
export function rfmSummary(purchases: Purchases, endDay: number, n?: number): RfmSummary {
  const { customer, day, revenue } = purchases;
  const rows = customer.length;
  if (day.length !== rows || revenue.length !== rows) throw new RangeError(`invalid rfmSummary columns: lengths ${rows}, ${day.length}, ${revenue.length}`);
  let count = n ?? 0;
  if (n === undefined) for (let i = 0; i < rows; i++) count = Math.max(count, customer[i]! + 1);
  for (let i = 0; i < rows; i++) {
    const c = customer[i]!;
    const d = day[i]!;
    if (!Number.isInteger(c) || c < 0 || c >= count) throw new RangeError(`invalid customer of purchase ${i}: ${c}`);
    if (!Number.isInteger(d) || d > endDay) throw new RangeError(`invalid day of purchase ${i}: ${d} (end day ${endDay})`);
    if (!Number.isFinite(revenue[i]!)) throw new RangeError(`invalid revenue of purchase ${i}: ${revenue[i]}`);
  }
  const order = Array.from({ length: rows }, (_, i) => i).sort((i, j) => customer[i]! - customer[j]! || day[i]! - day[j]!);
  const summary = {
    n: count,
    frequency: new Float64Array(count),
    recency: new Float64Array(count),
    T: new Float64Array(count),
    monetary: new Float64Array(count),
    firstDay: new Float64Array(count).fill(NaN),
    lastDay: new Float64Array(count).fill(NaN),
  };
  let k = 0;
  while (k < rows) {
    const c = customer[order[k]!]!;
    const first = day[order[k]!]!;
    let days = 0;
    let repeatRevenue = 0;
    let last = first;
    while (k < rows && customer[order[k]!] === c) {
      const d = day[order[k]!]!;
      let dayRevenue = 0;
      while (k < rows && customer[order[k]!] === c && day[order[k]!] === d) dayRevenue += revenue[order[k++]!]!;
      if (days > 0) repeatRevenue += dayRevenue;
      days++;
      last = d;
    }
    summary.frequency[c] = days - 1;
    summary.recency[c] = (last - first) / 7;
    summary.T[c] = (endDay - first) / 7;
    summary.monetary[c] = days > 1 ? repeatRevenue / (days - 1) : 0;
    summary.firstDay[c] = first;
    summary.lastDay[c] = last;
  }
  for (let c = 0; c < count; c++) if (Number.isNaN(summary.firstDay[c]!)) throw new RangeError(`invalid rfmSummary input: customer ${c} has no purchase`);
  return summary;
}
