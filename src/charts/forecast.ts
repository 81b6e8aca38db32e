/**
 * Chart specs of the Forecast page. Pure: series in, specs out.
 */
import * as Plot from "@observablehq/plot";
import { series, type ChartContext } from "./common.ts";
import type { ChartSpec } from "./spec.ts";
import { PALETTE } from "./theme.ts";

/** `YYYY-MM-DD` or `YYYY-MM` as a UTC date (a month at its first day). */
const periodDate = (p: unknown): Date => new Date(`${String(p).length === 7 ? `${String(p)}-01` : String(p)}T00:00:00Z`);

/** History and forecast of one series (revenue or orders), with the 80% and 95% bands. */
export function forecastChart(ctx: ChartContext, name: "revenue" | "orders"): ChartSpec | null {
  const data = series(ctx.report, "forecast_points").filter((r) => r.series === name);
  const model = series(ctx.report, "forecast_model").find((r) => r.series === name);
  if (data.length === 0 || !model) return null;
  const show = (v: unknown): string => (name === "revenue" ? ctx.format.money(v as number | null) : ctx.format.number(v as number | null, 0));
  const history = data.filter((d) => d.kind === "history");
  const ahead = data.filter((d) => d.kind === "forecast");
  // The forecast line starts at the last observation, so the two lines join.
  const last = history[history.length - 1];
  const line = last ? [{ ...last, lo80: last.value, hi80: last.value, lo95: last.value, hi95: last.value }, ...ahead] : ahead;
  const median = model.point === "median";
  return {
    id: `forecast-${name}`,
    title: name === "revenue" ? "Revenue: history and forecast" : "Orders: history and forecast",
    subtitle: `${String(model.model)} ${model.origins > 0 ? "chosen by the backtest" : "(the series is too short for a backtest)"}; shaded: 80% and 95% intervals${median ? "; the forecast line is the median (fitted on the log scale)" : ""}.`,
    description: `A line of ${name} per ${String(model.grain)} with the forecast continuing it and two shaded prediction bands.`,
    data,
    plot: () => ({
      height: 300,
      x: { type: "utc", label: null },
      y: { label: name === "revenue" ? "Revenue" : "Orders", grid: true, zero: true, tickFormat: (v: number) => ctx.format.compact(v) },
      marks: [
        Plot.areaY(line, { x: (d) => periodDate(d.period), y1: "lo95", y2: "hi95", fill: PALETTE[1], fillOpacity: 0.18 }),
        Plot.areaY(line, { x: (d) => periodDate(d.period), y1: "lo80", y2: "hi80", fill: PALETTE[1], fillOpacity: 0.3 }),
        Plot.lineY(history, { x: (d) => periodDate(d.period), y: "value", stroke: PALETTE[0], strokeWidth: 1.2 }),
        Plot.lineY(line, { x: (d) => periodDate(d.period), y: "value", stroke: PALETTE[1], strokeWidth: 2, strokeDasharray: "4 2" }),
        Plot.dot(ahead, {
          x: (d) => periodDate(d.period),
          y: "value",
          fill: PALETTE[1],
          r: 2,
          title: (d) => `${d.period}: ${show(d.value)} (80%: ${show(d.lo80)} – ${show(d.hi80)}; 95%: ${show(d.lo95)} – ${show(d.hi95)})`,
        }),
        Plot.ruleY([0]),
      ],
    }),
  };
}
