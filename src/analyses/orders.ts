/**
 * Orders from order rows (or order lines): the unit that funnel and customer
 * metrics count. Shared by the analyses, pure.
 */
import { numCol, refCol, type Table } from "../read/table.ts";

/** One entry per order: rows, or rows collapsed by order id. */
export interface Orders {
  readonly length: number;
  readonly user: Int32Array;
  /** Wall ms; with order ids, the earliest line's time. */
  readonly time: Float64Array;
  readonly revenue: Float64Array;
  /**
   * Purchases the order stands for: 1 with order ids; without them, the
   * row's `count` when the file has one (an empty count is 1).
   */
  readonly purchases: Float64Array;
}

/**
 * Orders from order rows. Without an order id every row is an order; with
 * one, rows sharing an id are one order (revenue summed, earliest time, the
 * first row's user).
 */
export function toOrders(table: Table): Orders {
  const user = refCol(table, "user");
  const time = numCol(table, "time");
  const revenue = numCol(table, "revenue");
  const order = table.ref["order"];
  if (!order) {
    const count = table.num["count"];
    const purchases = new Float64Array(table.length).fill(1);
    if (count) for (let i = 0; i < table.length; i++) if (!Number.isNaN(count[i]!)) purchases[i] = count[i]!;
    return { length: table.length, user, time, revenue, purchases };
  }
  const slot = new Map<number, number>();
  const u: number[] = [];
  const t: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < table.length; i++) {
    const id = order[i]!;
    // An empty order id: the row is an order of its own.
    const k = id < 0 ? undefined : slot.get(id);
    if (k === undefined) {
      if (id >= 0) slot.set(id, u.length);
      u.push(user[i]!);
      t.push(time[i]!);
      r.push(revenue[i]!);
    } else {
      t[k] = Math.min(t[k]!, time[i]!);
      r[k]! += revenue[i]!;
    }
  }
  return {
    length: u.length,
    user: Int32Array.from(u),
    time: Float64Array.from(t),
    revenue: Float64Array.from(r),
    purchases: new Float64Array(u.length).fill(1),
  };
}
