/**
 * The marketing funnel analysis: visits → orders → costs. Each step runs
 * only when its inputs exist, so a metric whose inputs are absent is not
 * emitted at all. It provides the first-touch table (`firstTouch`).
 */
import type { Fact, Warning } from "../../schema/report.ts";
import { FactSink } from "../../facts/sink.ts";
import type { Series } from "../series.ts";
import { FUNNEL_METRICS } from "./catalogue.ts";
import type { FunnelContext, FunnelInput } from "./context.ts";
import { cohortPayback, costCells, costReductions, costsMetrics } from "./costs.ts";
import { orderData, orderReductions, ordersMetrics } from "./orders.ts";
import { sourceData, sourceMetrics, sourcePayback, sourceReductions } from "./sources.ts";
import { firstTouchTable, visitData, visitReductions, visitsMetrics } from "./visits.ts";
import { joinReductions, periodOf, type Analysis } from "../analysis.ts";
import { zone } from "../../time/zone.ts";

export interface FunnelResult {
  readonly facts: Fact[];
  readonly warnings: Warning[];
  readonly series: Series;
}

export function funnel(input: FunnelInput, ctx: FunnelContext): FunnelResult {
  const sink = new FactSink(FUNNEL_METRICS);
  const warnings: Warning[] = [];
  const series: Series = {};
  if (input.visits) visitsMetrics(input.visits, ctx, sink, series);
  const buyers = input.orders ? ordersMetrics(input.orders, ctx, sink, series) : null;
  const spend = input.costs ? costsMetrics(input.costs, ctx, sink, series) : null;
  if (spend && buyers) cohortPayback(spend, buyers, ctx, sink);
  if (input.visits && input.sources && buyers) {
    const stats = sourceMetrics(input.visits, input.sources, buyers, ctx, sink, series);
    if (spend) warnings.push(...sourcePayback(stats, spend, ctx, sink));
  }
  return { facts: sink.facts, warnings, series };
}

export { FUNNEL_METRICS } from "./catalogue.ts";
export type { FunnelContext, FunnelInput } from "./context.ts";

/** The funnel in the registry: visits, orders and costs of the report period, each optional. */
export const funnelAnalysis: Analysis = {
  name: "funnel",
  rows: [],
  requires: [],
  period: true,
  uses: [],
  provides: ["firstTouch"],
  tables: (sources) => ({ firstTouch: firstTouchTable(sources) }),
  reductions: (sources, config) =>
    joinReductions(visitReductions(sources, config), orderReductions(sources), sourceReductions(sources), costReductions(sources)),
  run: (input) =>
    funnel(
      { visits: visitData(input.reduced), orders: orderData(input.reduced), sources: sourceData(input.reduced), costs: costCells(input.reduced) },
      {
        frame: periodOf(input),
        sourceLabels: input.dicts.source.labels,
        deviceLabels: input.dicts.device.labels,
        margin: input.config.margin,
        zone: zone(input.config.timezone),
      },
    ),
};
