/**
 * Per-source metrics: first-touch attribution of visitors and buyers, the
 * delay to the first order, and (with costs) CAC, ROMI and payback.
 *
 * Reductions (SQL, buyers joined with the first-touch table): per
 * first-touch source, buyers and their exact revenue; buyers per source and
 * delay in days from first touch to first order; buyers per source and
 * cohort; exact revenue per source, cohort and complete month of the order.
 */
import { summariseCounts } from "../../stats/distribution.ts";
import type { Warning } from "../../schema/report.ts";
import { decimals, numbers, type Reduction, type ResultTable, type Sources } from "../analysis.ts";
import { ratio } from "../ratio.ts";
import { type FactSink } from "../../facts/sink.ts";
import { orderRelation } from "../orders.ts";
import { unitBin, type Series, type SeriesRow } from "../series.ts";
import { CONVERSION_DELAY_MAX_DAYS } from "./series.ts";
import { sourceLabel, type FunnelContext } from "./context.ts";
import type { Spend } from "./costs.ts";
import { buyerRelation, type Buyers } from "./orders.ts";
import type { VisitData } from "./visits.ts";

interface SourceStats {
  visitors: number;
  buyers: number;
  revenue: number;
  /** Buyers per delay in days (first touch to first order). */
  delays: Map<number, number>;
  /** Buyers per complete-month cohort. */
  cohortSize: Float64Array;
  /** Revenue by cohort index and age. */
  cohortRevenue: Float64Array;
}

/** What the source metrics read: the first-touch buyers reduced. */
export interface SourceData {
  /** Per first-touch source: buyers and their revenue. */
  readonly buyers: ResultTable;
  /** Per source and delay in days: buyers. */
  readonly delays: ResultTable;
  /** Per source and buyer cohort: buyers. */
  readonly cohorts: ResultTable;
  /** Per source, buyer cohort and complete month of the order: revenue. */
  readonly cells: ResultTable;
}

/** The source reductions, or none without visits, orders or period. */
export function sourceReductions(sources: Sources): Record<string, Reduction> {
  const o = orderRelation(sources);
  const b = buyerRelation(sources);
  const f = sources.tables.firstTouch;
  if (!o || !b || !f || !sources.calendar) return {};
  const d = sources.dialect;
  const joined = `${b} AS b JOIN ${f} AS f ON f.u = b.u`;
  return {
    sourceBuyers: {
      sql: `SELECT f.s AS source, count(*) AS buyers, ${d.nanoSum("b.r")} AS revenue FROM ${joined} GROUP BY f.s`,
      numeric: ["source", "buyers"],
    },
    sourceDelays: {
      sql: `SELECT f.s AS source, b.day - f.day AS delay, count(*) AS buyers FROM ${joined} GROUP BY f.s, b.day - f.day`,
      numeric: ["source", "delay", "buyers"],
    },
    sourceCohorts: {
      sql: `SELECT f.s AS source, b.cohort AS cohort, count(*) AS buyers FROM ${joined} WHERE b.cohort >= 0 GROUP BY f.s, b.cohort`,
      numeric: ["source", "cohort", "buyers"],
    },
    sourceCells: {
      sql: `SELECT f.s AS source, b.cohort AS cohort, c.month AS month, ${d.nanoSum("o.r")} AS revenue FROM ${o} AS o JOIN ${b} AS b ON b.u = o.u JOIN ${f} AS f ON f.u = o.u JOIN ${sources.calendar} AS c ON c.day = o.day WHERE b.cohort >= 0 GROUP BY f.s, b.cohort, c.month`,
      numeric: ["source", "cohort", "month"],
    },
  };
}

/** The source reductions' results, or null without them. */
export function sourceData(reduced: Readonly<Record<string, ResultTable>>): SourceData | null {
  const { sourceBuyers, sourceDelays, sourceCohorts, sourceCells } = reduced;
  return sourceBuyers && sourceDelays && sourceCohorts && sourceCells
    ? { buyers: sourceBuyers, delays: sourceDelays, cohorts: sourceCohorts, cells: sourceCells }
    : null;
}

