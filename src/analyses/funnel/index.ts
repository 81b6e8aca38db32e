/**
 * The marketing funnel analysis: visits → orders → costs. Each step runs
 * only when its inputs exist, so a metric whose inputs are absent is not
 * emitted at all.
 */
import type { Fact, Warning } from "../../schema/report.ts";
import { FactSink } from "../facts.ts";
import type { Series } from "../series.ts";
import { FUNNEL_METRICS } from "./catalogue.ts";
import type { FunnelContext, FunnelInput } from "./context.ts";
import { cohortPayback, costCells, costReductions, costsMetrics } from "./costs.ts";
import { toOrders } from "../orders.ts";
import { ordersMetrics } from "./orders.ts";
import { sourceMetrics, sourcePayback } from "./sources.ts";
import { visitData, visitReductions, visitsMetrics, type FirstSessions } from "./visits.ts";
import { merged, periodOf, type Analysis } from "../analysis.ts";
import { zone } from "../../time/zone.ts";

export interface FunnelResult {
  readonly facts: Fact[];
  readonly warnings: Warning[];
  readonly series: Series;
  /** Each user's first session; null without visits. */
  readonly firstTouch: FirstSessions | null;
}

export function funnel(input: FunnelInput, ctx: FunnelContext): FunnelResult {
  const sink = new FactSink(FUNNEL_METRICS);
  const warnings: Warning[] = [];
  const series: Series = {};
  const first = input.visits ? visitsMetrics(input.visits, ctx, sink, series) : null;
  const orders = input.orders ? toOrders(input.orders) : null;
  const buyers = orders ? ordersMetrics(orders, ctx, sink, series) : null;
  const spend = input.costs ? costsMetrics(input.costs, ctx, sink, series) : null;
  if (spend && buyers) cohortPayback(spend, buyers, ctx, sink);
  if (first && buyers && orders) {
    const stats = sourceMetrics(first, buyers, orders, ctx, sink, series);
    if (spend) warnings.push(...sourcePayback(stats, spend, ctx, sink));
  }
  return { facts: sink.facts, warnings, series, firstTouch: first };
}

export { FUNNEL_METRICS } from "./catalogue.ts";
export type { FunnelContext, FunnelInput } from "./context.ts";

/** The funnel in the registry: visits, orders and costs of the report period, each optional. */
export const funnelAnalysis: Analysis = {
  name: "funnel",
  rows: ["orders"],
  requires: [],
  period: true,
  uses: [],
  provides: ["firstTouch"],
  reductions: (sources, config) => ({ ...visitReductions(sources, config), ...costReductions(sources) }),
  run: (input) => {
    const result = funnel(
      { visits: visitData(input.reduced), orders: merged(input, "orders"), costs: costCells(input.reduced) },
      {
        frame: periodOf(input),
        userCount: input.dicts.user.labels.length,
        sourceLabels: input.dicts.source.labels,
        deviceLabels: input.dicts.device.labels,
        margin: input.config.margin,
        zone: zone(input.config.timezone),
      },
    );
    return { facts: result.facts, warnings: result.warnings, series: result.series, outputs: { firstTouch: result.firstTouch } };
  },
};
