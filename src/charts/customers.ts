/**
 * Chart specs of the Customers page: cohorts, RFM and k-means segments.
 * Pure: facts and series in, specs out; a chart whose data is absent is not
 * returned.
 */
import * as Plot from "@observablehq/plot";
import { RFM_SEGMENTS, type RfmSegment } from "../analyses/customers/rfm.ts";
import { cohortHeatmap, color, labelLines, segmentDomain, series, type ChartContext } from "./common.ts";
import type { ChartSpec } from "./spec.ts";
import { PALETTE, SEQUENTIAL, textOnSteps } from "./theme.ts";

export const buyerRetention = (ctx: ChartContext): ChartSpec | null =>
  cohortHeatmap(ctx, {
    id: "buyer-retention",
    title: "Buyer retention by cohort",
    subtitle: "Share of each month's new customers who ordered again in a later month (age 0 is 100% by definition and left out).",
    metric: "retention.buyers",
    sizeMetric: "cohort.size",
    label: "Ordering (%)",
    percent: true,
    skipAgeZero: true,
  });

export const revenuePerCustomer = (ctx: ChartContext): ChartSpec | null =>
  cohortHeatmap(ctx, {
    id: "revenue-per-customer",
    title: "Revenue per customer by cohort",
    subtitle: "Each month's revenue alone ÷ the cohort's size, before margin.",
    metric: "revenue.per_customer",
    sizeMetric: "cohort.size",
    label: "Revenue per customer",
    percent: false,
    skipAgeZero: false,
  });

export const activity = (ctx: ChartContext): ChartSpec | null =>
  cohortHeatmap(ctx, {
    id: "activity-by-registration",
    title: "Activity by registration cohort",
    subtitle: "Share of each month's registered customers, buyers or not, who ordered in each later month.",
    metric: "activity",
    sizeMetric: "registration.cohort.size",
    label: "Active (%)",
    percent: true,
    skipAgeZero: false,
  });

/**
 * Each RFM segment's name in lines for a cell of the phone drawing, 67 px
 * wide: two words on two lines, and a word wider than about 55 px at
 * 11 px hyphenated (DejaVu Sans, wider than most phones' fonts, draws
 * "Hibernating" 64 px and "Promising", the widest line kept, 54 px).
 */
const RFM_PHONE_LINES: Readonly<Record<RfmSegment, readonly string[]>> = {
  Champions: ["Cham-", "pions"],
  Loyal: ["Loyal"],
  "Potential loyalist": ["Potential", "loyalist"],
  New: ["New"],
  Promising: ["Promising"],
  "Need attention": ["Need", "attention"],
  "About to sleep": ["About to", "sleep"],
  "At risk": ["At risk"],
  "Can't lose": ["Can't", "lose"],
  Hibernating: ["Hiber-", "nating"],
  Lost: ["Lost"],
};

/** The RFM grid's colour steps. */
const RFM_STEPS = 6;

/** A segment's lines on a phone; a name the table lacks (an older report's) in lines of at most 11 characters. */
const phoneLines = (segment: string): readonly string[] =>
  Object.hasOwn(RFM_PHONE_LINES, segment) ? RFM_PHONE_LINES[segment as RfmSegment] : labelLines(segment, 11);

export function rfmGrid({ report, format }: ChartContext): ChartSpec | null {
  const data = series(report, "rfm_grid");
  if (data.length === 0) return null;
  // Black on the lighter half of the colour steps, white on the darker: one text colour per cell colour.
  const ink = textOnSteps(
    data.map((d) => Number(d.customers)),
    RFM_STEPS,
  );
  return {
    id: "rfm-grid",
    title: "RFM grid",
    subtitle: "Customers by recency score (rows, 5 = most recent) and frequency score (columns); each cell is named by its segment.",
    description: "A 5 × 5 grid of customer counts by R and F score, labelled with the RFM segment name.",
    data,
    plot: (width) => {
      const wide = width >= 600;
      return {
        height: 320,
        // On a phone the recency title stands above the rows, not beside them, and the grid takes the width to the right edge: each column
        // has 67 px for its segment's name (RFM_PHONE_LINES).
        marginLeft: wide ? 40 : 24,
        marginRight: wide ? 20 : 0,
        x: { label: "Frequency score", type: "band", domain: [1, 2, 3, 4, 5] },
        y: { label: "Recency score", type: "band", domain: [5, 4, 3, 2, 1], ...(wide ? {} : { labelAnchor: "top" as const }) },
        color: { type: "quantize", n: RFM_STEPS, scheme: SEQUENTIAL, legend: true, label: "Customers" },
        marks: [
          Plot.cell(data, {
            x: "f",
            y: "r",
            fill: "customers",
            inset: 0.5,
            title: (d) => `R${d.r} F${d.f} · ${d.segment}: ${format.number(d.customers, 0)} customers`,
          }),
          Plot.text(data, {
            x: "f",
            y: "r",
            text: (d) => `${wide ? d.segment : phoneLines(d.segment).join("\n")}\n${format.number(d.customers, 0)}`,
            lineHeight: wide ? 1 : 1.15,
            fill: (d) => ink(Number(d.customers)),
            // The phone drawing is shown about 8% smaller than drawn: 11 px reads at 10.
            fontSize: wide ? 10 : 11,
          }),
        ],
      };
    },
  };
}

