/**
 * Spend metrics from costs, and the cohort CAC and ROMI that combine spend
 * with buyer cohorts.
 *
 * Reduction (SQL, over every costs dataset stacked): the exact spend per day
 * and source, in the order each pair first appears; the funnel and the
 * budget both read it.
 */
import { decimals, numbers, stacked, type Reduction, type ResultTable, type Sources } from "../analysis.ts";
import { dayLabel, isoWeekOf, monthLabel, monthOfDay } from "../../time/calendar.ts";
import { type Series } from "../series.ts";
import { ratio } from "../ratio.ts";
import { type FactSink } from "../../facts/sink.ts";
import { sourceLabel, type FunnelContext } from "./context.ts";
import type { Buyers } from "./orders.ts";

/** Spend totals the source metrics need. */
export interface Spend {
  /** Source index → cost; only sources with cost rows are present. */
  readonly bySource: ReadonlyMap<number, number>;
  /** Month key → cost; only months with cost rows are present. */
  readonly byMonth: ReadonlyMap<number, number>;
}

/** Spend per day and source: day numbers, source indices and exact spend, in the order each pair first appears in the files. */
export interface CostCells {
  readonly length: number;
  readonly day: Float64Array;
  readonly source: Float64Array;
  readonly cost: Float64Array;
}

/** The costs reduction, or none without costs. */
export function costReductions(sources: Sources): Record<string, Reduction> {
  const c = stacked(sources, "costs", [
    { role: "source", text: true },
    { role: "cost", text: false },
  ]);
  if (!c) return {};
  const d = sources.dialect;
  const source = d.ident("source");
  return {
    costs: {
      sql: `SELECT _day AS day, ${source} AS source, ${d.exactSum(d.ident("cost"))} AS cost, min(_seq) AS first FROM ${c} AS c GROUP BY _day, ${source} ORDER BY first`,
      numeric: ["day", "source", "first"],
    },
  };
}

/** The costs reduction's rows, or null without costs. */
export function costCells(reduced: Readonly<Record<string, ResultTable>>): CostCells | null {
  const t = reduced["costs"];
  if (!t) return null;
  const day = numbers(t, "day");
  return { length: day.length, day, source: numbers(t, "source"), cost: decimals(t, "cost") };
}

export function costsMetrics(costs: CostCells, ctx: FunnelContext, sink: FactSink, series: Series): Spend {
  const { day, source, cost } = costs;
  let total = 0;
  const bySource = new Map<number, number>();
  const byMonth = new Map<number, number>();
  // Weekly spend per source over complete ISO weeks, keyed "week index,source".
  const weekly = new Map<string, number>();
  const firstWeek = ctx.frame.weeks[0];
  for (let i = 0; i < costs.length; i++) {
    const c = cost[i]!;
    total += c;
    bySource.set(source[i]!, (bySource.get(source[i]!) ?? 0) + c);
    const m = monthOfDay(day[i]!);
    byMonth.set(m, (byMonth.get(m) ?? 0) + c);
    if (firstWeek !== undefined) {
      const w = (isoWeekOf(day[i]!) - firstWeek) / 7;
      if (w >= 0 && w < ctx.frame.weeks.length) weekly.set(`${w},${source[i]!}`, (weekly.get(`${w},${source[i]!}`) ?? 0) + c);
    }
  }
  const sources = [...bySource.keys()];
  series.cost_weekly = ctx.frame.weeks.flatMap((monday, w) =>
    sources.map((s) => ({ week: dayLabel(monday), source: sourceLabel(ctx, s), cost: weekly.get(`${w},${s}`) ?? 0 })),
  );
  sink.add("cost", total);
  for (const [s, c] of bySource) sink.add("cost", c, { source: sourceLabel(ctx, s) });
  for (const [m, c] of byMonth) sink.add("cost", c, { month: monthLabel(m) });
  return { bySource, byMonth };
}

/** Overall CAC and ROMI, CAC per buyer cohort, and ROMI by cohort and age. */
export function cohortPayback(spend: Spend, buyers: Buyers, ctx: FunnelContext, sink: FactSink): void {
  const cost = [...spend.bySource.values()].reduce((a, b) => a + b, 0);
  sink.add("cac", ratio(cost, buyers.count));
  sink.add("romi", ratio(buyers.total * ctx.margin, cost));
  ctx.frame.months.forEach((month, c) => {
    const cohort = monthLabel(month);
    // No cost rows in the month: CAC is unknown, not 0.
    const cac = ratio(spend.byMonth.get(month), buyers.cohortSize[c]);
    sink.add("cac", cac, { cohort });
    buyers.ltv[c]!.forEach((ltv, age) => sink.add("romi", ratio(ltv, cac), { cohort, age: String(age) }));
  });
}
