/**
 * The budget analysis's series: per paid source and period (ISO week or day,
 * within the complete ISO weeks of the report period), spend from costs and
 * the outcome of the first-touch buyers whose first order falls in that
 * period: their count, and their revenue × margin over their first
 * `horizonMonths` 30-day months.
 */
import { DAY_MS, dayLabel } from "../../time/calendar.ts";
import type { PeriodFrame } from "../../time/period.ts";
import { decimals, numbers, type Reduction, type ResultTable, type Sources } from "../analysis.ts";
import type { CostCells } from "../funnel/costs.ts";
import { buyerRelation } from "../funnel/orders.ts";
import { orderRelation } from "../orders.ts";

export type BudgetGrain = "day" | "week";

export interface BudgetSeries {
  readonly grain: BudgetGrain;
  /** Periods per week: 1 (week) or 7 (day). */
  readonly perWeek: number;
  /** The first day of each period, `YYYY-MM-DD`. */
  readonly labels: readonly string[];
  /**
   * Periods whose outcome is complete: all of them for buyers; for revenue,
   * the first periods whose last day + 30 × horizonMonths days is within the
   * report period (later buyers' windows are cut by its end).
   */
  readonly fittedRevenue: number;
  /** Source indices with cost rows in the periods, by label in code-unit order. */
  readonly sources: readonly number[];
  /** Per source (same order): cost per period, 0 without cost rows. */
  readonly spend: readonly Float64Array[];
  /** Per source: new first-touch buyers per period of their first order. */
  readonly buyers: readonly Float64Array[];
  /** Per source: those buyers' revenue × margin within horizonMonths × 30 days of their first order. */
  readonly revenue: readonly Float64Array[];
}

export interface PeriodsContext {
  readonly frame: PeriodFrame;
  readonly sourceLabels: readonly string[];
  readonly margin: number;
  readonly grain: BudgetGrain;
  readonly horizonMonths: number;
}

/** Days in a revenue horizon month. */
export const HORIZON_MONTH_DAYS = 30;

/**
 * The first-touch buyers reduction, or none without visits, orders or
 * period: per first-touch source and day of the first order (within the
 * period's complete ISO weeks), buyers and the exact revenue of their
 * orders within `horizonMonths` 30-day months of their first order.
 */
export function buyerReductions(sources: Sources, horizonMonths: number): Record<string, Reduction> {
  const o = orderRelation(sources);
  const b = buyerRelation(sources);
  const f = sources.tables.firstTouch;
  if (!o || !b || !f || !sources.calendar) return {};
  const d = sources.dialect;
  const horizonMs = horizonMonths * HORIZON_MONTH_DAYS * DAY_MS;
  const buyers = `SELECT f.s AS source, b.day AS day, count(*) AS buyers FROM ${b} AS b JOIN ${f} AS f ON f.u = b.u JOIN ${sources.calendar} AS c ON c.day = b.day WHERE c.week >= 0 GROUP BY f.s, b.day`;
  const revenue = `SELECT f.s AS source, b.day AS day, ${d.nanoSum(`CASE WHEN o.t - b.t < ${horizonMs} THEN o.r END`)} AS revenue FROM ${o} AS o JOIN ${b} AS b ON b.u = o.u JOIN ${f} AS f ON f.u = b.u JOIN ${sources.calendar} AS c ON c.day = b.day WHERE c.week >= 0 GROUP BY f.s, b.day`;
  return {
    buyers: {
      sql: `SELECT n.source AS source, n.day AS day, n.buyers AS buyers, r.revenue AS revenue FROM (${buyers}) AS n JOIN (${revenue}) AS r ON r.source = n.source AND r.day = n.day ORDER BY source, day`,
      numeric: ["source", "day", "buyers"],
    },
  };
}

/** The series over the period's complete ISO weeks, from the `buyerReductions` result and the costs; null without a complete week. */
export function budgetPeriods(firstBuyers: ResultTable, costs: CostCells, ctx: PeriodsContext): BudgetSeries | null {
  const { frame, grain } = ctx;
  const firstMonday = frame.weeks[0];
  if (firstMonday === undefined) return null;
  const perWeek = grain === "week" ? 1 : 7;
  const count = frame.weeks.length * perWeek;
  const periodOf = (day: number): number => {
    const d = day - firstMonday;
    if (d < 0) return -1;
    const p = grain === "week" ? Math.floor(d / 7) : d;
    return p < count ? p : -1;
  };
  const labels = Array.from({ length: count }, (_, p) => dayLabel(firstMonday + p * (grain === "week" ? 7 : 1)));

  const { day: cDay, source: cSource, cost: cCost } = costs;
  const spendBy = new Map<number, Float64Array>();
  for (let i = 0; i < costs.length; i++) {
    const p = periodOf(cDay[i]!);
    if (p < 0) continue;
    let row = spendBy.get(cSource[i]!);
    if (!row) spendBy.set(cSource[i]!, (row = new Float64Array(count)));
    row[p]! += cCost[i]!;
  }
  const label = (s: number): string => (s < 0 ? "" : ctx.sourceLabels[s]!);
  const sources = [...spendBy.keys()].sort((a, b) => (label(a) < label(b) ? -1 : label(a) > label(b) ? 1 : 0));
  const slot = new Map(sources.map((s, i) => [s, i]));

  const buyers = sources.map(() => new Float64Array(count));
  const revenue = sources.map(() => new Float64Array(count));
  {
    const source = numbers(firstBuyers, "source");
    const day = numbers(firstBuyers, "day");
    const firsts = numbers(firstBuyers, "buyers");
    const sum = decimals(firstBuyers, "revenue");
    for (let i = 0; i < source.length; i++) {
      const k = slot.get(source[i]!);
      const p = periodOf(day[i]!);
      if (k === undefined || p < 0) continue;
      buyers[k]![p]! += firsts[i]!;
      revenue[k]![p]! += sum[i]! * ctx.margin;
    }
  }
  const lastDayOf = (p: number): number => firstMonday + (grain === "week" ? 7 * p + 6 : p);
  let fittedRevenue = 0;
  while (fittedRevenue < count && lastDayOf(fittedRevenue) + ctx.horizonMonths * HORIZON_MONTH_DAYS <= frame.range.to) fittedRevenue++;
  return { grain, perWeek, labels, fittedRevenue, sources, spend: sources.map((s) => spendBy.get(s)!), buyers, revenue };
}
