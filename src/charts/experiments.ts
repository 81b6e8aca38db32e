/**
 * Chart specs of the Experiments page, one set per experiment dataset.
 * Pure: series in, specs out; a chart whose data is absent is not returned.
 */
import * as Plot from "@observablehq/plot";
import { scoped, type Scope } from "./campaigns.ts";
import { color, date, type ChartContext } from "./common.ts";
import type { ChartSpec } from "./spec.ts";

const of = (scope: Scope): string => (scope.dataset === null ? "" : ` (${scope.dataset})`);

/** The variants in the order the analysis gives them (the control first). */
function variants(ctx: ChartContext, scope: Scope): string[] {
  const order = scoped(ctx, "experiment_variants", scope).map((r) => String(r.variant));
  return order;
}

/**
 * Each variant's Beta posterior of its conversion rate, as a density curve
 * on a shared grid: where the curves overlap, the data cannot tell the
 * variants apart.
 */
export function posteriorChart(ctx: ChartContext, scope: Scope): ChartSpec | null {
  const data = scoped(ctx, "experiment_posteriors", scope);
  if (data.length === 0) return null;
  const { format } = ctx;
  const names = variants(ctx, scope);
  return {
    id: `experiment-posteriors${scope.suffix}`,
    title: `Where each variant's conversion rate lies${of(scope)}`,
    subtitle:
      "The posterior density of each variant's conversion rate (Beta(1, 1) prior): the taller and narrower, the surer; where the curves overlap, the data cannot tell the variants apart.",
    description: "Density curves of the conversion rate, one per variant.",
    data,
    plot: () => ({
      height: 260,
      x: { label: "Conversion rate (%)", percent: true, grid: true },
      y: { label: "Density", grid: true, tickFormat: (v: number) => format.compact(v) },
      color: color(names.length ? names : undefined),
      marks: [
        // y1/y2, not y: the curves overlap, they do not stack.
        Plot.areaY(data, { x: "rate", y1: 0, y2: "density", fill: "variant", fillOpacity: 0.15 }),
        Plot.lineY(data, {
          x: "rate",
          y: "density",
          stroke: "variant",
          strokeWidth: 2,
          title: (d) => `${d.variant}: conversion rate ${format.percent(d.rate)}, density ${format.number(d.density, 1)}`,
        }),
        Plot.ruleY([0]),
      ],
    }),
  };
}

/** Users first exposed per day and variant: a split that drifts, or a day missing, shows here. */
export function dailyUsersChart(ctx: ChartContext, scope: Scope): ChartSpec | null {
  const data = scoped(ctx, "experiment_daily", scope);
  if (data.length === 0) return null;
  const { format } = ctx;
  const names = variants(ctx, scope);
  return {
    id: `experiment-daily${scope.suffix}`,
    title: `Users per day${of(scope)}`,
    subtitle: "Users first exposed each day, per variant: the lines should move together; the first and last days may be partial.",
    description: "Lines of daily exposed users, one per variant.",
    data,
    plot: () => ({
      height: 240,
      x: { type: "utc", label: null },
      y: { label: "Users per day", grid: true, zero: true, tickFormat: (v: number) => format.compact(v) },
      color: color(names.length ? names : undefined),
      marks: [
        Plot.lineY(data, {
          x: (d) => date(d.date),
          y: "users",
          stroke: "variant",
          strokeWidth: 1.5,
          title: (d) => `${d.variant}, ${d.date}: ${format.number(d.users, 0)} users, ${format.number(d.conversions, 0)} converted`,
        }),
        Plot.ruleY([0]),
      ],
    }),
  };
}