export function rfmSegments({ facts, format }: ChartContext): ChartSpec | null {
  const customers = new Map(facts.list("rfm.customers", ["segment"]).map((f) => [f.dims!["segment"]!, f.value ?? 0]));
  const revenue = new Map(facts.list("rfm.revenue", ["segment"]).map((f) => [f.dims!["segment"]!, f.value ?? 0]));
  if (customers.size === 0) return null;
  const totalC = [...customers.values()].reduce((a, b) => a + b, 0);
  const totalR = [...revenue.values()].reduce((a, b) => a + b, 0);
  const data = RFM_SEGMENTS.flatMap((segment) => [
    { segment, measure: "customers", share: totalC ? (customers.get(segment) ?? 0) / totalC : null, value: customers.get(segment) ?? 0 },
    { segment, measure: "revenue", share: totalR ? (revenue.get(segment) ?? 0) / totalR : null, value: revenue.get(segment) ?? 0 },
  ]);
  return {
    id: "rfm-segments",
    title: "RFM segments: customers and revenue",
    subtitle: "Each segment's share of customers and of revenue; where revenue outweighs headcount, customers are worth more than average.",
    description: "Paired horizontal bars of the share of customers and the share of revenue per RFM segment.",
    data,
    plot: () => ({
      marginLeft: 130,
      height: 40 + 30 * RFM_SEGMENTS.length,
      x: { label: "Share (%)", percent: true, grid: true },
      y: { axis: null, domain: ["customers", "revenue"] },
      fy: { label: null, domain: [...RFM_SEGMENTS], padding: 0.15 },
      color: color(["customers", "revenue"]),
      marks: [
        Plot.barX(data, {
          x: "share",
          y: "measure",
          fy: "segment",
          fill: "measure",
          title: (d) =>
            `${d.segment}, ${d.measure}: ${format.percent(d.share)} (${d.measure === "revenue" ? format.money(d.value) : format.number(d.value, 0)})`,
        }),
        Plot.ruleX([0]),
      ],
    }),
  };
}

function kChart(ctx: ChartContext, metric: "segments.silhouette" | "segments.inertia", title: string, subtitle: string, label: string): ChartSpec | null {
  const chosen = ctx.facts.value("segments.k");
  const data = ctx.facts.list(metric, ["k"]).map((f) => ({ k: Number(f.dims!["k"]), value: f.value, chosen: Number(f.dims!["k"]) === chosen ? "yes" : "" }));
  if (data.length === 0 || chosen === undefined) return null;
  return {
    id: metric === "segments.silhouette" ? "k-silhouette" : "k-inertia",
    title,
    subtitle,
    description: `A line of ${label} against the number of clusters k, with the chosen k = ${chosen} marked.`,
    data,
    plot: () => ({
      height: 240,
      x: { label: "Clusters (k)", ticks: data.map((d) => d.k), tickFormat: "d" },
      y: { label, grid: true, zero: metric === "segments.inertia" },
      marks: [
        Plot.ruleX([chosen], { stroke: PALETTE[1], strokeDasharray: "4 3" }),
        Plot.lineY(data, { x: "k", y: "value", stroke: PALETTE[0] }),
        Plot.dot(data, {
          x: "k",
          y: "value",
          fill: (d) => (d.chosen === "yes" ? PALETTE[1] : PALETTE[0]),
          r: (d) => (d.chosen === "yes" ? 6 : 3),
          title: (d) => `k = ${d.k}: ${ctx.format.number(d.value, 3)}${d.chosen === "yes" ? " (chosen)" : ""}`,
        }),
        Plot.text([chosen], { x: (k) => k, frameAnchor: "top", dy: 4, text: (k) => `chosen k = ${k}`, textAnchor: "start", dx: 6 }),
      ],
    }),
  };
}

export const kSilhouette = (ctx: ChartContext): ChartSpec | null =>
  kChart(
    ctx,
    "segments.silhouette",
    "Choosing k: silhouette",
    "Mean silhouette for k = 2 … 8 (higher is better separated); the best k ≥ 3 is chosen unless the config sets one.",
    "Mean silhouette",
  );

export const kInertia = (ctx: ChartContext): ChartSpec | null =>
  kChart(
    ctx,
    "segments.inertia",
    "Choosing k: inertia",
    "Within-cluster sum of squares for k = 2 … 8; the bend of this elbow agrees with a good k.",
    "Inertia",
  );

export function segmentScatter({ report, format }: ChartContext): ChartSpec | null {
  const data = series(report, "segment_points").filter((d) => Number(d.revenue) > 0);
  if (data.length === 0) return null;
  const names = segmentDomain(report);
  return {
    id: "segment-scatter",
    title: "Segments: recency against revenue",
    subtitle: `Each dot is a customer (an even sample of ${format.number(data.length, 0)}), coloured by k-means segment; revenue on a log scale.`,
    description: "A scatter of days since the last order (x) against revenue per customer (y, log scale), coloured by segment.",
    data,
    plot: () => ({
      height: 360,
      x: { label: "Days since last order", grid: true },
      y: { label: "Revenue per customer", type: "log", grid: true, tickFormat: (v: number) => format.compact(v) },
      color: color(names),
      marks: [
        Plot.dot(data, {
          x: "recency_days",
          y: "revenue",
          stroke: "segment",
          r: 2,
          strokeOpacity: 0.7,
          title: (d) => `${d.segment}: ${d.recency_days} days, ${d.orders} orders, ${format.money(d.revenue)}`,
        }),
      ],
    }),
  };
}
