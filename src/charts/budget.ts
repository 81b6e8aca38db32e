/**
 * Chart specs of the Budget page. Pure: series in, specs out; a chart whose
 * data is absent is not returned.
 */
import * as Plot from "@observablehq/plot";
import { series, truncate, type ChartContext } from "./common.ts";
import type { ChartSpec } from "./spec.ts";
import { PALETTE } from "./theme.ts";

/** Today's and the recommended weekly spend per source, as paired bars. */
export function budgetSplit({ report, format }: ChartContext): ChartSpec | null {
  const rows = series(report, "budget_sources").filter((r) => r.status === "fitted");
  if (rows.length === 0) return null;
  const data = rows.flatMap((r) => [
    { source: r.source, spend_kind: "today", spend: r.current },
    { source: r.source, spend_kind: "recommended", spend: r.recommended },
  ]);
  return {
    id: "budget-split",
    title: "Weekly spend: today and recommended",
    subtitle: "For each source with a fitted curve, today's weekly spend (mean of the last 13 weeks) and the split that maximises the expected outcome.",
    description: "Paired horizontal bars per source: today's weekly spend and the recommended weekly spend.",
    data,
    plot: (width) => ({
      height: 40 + rows.length * 56,
      marginLeft: width < 600 ? 70 : 100,
      marginBottom: 44,
      x: { label: "Weekly spend", grid: true, tickFormat: (v: number) => format.compact(v), labelOffset: 38 },
      y: { label: null, domain: ["today", "recommended"], axis: null },
      fy: { label: null, tickFormat: (s: string) => truncate(s, width < 600 ? 9 : 14) },
      color: { type: "categorical", domain: ["today", "recommended"], range: [PALETTE[6], PALETTE[0]], legend: true },
      marks: [
        Plot.barX(data, {
          fy: "source",
          y: "spend_kind",
          x: "spend",
          fill: "spend_kind",
          title: (d) => `${d.source}, ${d.spend_kind}: ${format.money(d.spend)} per week`,
        }),
        Plot.ruleX([0]),
      ],
    }),
  };
}

/** One source's response curve with its 90% band, the weeks it was fitted on, the seen range, and today's and the recommended spend. */
export function budgetCurve({ report, format }: ChartContext, source: string, index: number, outcome: "revenue" | "buyers"): ChartSpec | null {
  const curve = series(report, "budget_curves").filter((r) => r.source === source);
  const row = series(report, "budget_sources").find((r) => r.source === source);
  if (curve.length === 0 || !row) return null;
  const weeks = series(report, "budget_weeks").filter((r) => r.source === source);
  const show = (v: number | null): string => (outcome === "revenue" ? format.money(v) : format.number(v, 1));
  const marks = [
    { kind: "today", spend: row.current, outcome: row.outcome_current },
    { kind: "recommended", spend: row.recommended, outcome: row.outcome_recommended },
  ];
  const seen = [{ from: row.min_seen, to: row.max_seen }];
  return {
    id: `budget-curve-${index}`,
    title: `${source}: response curve`,
    subtitle: `Expected weekly ${outcome === "revenue" ? "outcome (revenue × margin of new buyers)" : "new buyers"} at a steady weekly spend, with its 90% band; dots are the fitted weeks at the steady spend their adstock is worth; the shaded range is the weekly spend seen, outside it the curve is an extrapolation.`,
    description: `A rising curve of expected weekly outcome against weekly spend for ${source}, a shaded band, dots for weeks, and two vertical rules for today's and the recommended spend.`,
    data: curve,
    plot: () => ({
      height: 270,
      marginBottom: 44,
      x: { label: "Weekly spend", tickFormat: (v: number) => format.compact(v), zero: true, labelOffset: 38 },
      y: { label: outcome === "revenue" ? "Weekly outcome" : "Weekly buyers", grid: true, zero: true, tickFormat: (v: number) => format.compact(v) },
      color: { type: "categorical", domain: ["today", "recommended"], range: [PALETTE[6], PALETTE[0]], legend: true },
      marks: [
        Plot.rectX(seen, { x1: "from", x2: "to", fill: "currentColor", fillOpacity: 0.06 }),
        Plot.areaY(curve, { x: "spend", y1: "lo90", y2: "hi90", fill: PALETTE[0], fillOpacity: 0.2 }),
        Plot.dot(weeks, {
          x: "effective_spend",
          y: "outcome",
          r: 2,
          fill: PALETTE[1],
          fillOpacity: 0.6,
          title: (d) => `week of ${d.period}: spend ${format.money(d.spend)}, worth ${format.money(d.effective_spend)} steady; outcome ${show(d.outcome)}`,
        }),
        Plot.lineY(curve, {
          x: "spend",
          y: "outcome",
          stroke: PALETTE[0],
          strokeWidth: 2,
          title: (d) => `${format.money(d.spend)} a week: ${show(d.outcome)} (90%: ${show(d.lo90)} – ${show(d.hi90)})`,
        }),
        Plot.ruleX(
          marks.filter((m) => m.spend !== null),
          { x: "spend", stroke: "kind", strokeWidth: 2, strokeDasharray: "4 3" },
        ),
        Plot.dot(
          marks.filter((m) => m.spend !== null && m.outcome !== null),
          { x: "spend", y: "outcome", fill: "kind", r: 5, stroke: "white", title: (d) => `${d.kind}: ${format.money(d.spend)} a week → ${show(d.outcome)}` },
        ),
        Plot.ruleY([0]),
      ],
    }),
  };
}
