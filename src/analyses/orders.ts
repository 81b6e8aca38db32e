/**
 * Orders from order rows (or order lines): the unit that funnel and customer
 * metrics count, as one engine table that every analysis's reductions read.
 */
import { stacked, type Sources } from "./analysis.ts";

/** The columns of `orderRelation`. */
const ORDER_ROLES = [
  { role: "user", text: true },
  { role: "time", text: false },
  { role: "revenue", text: false },
  { role: "order", text: true },
  { role: "count", text: false },
] as const;

/**
 * Every orders dataset as one table of orders, as the query the registry
 * builds it from once, or null without orders: `u` the user index, `t` the wall ms
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
