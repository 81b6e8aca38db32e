/**
 * What the CLV models read of each customer, as one SQL reduction over the
 * orders: purchase days (same-day orders are one purchase, by lifetimes'
 * convention), the first and last, exact revenue and the repeat days'
 * revenue, orders, and for the holdout check the days before and from the
 * split. A per-customer table, as the models need one row per customer;
 * everything else about a customer's orders stays in the engine.
 */
import { dayFromYmd, type DayRange } from "../../time/calendar.ts";
import { completeMonthIndex, type PeriodFrame } from "../../time/period.ts";
import { decimals, numbers, type Reduction, type ResultTable, type Sources } from "../analysis.ts";
import { customerIds, customerOrder, inIdOrder } from "../customers/base.ts";
import { orderRelation } from "../orders.ts";
import { defaultSplit } from "./holdout.ts";

/** The first day of the holdout: `holdout_from` (YYYY-MM-DD) or the default for the period. @throws on a date that is not YYYY-MM-DD */
export function holdoutSplit(holdoutFrom: string | undefined, range: DayRange): number {
  if (holdoutFrom === undefined) return defaultSplit(range);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(holdoutFrom);
  if (!m) throw new Error(`invalid clv.holdout_from: ${holdoutFrom}`);
  return dayFromYmd(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** The per-customer reduction, or none without orders or period. */
export function customerReductions(sources: Sources, holdoutFrom: string | undefined): Record<string, Reduction> {
  const o = orderRelation(sources);
  if (!o || !sources.range) return {};
  const d = sources.dialect;
  const split = holdoutSplit(holdoutFrom, sources.range);
  // Per customer and purchase day: revenue and orders in nanos, and the customer's first day.
  const days = `SELECT u, day, sum(r) AS r, sum(${d.nanos("n")}) AS n FROM ${o} AS o GROUP BY u, day`;
  const dated = `SELECT u, day, r, n, min(day) OVER (PARTITION BY u) AS first_day FROM (${days}) AS x`;
  return {
    customers: {
      sql: inIdOrder(
        sources,
        `SELECT u, count(*) - 1 AS x, min(day) AS first, max(day) AS last, ${d.nanoSum("r")} AS revenue, ${d.nanoSum("CASE WHEN day > first_day THEN r END")} AS repeat_revenue, ${d.nanoSum("n")} AS orders, count(CASE WHEN day < ${split} THEN 1 END) AS cal_days, max(CASE WHEN day < ${split} THEN day END) AS cal_last, count(CASE WHEN day >= ${split} THEN 1 END) AS hold_days FROM (${dated}) AS c GROUP BY u`,
      ),
      numeric: ["u", "x", "first", "last", "cal_days", "cal_last", "hold_days"],
      exact: ["revenue", "repeat_revenue", "orders"],
    },
  };
}

/** The customers of the period in id order (code units), as the CLV models read them. */
export interface ClvCustomers {
  readonly n: number;
  readonly id: readonly string[];
  /** Each customer's user dictionary index. */
  readonly user: Int32Array;
  /** Purchase days − 1. */
  readonly frequency: Float64Array;
  readonly firstDay: Float64Array;
  readonly lastDay: Float64Array;
  readonly revenue: Float64Array;
  /** Revenue of the purchase days after the first. */
  readonly repeatRevenue: Float64Array;
  /** Orders (purchases, for rows without order ids that carry a count). */
  readonly orders: Float64Array;
  /** Index of the complete month of the first purchase, or -1. */
  readonly cohort: Int32Array;
  /** Purchase days before the holdout split, the last of them (NaN: none), and days from the split on. */
  readonly calibrationDays: Float64Array;
  readonly calibrationLast: Float64Array;
  readonly holdoutDays: Float64Array;
}

/** The per-customer reduction's rows in customer id order, or null without it. */
export function clvCustomers(reduced: Readonly<Record<string, ResultTable>>, frame: PeriodFrame): ClvCustomers | null {
  const t = reduced["customers"];
  if (!t) return null;
  const u = numbers(t, "u");
  const n = u.length;
  const ids = customerIds(t);
  const order = customerOrder(ids);
  const pick = (col: Float64Array): Float64Array => Float64Array.from(order, (i) => col[i]!);
  const firstDay = pick(numbers(t, "first"));
  const repeat = decimals(t, "repeat_revenue");
  return {
    n,
    id: order.map((i) => ids[i]!),
    user: Int32Array.from(order, (i) => u[i]!),
    frequency: pick(numbers(t, "x")),
    firstDay,
    lastDay: pick(numbers(t, "last")),
    revenue: pick(decimals(t, "revenue")),
    // NULL: no repeat day.
    repeatRevenue: Float64Array.from(order, (i) => (Number.isNaN(repeat[i]!) ? 0 : repeat[i]!)),
    orders: pick(decimals(t, "orders")),
    cohort: Int32Array.from(firstDay, (d) => completeMonthIndex(frame, d)),
    calibrationDays: pick(numbers(t, "cal_days")),
    calibrationLast: pick(numbers(t, "cal_last")),
    holdoutDays: pick(numbers(t, "hold_days")),
  };
}
