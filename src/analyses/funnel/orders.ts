/**
 * Sales metrics from orders: totals, buyer cohorts, LTV and orders per
 * buyer by cohort age.
 */
import { DAY_MS, monthLabel } from "../../time/calendar.ts";
import { completeMonthIndex } from "../../time/period.ts";
import { ratio, type FactSink } from "../facts.ts";
import { SERIES, type Series } from "../series.ts";
import type { Orders } from "../orders.ts";
import type { FunnelContext } from "./context.ts";

/** Per buyer, what the cohort and source metrics share. */
export interface Buyers {
  /** Wall ms of the first order; +Infinity for users without orders. */
  readonly firstOrder: Float64Array;
  /** Index of the buyer's cohort among the complete months, or -1. */
  readonly cohort: Int32Array;
  /** Revenue in the period. */
  readonly revenue: Float64Array;
  /** Buyers per complete-month cohort. */
  readonly cohortSize: Float64Array;
  /** LTV by cohort index and age (null for a cohort without buyers). */
  readonly ltv: (number | null)[][];
  /** Buyers and revenue over the period. */
  count: number;
  total: number;
}

export function ordersMetrics(orders: Orders, ctx: FunnelContext, sink: FactSink, series: Series): Buyers {
  const { frame, userCount, margin } = ctx;
  const months = frame.months.length;
  const buyers: Buyers = {
    firstOrder: new Float64Array(userCount).fill(Infinity),
    cohort: new Int32Array(userCount).fill(-1),
    revenue: new Float64Array(userCount),
    cohortSize: new Float64Array(months),
    ltv: [],
    count: 0,
    total: 0,
  };
  let revenue = 0;
  for (let i = 0; i < orders.length; i++) {
    const u = orders.user[i]!;
    revenue += orders.revenue[i]!;
    buyers.revenue[u]! += orders.revenue[i]!;
    if (orders.time[i]! < buyers.firstOrder[u]!) buyers.firstOrder[u] = orders.time[i]!;
  }
  let buyerCount = 0;
  for (let u = 0; u < userCount; u++) {
    const t = buyers.firstOrder[u]!;
    if (t === Infinity) continue;
    buyerCount++;
    const c = completeMonthIndex(frame, Math.floor(t / DAY_MS));
    buyers.cohort[u] = c;
    if (c >= 0) buyers.cohortSize[c]!++;
  }
  buyers.count = buyerCount;
  buyers.total = revenue;
  sink.add("orders.count", orders.length);
  sink.add("buyers", buyerCount);
  sink.add("revenue", revenue);
  sink.add("aov", ratio(revenue, orders.length));
  if (months === 0) return buyers;

  // Revenue and orders per cohort and month of the order.
  const cellRevenue = new Float64Array(months * months);
  const cellOrders = new Float64Array(months * months);
  const monthRevenue = new Float64Array(months);
  const monthOrders = new Float64Array(months);
  for (let i = 0; i < orders.length; i++) {
    const c = buyers.cohort[orders.user[i]!]!;
    const m = completeMonthIndex(frame, Math.floor(orders.time[i]! / DAY_MS));
    if (m >= 0) {
      monthRevenue[m]! += orders.revenue[i]!;
      monthOrders[m]!++;
    }
    if (c < 0 || m < c) continue;
    cellRevenue[c * months + m]! += orders.revenue[i]!;
    cellOrders[c * months + m]!++;
  }
  series[SERIES.aovMonthly] = frame.months.map((month, m) => ({
    month: monthLabel(month),
    orders: monthOrders[m]!,
    revenue: monthRevenue[m]!,
    aov: ratio(monthRevenue[m], monthOrders[m]),
  }));
  const ltvSum = new Float64Array(months);
  const ltvCount = new Float64Array(months);
  for (let c = 0; c < months; c++) {
    const cohort = monthLabel(frame.months[c]!);
    const size = buyers.cohortSize[c]!;
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
