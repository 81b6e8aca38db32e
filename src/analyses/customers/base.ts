/**
 * The customer base: one entry per customer with an order in the period,
 * with what cohorts, RFM and segments share. Customers are sorted by id
 * text in code-unit order, so that every tie-break on "customer id" is the
 * array order.
 *
 * Reductions (SQL, over the orders table and the order lines): per
 * customer, the first and last order day, orders and exact revenue; exact
 * revenue per customer and complete month; and from the lines, when they
 * carry them, lines per customer and country, and exact revenue per
 * customer and category and per category.
 */
import { decimals, numbers, stacked, texts, type Reduction, type ResultTable, type Sources } from "../analysis.ts";
import { orderRelation } from "../orders.ts";
import { completeMonthIndex, type PeriodFrame } from "../../time/period.ts";

export interface CustomerBase {
  readonly n: number;
  /** Index into the user dictionary of each customer. */
  readonly user: Int32Array;
  /** Each customer's id text. */
  readonly id: readonly string[];
  /** The customer index of a user dictionary index; -1 for a user without orders. */
  readonly customerOf: (user: number) => number;
  /** Day numbers of the first and last order. */
  readonly firstDay: Float64Array;
  readonly lastDay: Float64Array;
  /** Distinct orders (purchases, for rows without order ids that carry a count). */
  readonly orders: Float64Array;
  readonly revenue: Float64Array;
  /** Index of the complete month of the first order, or -1. */
  readonly cohort: Int32Array;
  /**
   * The complete months (indices into `frame.months`) in which each customer
   * ordered, with the revenue of each: customers in base order, each
   * customer's months ascending. A customer's entries are
   * `activeFrom[i]` … `activeFrom[i + 1] − 1`.
   */
  readonly active: { readonly month: Int32Array; readonly revenue: Float64Array };
  /** Where each customer's entries in `active` begin; n + 1 offsets. */
  readonly activeFrom: Int32Array;
}

/** The base reductions, or none without orders or period. */
export function baseReductions(sources: Sources): Record<string, Reduction> {
  const o = orderRelation(sources);
  if (!o || !sources.calendar) return {};
  const d = sources.dialect;
  const out: Record<string, Reduction> = {
    base: {
      sql: inIdOrder(
        sources,
        `SELECT u, min(day) AS first, max(day) AS last, ${d.nanoSum(d.nanos("n"))} AS orders, ${d.nanoSum("r")} AS revenue FROM ${o} AS o GROUP BY u`,
      ),
      numeric: ["u", "first", "last"],
      exact: ["orders", "revenue"],
    },
    baseMonths: {
      sql: `SELECT o.u AS u, c.month AS month, ${d.nanoSum("o.r")} AS revenue FROM ${o} AS o JOIN ${sources.calendar} AS c ON c.day = o.day WHERE c.month >= 0 GROUP BY o.u, c.month ORDER BY u, month`,
      numeric: ["u", "month"],
      exact: ["revenue"],
    },
  };
  const has = (role: string): boolean => (sources.datasets.orders ?? []).some((s) => s.roles.has(role));
  const user = d.ident("user");
  const country = d.ident("country");
  const category = d.ident("category");
  const revenue = d.ident("revenue");
  if (has("country")) {
    const lines = stacked(sources, "orders", [
      { role: "user", text: true },
      { role: "country", text: true },
    ])!;
    out["countries"] = {
      sql: `SELECT ${user} AS u, ${country} AS country, count(*) AS lines FROM ${lines} AS l WHERE ${country} >= 0 GROUP BY ${user}, ${country} ORDER BY u, country`,
      numeric: ["u", "country", "lines"],
    };
  }
  if (has("category")) {
    const lines = stacked(sources, "orders", [
      { role: "user", text: true },
      { role: "category", text: true },
      { role: "revenue", text: false },
    ])!;
    out["categorySpend"] = {
      sql: `SELECT ${user} AS u, ${category} AS category, ${d.exactSum(revenue)} AS revenue FROM ${lines} AS l WHERE ${category} >= 0 GROUP BY ${user}, ${category} ORDER BY u, category`,
      numeric: ["u", "category"],
      exact: ["revenue"],
    };
    out["categoryTotals"] = {
      sql: `SELECT ${category} AS category, ${d.exactSum(revenue)} AS revenue FROM ${lines} AS l WHERE ${category} >= 0 GROUP BY ${category} ORDER BY category`,
      numeric: ["category"],
    };
  }
  return out;
}

/**
 * SQL: the rows of a per-customer query (user indices `u`) with `id`, the
 * customer's id text (the user labels stay in the engine), ordered by it as
 * the engine sorts text. That is byte order, which differs from
 * JavaScript's code-unit order only around characters beyond U+FFFF, so
 * `customerOrder` finds the rows already sorted, or nearly so, and sorts
 * them in linear time.
 */