/** Attribution of visitors and buyers to their first-touch source. */
export function sourceMetrics(
  visits: VisitData,
  data: SourceData,
  buyers: Buyers,
  ctx: FunnelContext,
  sink: FactSink,
  series: Series,
): Map<number, SourceStats> {
  const months = ctx.frame.months.length;
  // Sources in the order of their first visiting user.
  const stats = new Map<number, SourceStats>();
  let visitors = 0;
  {
    const source = numbers(visits.visitors, "source");
    const users = numbers(visits.visitors, "users");
    for (let i = 0; i < source.length; i++) {
      visitors += users[i]!;
      stats.set(source[i]!, {
        visitors: users[i]!,
        buyers: 0,
        revenue: 0,
        delays: new Map(),
        cohortSize: new Float64Array(months),
        cohortRevenue: new Float64Array(months * months),
      });
    }
  }
  let converted = 0;
  {
    const source = numbers(data.buyers, "source");
    const count = numbers(data.buyers, "buyers");
    const revenue = decimals(data.buyers, "revenue");
    for (let i = 0; i < source.length; i++) {
      const st = stats.get(source[i]!)!;
      st.buyers = count[i]!;
      st.revenue = revenue[i]!;
      converted += count[i]!;
    }
  }
  const delayValues: number[] = [];
  const delayCounts: number[] = [];
  {
    const source = numbers(data.delays, "source");
    const delay = numbers(data.delays, "delay");
    const count = numbers(data.delays, "buyers");
    for (let i = 0; i < source.length; i++) {
      stats.get(source[i]!)!.delays.set(delay[i]!, count[i]!);
      delayValues.push(delay[i]!);
      delayCounts.push(count[i]!);
    }
  }
  {
    const source = numbers(data.cohorts, "source");
    const cohort = numbers(data.cohorts, "cohort");
    const count = numbers(data.cohorts, "buyers");
    for (let i = 0; i < source.length; i++) stats.get(source[i]!)!.cohortSize[cohort[i]!] = count[i]!;
  }
  {
    const source = numbers(data.cells, "source");
    const cohort = numbers(data.cells, "cohort");
    const month = numbers(data.cells, "month");
    const revenue = decimals(data.cells, "revenue");
    // An order outside the complete months (month -1) is no cohort's revenue.
    for (let i = 0; i < source.length; i++) if (month[i]! >= cohort[i]!) stats.get(source[i]!)!.cohortRevenue[cohort[i]! * months + month[i]!] = revenue[i]!;
  }

  sink.add("conversion.rate", ratio(converted, visitors));
  sink.add("buyers.without_sessions", buyers.count - converted);
  if (converted > 0) {
    const overall = summariseCounts(Float64Array.from(delayValues), Float64Array.from(delayCounts));
    sink.add("conversion.delay.median_days", overall.median);
    sink.add("conversion.delay.mean_days", overall.mean);
  }
  const histogram: SeriesRow<"conversion_delay_histogram">[] = [];
  for (const [s, st] of stats) {
    const source = sourceLabel(ctx, s);
    if (st.delays.size > 0) {
      const bins = new Array<number>(CONVERSION_DELAY_MAX_DAYS + 1).fill(0);
      for (const [d, n] of st.delays) bins[unitBin(d, CONVERSION_DELAY_MAX_DAYS)]! += n;
      bins.forEach((count, bin) => histogram.push({ source, from_days: bin, to_days: bin < CONVERSION_DELAY_MAX_DAYS ? bin + 1 : null, buyers: count }));
    }
    sink.add("visits.users", st.visitors, { source });
    sink.add("conversion.rate", ratio(st.buyers, st.visitors), { source });
    sink.add("buyers", st.buyers, { source });
    sink.add("revenue", st.revenue, { source });
    if (st.delays.size > 0) {
      const d = summariseCounts(Float64Array.from(st.delays.keys()), Float64Array.from(st.delays.values()));
      sink.add("conversion.delay.median_days", d.median, { source });
      sink.add("conversion.delay.mean_days", d.mean, { source });
    }
  }
  series.conversion_delay_histogram = histogram;
  return stats;
}

/** CAC, ROMI, LTV and ROMI curves and payback per source; returns warnings for sources it cannot judge. */
export function sourcePayback(stats: ReadonlyMap<number, SourceStats>, spend: Spend, ctx: FunnelContext, sink: FactSink): Warning[] {
  const warnings: Warning[] = [];
  const months = ctx.frame.months.length;
  const sources = new Set([...stats.keys(), ...spend.bySource.keys()]);
  for (const s of sources) {
    const source = sourceLabel(ctx, s);
    const st = stats.get(s);
    const cost = spend.bySource.get(s);
    const buyerCount = st?.buyers ?? 0;
    if (cost === undefined) {
      if (buyerCount > 0) {
        warnings.push({
          code: "funnel.no_cost",
          dims: { source },
          values: { buyers: buyerCount },
        });
      }
    } else if (buyerCount === 0) {
      warnings.push({ code: "funnel.no_buyers", dims: { source }, values: { cost } });
    }
    const cac = ratio(cost, buyerCount);
    sink.add("cac", cac, { source });
    sink.add("romi", ratio(cost === undefined ? null : (st?.revenue ?? 0) * ctx.margin, cost), { source });
    if (!st) {
      sink.add("payback.months", null, { source });
      continue;
    }
    let payback: number | null = null;
    for (let a = 0; a < months; a++) {
      let revenue = 0;
      let size = 0;
      for (let c = 0; c + a < months; c++) {
        size += st.cohortSize[c]!;
        for (let m = c; m <= c + a; m++) revenue += st.cohortRevenue[c * months + m]!;
      }
      if (size === 0) continue;
      const ltv = (revenue * ctx.margin) / size;
      const romi = ratio(ltv, cac);
      sink.add("ltv", ltv, { source, age: String(a) });
      sink.add("romi", romi, { source, age: String(a) });
      if (payback === null && romi !== null && romi >= 1) payback = a;
    }
    sink.add("payback.months", payback, { source });
  }
  return warnings;
}
