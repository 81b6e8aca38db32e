/**
 * Sales metrics from orders: totals, buyer cohorts, LTV and orders per
 * buyer by cohort age.
 *
 * Reductions (SQL, over the orders of every orders dataset, `orderRelation`):
 * orders, buyers and exact revenue over the period; orders and exact
 * revenue per buyer cohort (the complete month of the buyer's first order,
 * -1 for none) and complete month of the order; buyers per cohort. With the
 * first-touch table, the same per first-touch source (`sources.ts`).
 */
import { monthLabel } from "../../time/calendar.ts";
import { decimals, numbers, type Reduction, type ResultTable, type Sources } from "../analysis.ts";
import { ratio } from "../ratio.ts";
import { type FactSink } from "../../facts/sink.ts";
import { orderRelation } from "../orders.ts";
import { type Series } from "../series.ts";
import type { FunnelContext } from "./context.ts";

/** The orders reduced: what `ordersMetrics` reads. */
export interface OrderData {
  /** One row: orders, buyers and revenue. */
  readonly totals: ResultTable;
  /** Per buyer cohort (-1: none) and complete month: orders and revenue, ordered by cohort and month. */
  readonly cells: ResultTable;
  /** Per buyer cohort: buyers. */
  readonly cohorts: ResultTable;
}

/** What the cohort and source metrics share. */
export interface Buyers {
  /** Buyers per complete-month cohort. */
  readonly cohortSize: Float64Array;
  /** LTV by cohort index and age (null for a cohort without buyers). */
  readonly ltv: (number | null)[][];
  /** Buyers and revenue over the period. */
  readonly count: number;
  readonly total: number;
}

/**
 * Each buyer of the period as SQL `(u, t, day, r, cohort)`: the first
 * order's wall ms and day, the exact revenue of every order, and the
 * complete month of that day (-1: none); null without orders or period.
 */
export function buyerRelation(sources: Sources): string | null {
  const o = orderRelation(sources);
  if (!o || !sources.calendar) return null;
  const b = `SELECT u, min(t) AS t, min(day) AS day, sum(r) AS r FROM ${o} AS o GROUP BY u`;
  return `(SELECT b.u AS u, b.t AS t, b.day AS day, b.r AS r, coalesce(c.month, -1) AS cohort FROM (${b}) AS b LEFT JOIN ${sources.calendar} AS c ON c.day = b.day)`;
}

/** The orders reductions, or none without orders. */
export function orderReductions(sources: Sources): Record<string, Reduction> {
  const o = orderRelation(sources);
  const b = buyerRelation(sources);
  if (!o || !b || !sources.calendar) return {};
  const d = sources.dialect;
  return {
    orderTotals: {
      sql: `SELECT count(*) AS orders, count(DISTINCT u) AS buyers, coalesce(${d.nanoSum("r")}, '0') AS revenue FROM ${o} AS o`,
      numeric: ["orders", "buyers"],
    },
    orderCells: {
      sql: `SELECT b.cohort AS cohort, c.month AS month, count(*) AS orders, ${d.nanoSum("o.r")} AS revenue FROM ${o} AS o JOIN ${sources.calendar} AS c ON c.day = o.day JOIN ${b} AS b ON b.u = o.u WHERE c.month >= 0 GROUP BY b.cohort, c.month ORDER BY cohort, month`,
      numeric: ["cohort", "month", "orders"],
    },
    buyerCohorts: { sql: `SELECT cohort, count(*) AS buyers FROM ${b} AS b WHERE cohort >= 0 GROUP BY cohort`, numeric: ["cohort", "buyers"] },
  };
}

/** The orders reductions' results, or null without orders. */
export function orderData(reduced: Readonly<Record<string, ResultTable>>): OrderData | null {
  const { orderTotals, orderCells, buyerCohorts } = reduced;
  return orderTotals && orderCells && buyerCohorts ? { totals: orderTotals, cells: orderCells, cohorts: buyerCohorts } : null;
}

export function ordersMetrics(data: OrderData, ctx: FunnelContext, sink: FactSink, series: Series): Buyers {
  const { frame, margin } = ctx;
  const months = frame.months.length;
  const orderCount = numbers(data.totals, "orders")[0]!;
  const revenue = decimals(data.totals, "revenue")[0]!;
  const cohortSize = new Float64Array(months);
  {
    const cohort = numbers(data.cohorts, "cohort");
    const buyers = numbers(data.cohorts, "buyers");
    for (let i = 0; i < cohort.length; i++) cohortSize[cohort[i]!] = buyers[i]!;
  }
  const buyers: Buyers = { cohortSize, ltv: [], count: numbers(data.totals, "buyers")[0]!, total: revenue };
  sink.add("orders.count", orderCount);
  sink.add("buyers", buyers.count);
  sink.add("revenue", revenue);
  sink.add("aov", ratio(revenue, orderCount));
  if (months === 0) return buyers;

  // Revenue and orders per cohort and month of the order.
  const cellRevenue = new Float64Array(months * months);
  const cellOrders = new Float64Array(months * months);
  const monthRevenue = new Float64Array(months);
  const monthOrders = new Float64Array(months);
  {
    const cohort = numbers(data.cells, "cohort");
    const month = numbers(data.cells, "month");
    const orders = numbers(data.cells, "orders");
    const cellSum = decimals(data.cells, "revenue");
    for (let i = 0; i < cohort.length; i++) {
      const c = cohort[i]!;
      const m = month[i]!;
      monthRevenue[m]! += cellSum[i]!;
      monthOrders[m]! += orders[i]!;
      if (c < 0 || m < c) continue;
      cellRevenue[c * months + m] = cellSum[i]!;
      cellOrders[c * months + m] = orders[i]!;
    }
  }
  series.aov_monthly = frame.months.map((month, m) => ({
    month: monthLabel(month),
    orders: monthOrders[m]!,
    revenue: monthRevenue[m]!,
    aov: ratio(monthRevenue[m], monthOrders[m]),
  }));
  const ltvSum = new Float64Array(months);
  const ltvCount = new Float64Array(months);
  for (let c = 0; c < months; c++) {
    const cohort = monthLabel(frame.months[c]!);
    const size = cohortSize[c]!;
    sink.add("cohort.size", size, { cohort });
    let cumRevenue = 0;
    let cumOrders = 0;
    const curve: (number | null)[] = [];
    buyers.ltv.push(curve);
    for (let m = c; m < months; m++) {
      cumRevenue += cellRevenue[c * months + m]!;
      cumOrders += cellOrders[c * months + m]!;
      const age = String(m - c);
      const ltv = ratio(cumRevenue * margin, size);
      curve.push(ltv);
      sink.add("ltv", ltv, { cohort, age });
      sink.add("orders.per_buyer", ratio(cumOrders, size), { cohort, age });
      if (ltv !== null) {
        ltvSum[m - c]! += ltv;
        ltvCount[m - c]!++;
      }
    }
  }
  for (let a = 0; a < months; a++) if (ltvCount[a]! > 0) sink.add("ltv.mean", ltvSum[a]! / ltvCount[a]!, { age: String(a) });
  return buyers;
}