export function inIdOrder(sources: Sources, sql: string): string {
  return `SELECT c.*, l.label AS id FROM (${sql}) AS c LEFT JOIN ${sources.labels("user")} AS l ON l.idx = c.u ORDER BY l.label, c.u`;
}

/**
 * The rows of a per-customer reduction in the order of their `ids`, code
 * unit by code unit: the order every tie-break on "customer id" relies on.
 * The sort is stable and takes linear time on rows already in that order
 * (`inIdOrder`).
 * @example customerOrder(["b", "a"]); // => [1, 0]
 */
export function customerOrder(ids: readonly string[]): number[] {
  return Array.from(ids.keys()).sort((a, b) => {
    const x = ids[a]!;
    const y = ids[b]!;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** The `id` column of a per-customer reduction (`inIdOrder`): every customer has one. */
export function customerIds(table: ResultTable): string[] {
  return texts(table, "id").map((id, i) => {
    if (id === null) throw new Error(`per-customer reduction: row ${i} has no customer id`);
    return id;
  });
}

/**
 * The base from its reductions (`baseReductions`).
 * @example
 * // customers "b" (user 0) and "a" (user 1)
 * customerBase(reduced, frame).id; // => ["a", "b"]
 */
export function customerBase(reduced: Readonly<Record<string, ResultTable>>, frame: PeriodFrame): CustomerBase {
  const t = reduced["base"];
  const u = t ? numbers(t, "u") : new Float64Array(0);
  const n = u.length;
  const ids = t ? customerIds(t) : [];
  const order = customerOrder(ids);
  const pick = (col: Float64Array): Float64Array => Float64Array.from(order, (i) => col[i]!);
  const ofUser = new Int32Array(u.reduce((max, v) => Math.max(max, v + 1), 0)).fill(-1);
  order.forEach((i, c) => (ofUser[u[i]!] = c));
  const firstDay = t ? pick(numbers(t, "first")) : new Float64Array(0);
  // The (customer, month) rows, placed by customer by a counting sort; the engine gives each customer's months ascending.
  const m = reduced["baseMonths"];
  const mu = m ? numbers(m, "u") : new Float64Array(0);
  const rowMonth = m ? numbers(m, "month") : new Float64Array(0);
  const rowRevenue = m ? decimals(m, "revenue") : new Float64Array(0);
  const activeFrom = new Int32Array(n + 1);
  const customerOfRow = Int32Array.from(mu, (user) => {
    const c = ofUser[user] ?? -1;
    if (c < 0) throw new Error(`baseMonths: user ${user} is no customer of the base`);
    activeFrom[c + 1]!++;
    return c;
  });
  for (let c = 0; c < n; c++) activeFrom[c + 1]! += activeFrom[c]!;
  const next = activeFrom.slice(0, n);
  const active = { month: new Int32Array(mu.length), revenue: new Float64Array(mu.length) };
  customerOfRow.forEach((c, r) => {
    const at = next[c]!++;
    active.month[at] = rowMonth[r]!;
    active.revenue[at] = rowRevenue[r]!;
  });
  return {
    n,
    user: Int32Array.from(order, (i) => u[i]!),
    id: order.map((i) => ids[i]!),
    customerOf: (user) => ofUser[user] ?? -1,
    firstDay,
    lastDay: t ? pick(numbers(t, "last")) : new Float64Array(0),
    orders: t ? pick(decimals(t, "orders")) : new Float64Array(0),
    revenue: t ? pick(decimals(t, "revenue")) : new Float64Array(0),
    cohort: Int32Array.from(firstDay, (d) => completeMonthIndex(frame, d)),
    active,
    activeFrom,
  };
}

/**
 * Each customer's most frequent country of the order lines, by line count
 * (the `countries` reduction); ties go to the value first in code-unit
 * order. -1 when the customer's lines all leave it empty; null when the
 * lines have no country.
 */
export function modalCountry(reduced: Readonly<Record<string, ResultTable>>, base: CustomerBase, labels: readonly string[]): Int32Array | null {
  const t = reduced["countries"];
  if (!t) return null;
  const out = new Int32Array(base.n).fill(-1);
  const best = new Float64Array(base.n);
  const u = numbers(t, "u");
  const country = numbers(t, "country");
  const lines = numbers(t, "lines");
  for (let i = 0; i < u.length; i++) {
    const c = base.customerOf(u[i]!);
    if (c < 0) continue;
    const v = country[i]!;
    if (lines[i]! > best[c]! || (lines[i] === best[c] && labels[v]! < labels[out[c]!]!)) {
      out[c] = v;
      best[c] = lines[i]!;
    }
  }
  return out;
}
