/**
 * The customer base: one entry per customer with an order in the period,
 * with what cohorts, RFM and segments share. Customers are sorted by id
 * text in code-unit order, so that every tie-break on "customer id" is the
 * array order.
 */
import type { Table } from "../../read/table.ts";
import { DAY_MS } from "../../time/calendar.ts";
import { completeMonthIndex, type PeriodFrame } from "../../time/period.ts";
import type { Orders } from "../orders.ts";

export interface CustomerBase {
  readonly n: number;
  /** Index into the user dictionary of each customer. */
  readonly user: Int32Array;
  /** Each customer's id text. */
  readonly id: readonly string[];
  /** Customer index of each user dictionary index; -1 for users without orders. */
  readonly ofUser: Int32Array;
  /** Day numbers of the first and last order. */
  readonly firstDay: Float64Array;
  readonly lastDay: Float64Array;
  /** Distinct orders (purchases, for rows without order ids that carry a count). */
  readonly orders: Float64Array;
  readonly revenue: Float64Array;
  /** Index of the complete month of the first order, or -1. */
  readonly cohort: Int32Array;
  /**
   * Whether customer i ordered in complete month m: `active[i * months + m]`.
   * Months are `frame.months`.
   */
  readonly active: Uint8Array;
  /** Revenue by customer and complete month, laid out like `active`. */
  readonly monthRevenue: Float64Array;
}

/**
 * @example
 * // two orders of user "b" on days 0 and 3 and one of user "a" on day 1
 * customerBase(orders, ["b", "a"], frame).id; // => ["a", "b"]
 */
export function customerBase(orders: Orders, userLabels: readonly string[], frame: PeriodFrame): CustomerBase {
  const seen = new Uint8Array(userLabels.length);
  for (let i = 0; i < orders.length; i++) seen[orders.user[i]!] = 1;
  const users: number[] = [];
  for (let u = 0; u < seen.length; u++) if (seen[u]) users.push(u);
  users.sort((a, b) => (userLabels[a]! < userLabels[b]! ? -1 : userLabels[a]! > userLabels[b]! ? 1 : 0));
  const n = users.length;
  const ofUser = new Int32Array(userLabels.length).fill(-1);
  users.forEach((u, i) => (ofUser[u] = i));
  const months = frame.months.length;
  const base = {
    n,
    user: Int32Array.from(users),
    id: users.map((u) => userLabels[u]!),
    ofUser,
    firstDay: new Float64Array(n).fill(Infinity),
    lastDay: new Float64Array(n).fill(-Infinity),
    orders: new Float64Array(n),
    revenue: new Float64Array(n),
    cohort: new Int32Array(n).fill(-1),
    active: new Uint8Array(n * months),
    monthRevenue: new Float64Array(n * months),
  };
  for (let o = 0; o < orders.length; o++) {
    const c = ofUser[orders.user[o]!]!;
    const day = Math.floor(orders.time[o]! / DAY_MS);
    if (day < base.firstDay[c]!) base.firstDay[c] = day;
    if (day > base.lastDay[c]!) base.lastDay[c] = day;
    base.orders[c]! += orders.purchases[o]!;
    base.revenue[c]! += orders.revenue[o]!;
    const m = completeMonthIndex(frame, day);
    if (m >= 0) {
      base.active[c * months + m] = 1;
      base.monthRevenue[c * months + m]! += orders.revenue[o]!;
    }
  }
  for (let c = 0; c < n; c++) base.cohort[c] = completeMonthIndex(frame, base.firstDay[c]!);
  return base;
}

/**
 * Each customer's most frequent value of a text column of the order lines
 * (a country, say), by line count; ties go to the value first in code-unit
 * order. -1 when the customer's lines all leave it empty.
 */
export function modalLabel(lines: Table, role: string, base: CustomerBase, labels: readonly string[]): Int32Array {
  const out = new Int32Array(base.n).fill(-1);
  const col = lines.ref[role];
  const user = lines.ref["user"];
  if (!col || !user) return out;
  const counts = new Map<number, Map<number, number>>();
  for (let i = 0; i < lines.length; i++) {
    const v = col[i]!;
    if (v < 0) continue;
    const c = base.ofUser[user[i]!]!;
    if (c < 0) continue;
    let m = counts.get(c);
    if (!m) counts.set(c, (m = new Map()));
    m.set(v, (m.get(v) ?? 0) + 1);
  }
  for (const [c, m] of counts) {
    let best = -1;
    let bestCount = 0;
    for (const [v, k] of m) {
      if (k > bestCount || (k === bestCount && labels[v]! < labels[best]!)) {
        best = v;
        bestCount = k;
      }
    }
    out[c] = best;
  }
  return out;
}
