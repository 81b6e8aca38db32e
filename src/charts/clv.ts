/**
 * Chart specs of the CLV page. Pure: series in, specs out; a chart whose
 * data is absent is not returned.
 */
import * as Plot from "@observablehq/plot";
import { color, segmentDomain, series, tickStep, type ChartContext } from "./common.ts";
import type { ChartSpec } from "./spec.ts";
import { PALETTE, SEQUENTIAL } from "./theme.ts";

export function clvDistribution({ report, format }: ChartContext): ChartSpec | null {
  const data = series(report, "clv_distribution");
  if (data.length === 0) return null;
  // Bin edges are multiples of a round width (1, 2, 2.5 or 5 × 10ᵏ): show as many decimals as it has, so 0.5 does not read as 1.
  const width = data.length > 1 ? data[1]!.from - data[0]!.from : 1;
  const digits = Math.min(3, (String(width).split(".")[1] ?? "").length);
  return {
    id: "clv-distribution",
    title: "Predicted 12-month CLV",
    subtitle: "Customers by predicted CLV over the next 12 months (BG/NBD × Gamma-Gamma, discounted); the last bar is open-ended.",
    description: "A histogram of customers by predicted 12-month CLV.",
    data,
    plot: (chartWidth) => ({
      height: 280,
      marginBottom: 56,
      x: {
        label: `Predicted CLV (${report.currency})`,
        labelOffset: 50,
        type: "band",
        // Every bin's lower edge in money ("$1.5"), the last open-ended ("$5.5+"); every 2nd, 3rd or 5th where bins are narrow.
        tickFormat: (v: string, i: number) =>
          i % tickStep(chartWidth, data.length, 30, [1, 2, 3, 5]) !== 0
            ? ""
            : `${format.inCurrency(format.number(Number(v), digits))}${i === data.length - 1 ? "+" : ""}`,
        tickRotate: -30,
      },
      y: { label: "Customers", grid: true },
      marks: [
        Plot.barY(data, {
          x: "from",
          y: "customers",
          fill: PALETTE[0],
          title: (d) => `${format.money(d.from)} – ${d.to === null ? "" : format.money(d.to)}: ${format.number(d.customers, 0)} customers`,
        }),
        Plot.ruleY([0]),
      ],
    }),
  };
}

export function pAliveGrid({ report, format }: ChartContext): ChartSpec | null {
  const data = series(report, "clv_p_alive");
  if (data.length === 0) return null;
  return {
    id: "clv-p-alive",
    title: "P(alive) by frequency and recency",
    subtitle:
      "The probability that a customer is still active, by repeat purchases (x) and weeks between first and last purchase (y), at the longest customer age.",
    description: "A heatmap of the BG/NBD probability of being alive over frequency and recency.",
    data,
    plot: () => ({
      height: 320,
      x: { label: "Repeat purchases (frequency)", type: "band", tickFormat: (v: number, i: number) => (i % 2 ? "" : String(v)) },
      y: { label: "Recency (weeks)", type: "band", reverse: true, tickFormat: (v: number, i: number) => (i % 4 ? "" : String(Math.round(v))) },
      color: { type: "quantize", n: 6, scheme: SEQUENTIAL, legend: true, label: "P(alive)", percent: true },
      marks: [
        Plot.cell(data, {
          x: "frequency",
          y: "recency_weeks",
          fill: "p_alive",
          title: (d) => `frequency ${d.frequency}, recency ${format.number(d.recency_weeks, 0)} weeks: P(alive) ${format.percent(d.p_alive)}`,
        }),
      ],
    }),
  };
}

export function holdoutChart({ report, format }: ChartContext): ChartSpec | null {
  const rows = series(report, "clv_holdout");
  if (rows.length === 0) return null;
  const data = rows.flatMap((r) => [
    { bucket: r.bucket ?? "", kind: "actual", purchases: r.actual ?? null, customers: r.customers ?? null },
    { bucket: r.bucket ?? "", kind: "predicted", purchases: r.predicted ?? null, customers: r.customers ?? null },
  ]);
  return {
    id: "clv-holdout",
    title: "Holdout check",
    subtitle: "Mean repeat purchases in the holdout, actual against predicted by the model fitted on the calibration period, by calibration-period frequency.",
    description: "Paired bars of actual and predicted holdout purchases per calibration-frequency bucket.",
    data,
    plot: () => ({
      height: 260,
      // Grouped bars: one facet column per bucket, actual and predicted side by side.
      fx: { label: "Repeat purchases in the calibration period", domain: rows.map((r) => r.bucket) },
      x: { axis: null, domain: ["actual", "predicted"] },
      y: { label: "Mean purchases in the holdout", grid: true },
      color: color(["actual", "predicted"]),
      marks: [
        Plot.barY(data, {
          fx: "bucket",
          x: "kind",
          y: "purchases",
          fill: "kind",
          title: (d) => `frequency ${d.bucket}, ${d.kind}: ${format.number(d.purchases, 2)} (${format.number(d.customers, 0)} customers)`,
        }),
        Plot.ruleY([0]),
      ],
    }),
  };
}

export function bandSegments({ report, format }: ChartContext): ChartSpec | null {
  const data = series(report, "clv_band_segments");
  if (data.length === 0) return null;
  const names = segmentDomain(report, [...new Set(data.map((d) => String(d.segment)))]);
  return {
    id: "clv-band-segments",
    title: "Segment mix by CLV band",
    subtitle: "Each CLV quintile band (1 lowest, 5 highest) by k-means segment.",
    description: "Stacked horizontal bars of the share of each segment in each CLV band.",
    data,
    plot: () => ({
      height: 220,
      marginLeft: 60,
      x: { label: "Share of the band (%)", percent: true },
      y: { label: "CLV band", type: "band", domain: ["5", "4", "3", "2", "1"] },
      color: color(names),
      marks: [
        Plot.barX(data, {
          x: "share",
          y: "band",
          fill: "segment",
          title: (d) => `band ${d.band}, ${d.segment}: ${format.percent(d.share)} (${format.number(d.customers, 0)})`,
        }),
      ],
    }),
  };
}
