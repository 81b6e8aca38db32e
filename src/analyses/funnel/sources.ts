/**
 * Per-source metrics: first-touch attribution of visitors and buyers, the
 * delay to the first order, and (with costs) CAC, ROMI and payback.
 */
import { summarise } from "../../stats/distribution.ts";
import { DAY_MS } from "../../time/calendar.ts";
import { completeMonthIndex } from "../../time/period.ts";
import type { Warning } from "../../schema/report.ts";
import { ratio, type FactSink } from "../facts.ts";
import { CONVERSION_DELAY_MAX_DAYS, SERIES, unitBin, type Series, type SeriesRow } from "../series.ts";
import { sourceLabel, type FunnelContext } from "./context.ts";
import type { Spend } from "./costs.ts";
import type { Orders } from "../orders.ts";
import type { Buyers } from "./orders.ts";
import type { FirstSessions } from "./visits.ts";

interface SourceStats {
  visitors: number;
  buyers: number;
  revenue: number;
  delays: number[];
  /** Buyers per complete-month cohort. */
  cohortSize: Float64Array;
  /** Revenue by cohort index and age. */
  cohortRevenue: Float64Array;
}

/** Attribution of visitors and buyers to their first-touch source. */
export function sourceMetrics(
  first: FirstSessions,
  buyers: Buyers,
  orders: Orders,
  ctx: FunnelContext,
  sink: FactSink,
  series: Series,
): Map<number, SourceStats> {
  const { userCount, frame } = ctx;
  const months = frame.months.length;
  const stats = new Map<number, SourceStats>();
  const of = (s: number): SourceStats => {
    let st = stats.get(s);
    if (!st) {
      st = { visitors: 0, buyers: 0, revenue: 0, delays: [], cohortSize: new Float64Array(months), cohortRevenue: new Float64Array(months * months) };
      stats.set(s, st);
    }
    return st;
  };
  let visitors = 0;
  let converted = 0;
  let withoutSessions = 0;
  const allDelays: number[] = [];
  for (let u = 0; u < userCount; u++) {
    const visited = first.start[u]! < Infinity;
    const bought = buyers.firstOrder[u]! < Infinity;
    if (visited) {
      visitors++;
      of(first.source[u]!).visitors++;
    }
    if (!bought) continue;
    if (!visited) {
      withoutSessions++;
      continue;
    }
    converted++;
    const st = of(first.source[u]!);
    st.buyers++;
    st.revenue += buyers.revenue[u]!;
    const delay = Math.floor(buyers.firstOrder[u]! / DAY_MS) - Math.floor(first.start[u]! / DAY_MS);
    st.delays.push(delay);
    allDelays.push(delay);
    const c = buyers.cohort[u]!;
    if (c >= 0) st.cohortSize[c]!++;
  }
  for (let i = 0; i < orders.length; i++) {
    const u = orders.user[i]!;
    const c = buyers.cohort[u]!;
    if (c < 0 || first.start[u] === Infinity) continue;
    const m = completeMonthIndex(frame, Math.floor(orders.time[i]! / DAY_MS));
    if (m < c) continue;
    stats.get(first.source[u]!)!.cohortRevenue[c * months + m]! += orders.revenue[i]!;
  }

  sink.add("conversion.rate", ratio(converted, visitors));
  sink.add("buyers.without_sessions", withoutSessions);
  const overall = summarise(Float64Array.from(allDelays));
  if (allDelays.length > 0) {
    sink.add("conversion.delay.median_days", overall.median);
    sink.add("conversion.delay.mean_days", overall.mean);
  }
  const histogram: SeriesRow[] = [];
  for (const [s, st] of stats) {
    const source = sourceLabel(ctx, s);
    if (st.delays.length > 0) {
      const bins = new Array<number>(CONVERSION_DELAY_MAX_DAYS + 1).fill(0);
      for (const d of st.delays) bins[unitBin(d, CONVERSION_DELAY_MAX_DAYS)]!++;
      bins.forEach((count, bin) => histogram.push({ source, from_days: bin, to_days: bin < CONVERSION_DELAY_MAX_DAYS ? bin + 1 : null, buyers: count }));
    }
    sink.add("visits.users", st.visitors, { source });
    sink.add("conversion.rate", ratio(st.buyers, st.visitors), { source });
    sink.add("buyers", st.buyers, { source });
    sink.add("revenue", st.revenue, { source });
    if (st.delays.length > 0) {
      const d = summarise(Float64Array.from(st.delays));
      sink.add("conversion.delay.median_days", d.median, { source });
      sink.add("conversion.delay.mean_days", d.mean, { source });
    }
  }
  series[SERIES.conversionDelay] = histogram;
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
          code: "source-without-cost",
          dims: { source },
          message: `source ${source}: ${buyerCount} buyer(s) but no cost rows, so CAC and ROMI are unknown`,
        });
      }
    } else if (buyerCount === 0) {
      warnings.push({ code: "source-without-buyers", dims: { source }, message: `source ${source}: cost ${cost} but no first-touch buyers` });
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
