/**
 * Orders from order rows (or order lines): the unit that funnel and customer
 * metrics count. Shared by the analyses: as SQL for reductions
 * (`orderRelation`), and from rows for the analyses that still read them.
 */
import { numCol, refCol, type Table } from "../read/table.ts";
import { stacked, type Sources } from "./analysis.ts";

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

/** The columns of `orderRelation`. */
const ORDER_ROLES = [
  { role: "user", text: true },
  { role: "time", text: false },
  { role: "revenue", text: false },
  { role: "order", text: true },
  { role: "count", text: false },
] as const;

/**
 * Every orders dataset as one table of orders (the SQL twin of `toOrders`),
 * as the query the registry builds it from once, or null without orders: `u` the user index, `t` the wall ms
 * (with order ids, the earliest line's), `day` its day number, `r` the
 * exact revenue in nanos (`Dialect.nanos`; with order ids, the lines' sum), `n` the
 * purchases it stands for, `seq` its first row's place. Without order ids
 * every row is an order whose purchases are its `count` (1 when empty);
 * with them, rows sharing an id are one order of the first row's user, and
 * a row with an empty id is an order of its own.
 */
export function orderTable(sources: Sources): string | null {
  const s = stacked(sources, "orders", ORDER_ROLES);
  if (!s) return null;
  const d = sources.dialect;
  const [user, time, revenue, order, count] = ORDER_ROLES.map((r) => d.ident(r.role));
  const exact = d.nanos(`o.${revenue}`);
  if (!(sources.datasets.orders ?? []).some((x) => x.roles.has("order"))) {
    return `SELECT o.${user} AS u, o.${time} AS t, o._day AS day, ${exact} AS r, coalesce(o.${count}, 1) AS n, o._seq AS seq FROM ${s} AS o`;
  }
  // An empty order id (-1) keys on the row itself: -1 - _seq is unique and below every id.
  return `SELECT ${d.argMin(`o.${user}`, "o._seq")} AS u, min(o.${time}) AS t, min(o._day) AS day, sum(${exact}) AS r, 1 AS n, min(o._seq) AS seq FROM ${s} AS o GROUP BY CASE WHEN o.${order} >= 0 THEN o.${order} ELSE -1 - o._seq END`;
}

/** The orders table (`orderTable`) that reductions read, or null without orders. */
export const orderRelation = (sources: Sources): string | null => sources.tables.orders ?? null;
