/**
 * Chart specs of the Campaigns page, one set per campaigns dataset. Pure:
 * series in, specs out; a chart whose data is absent is not returned.
 */
import * as Plot from "@observablehq/plot";
import type { DatasetSeries, SeriesRow } from "../analyses/series.ts";
import { HOLM_ALPHA } from "../analyses/campaigns/compare.ts";
import { color, date, labelLines, series, sparseLabels, truncate, type ChartContext } from "./common.ts";
import type { ChartSpec } from "./spec.ts";
import { OTHER, PALETTE, SEQUENTIAL, TOP_N } from "./theme.ts";
import { topCategories } from "./top.ts";

/** One campaigns dataset: its name (null when the report has only one) and the suffix of its chart ids. */
export interface Scope {
  readonly dataset: string | null;
  readonly suffix: string;
}

/** The rows of a series that belong to the scope's dataset. */
export const scoped = <N extends DatasetSeries>(ctx: ChartContext, name: N, scope: Scope): SeriesRow<N>[] =>
  series(ctx.report, name).filter((r: SeriesRow<DatasetSeries>) => (r.dataset ?? null) === scope.dataset);

/** Where a campaign's lift looks (`target`) or what it compares with (`controls`): "regions North, West"; "" without a split. */
export function places(r: SeriesRow<"campaign_lift">, side: "target" | "controls"): string {
  const list = r[side];
  if (r.split_by === null || list === null) return "";
  return `${r.split_by}${list.length === 1 ? "" : "s"} ${list.join(", ")}`;
}

/** A campaign as "id name", or the id alone when it has no other name. */
export const campaignLabel = (id: unknown, name: unknown): string =>
  name === null || name === undefined || name === id ? String(id) : `${String(id)} ${String(name)}`;

const of = (scope: Scope): string => (scope.dataset === null ? "" : ` (${scope.dataset})`);

/**
 * Conversion rate by channel (x) and segment (y), from the channel tests:
 * ★ marks each segment's best channel, ▼ a channel the analysis found worse
 * than the best (Holm-adjusted p < `HOLM_ALPHA`), † a view-through cell (no proportion,
 * left out of the tests and the colour scale).
 */
export function channelSegmentHeatmap(ctx: ChartContext, scope: Scope): ChartSpec | null {
  const rows = scoped(ctx, "campaign_channel_tests", scope);
  if (rows.length === 0) return null;
  const data = rows.map((r) => ({
    segment: r.segment ?? null,
    channel: r.channel ?? null,
    cvr: r.cvr ?? null,
    clicks: r.clicks ?? null,
    conversions: r.conversions ?? null,
    mark: r.view_through ? "†" : r.is_best ? "★" : r.worse ? "▼" : "",
    p_holm: r.p_holm ?? null,
  }));
  const { format } = ctx;
  const tested = data.filter((d) => d.mark !== "†");
  const values = tested.map((d) => Number(d.cvr));
  const midpoint = (Math.min(...values) + Math.max(...values)) / 2;
  const channels = [...new Set(data.map((d) => String(d.channel)))];
  const segments = [...new Set(data.map((d) => String(d.segment)))];
  const pct = (v: unknown): string => format.percent(v as number | null);
  return {
    id: `campaign-channel-segment${scope.suffix}`,
    title: `Conversion rate by channel and segment${of(scope)}`,
    subtitle: `Conversions ÷ clicks. ★ the segment's best channel; ▼ below the best with Holm-adjusted p < ${HOLM_ALPHA}${data.some((d) => d.mark === "†") ? "; † view-through (conversions exceed clicks: not compared)" : ""}.`,
    description: "A heatmap of conversion rate with channels as columns and segments as rows, the best channel of each segment starred.",
    data,
    plot: (width) => {
      const narrow = width < 600;
      const longest = Math.max(...segments.map((s) => Math.min(s.length, 16)));
      const marginLeft = Math.max(50, longest * 7 + 10);
      // On a desktop a channel's name stands level under its column, in up to two lines, when a column has room for 8 characters a line (7 px each).
      const lineChars = Math.floor((width - marginLeft - 20) / channels.length / 7);
      const level = !narrow && lineChars >= 8;
      return {
        marginLeft,
        marginBottom: narrow ? 90 : 60,
        height: Math.max(180, 36 * segments.length + (narrow ? 110 : 80)),
        x: {
          label: null,
          type: "band",
          domain: channels,
          tickRotate: level ? 0 : narrow ? -45 : -20,
          tickFormat: (c: string) => (level ? labelLines(c, lineChars).join("\n") : truncate(c, narrow ? 12 : 18)),
        },
        y: { label: null, type: "band", domain: segments, tickFormat: (s: string) => truncate(s, 16) },
        color: { type: "quantize", n: 6, scheme: SEQUENTIAL, legend: true, label: "Conversion rate (%)", percent: true },
        marks: [
          Plot.cell(tested, {
            x: "channel",
            y: "segment",
            fill: "cvr",
            inset: 0.5,
            title: (d) =>
              `${d.segment}, ${d.channel}: ${pct(d.cvr)} (${format.number(d.conversions, 0)} of ${format.number(d.clicks, 0)} clicks)${d.mark === "★" ? ", the best" : d.p_holm === null ? "" : `, Holm p ${format.number(d.p_holm, 3)}`}`,
          }),
          Plot.cell(
            data.filter((d) => d.mark === "†"),
            {
              x: "channel",
              y: "segment",
              stroke: "currentColor",
              strokeOpacity: 0.4,
              inset: 2,
              title: (d) => `${d.segment}, ${d.channel}: view-through, ${pct(d.cvr)}`,
            },
          ),
          Plot.text(data, {
            x: "channel",
            y: "segment",
            text: (d) => (narrow ? d.mark : `${pct(d.cvr)}${d.mark ? ` ${d.mark}` : ""}`),
            // cividis runs from dark blue to light yellow: dark text on the light upper half.
            fill: (d) => (d.mark === "†" ? "currentColor" : Number(d.cvr) > midpoint ? "black" : "white"),
            fontSize: narrow ? 13 : 11,
          }),
        ],
      };
    },
  };
}

/** The campaign rows of the KPI table, for the scatter. */
function campaignKpiRows(ctx: ChartContext, scope: Scope): SeriesRow<"campaign_kpis">[] {
  return scoped(ctx, "campaign_kpis", scope).filter((r) => r.breakdown === "campaign");
}

/** The ratio of the largest to the smallest value above which the y axis is logarithmic. */
const LOG_SPAN = 20;

/**
 * Ticks 1, 2, 5, 10, 20, 50 … (and their tenths) covering the values, for a log axis.
 * @example logTicks([0.3, 90]); // => [0.2, 0.5, 1, 2, 5, 10, 20, 50, 100]
 */
export function logTicks(values: readonly number[]): number[] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)) - 1; e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const t = Number((m * 10 ** e).toPrecision(1));
      out.push(t);
    }
  }
  // The ticks inside the values' range, plus one on each side.
  const first = Math.max(0, out.findIndex((t) => t > lo) - 1);
  const after = out.findIndex((t) => t >= hi);
  return out.slice(first, after < 0 ? out.length : after + 1);
}

/** How many points a phone scatter labels: the extremes of each axis. */
const NARROW_LABELS = 3;

/**
 * ROAS (revenue ÷ spend) against spend per campaign, with the break-even
 * line at ROAS 1; without revenue, cost per conversion against spend, with
 * the dataset's overall cost per conversion as the reference. Every point is
 * labelled with its campaign id on a desktop; on a phone the highest and
 * lowest and the biggest spenders only.
 */
export function returnVsSpend(ctx: ChartContext, scope: Scope): ChartSpec | null {
  const rows = campaignKpiRows(ctx, scope);
  if (rows.length === 0) return null;
  const { format } = ctx;
  const roas = rows.some((r) => typeof r.roas === "number");
  const total = scoped(ctx, "campaign_kpis", scope).find((r) => r.breakdown === "total");
  const reference = roas ? 1 : typeof total?.cpa === "number" ? total.cpa : null;
  const key = roas ? "roas" : "cpa";
  const data = rows
    .filter((r) => typeof r[key] === "number")
    .map((r) => ({
      campaign: r.campaign ?? null,
      campaign_name: r.campaign_name ?? null,
      spend: r.spend ?? null,
      conversions: r.conversions ?? null,
      [key]: r[key] ?? null,
    }));
  if (data.length === 0) return null;
  const byValue = [...data].sort((a, b) => Number(a[key]) - Number(b[key]));
  const bySpend = [...data].sort((a, b) => Number(b.spend) - Number(a.spend));
  const labelled = new Set([...byValue.slice(0, NARROW_LABELS), ...byValue.slice(-NARROW_LABELS), ...bySpend.slice(0, NARROW_LABELS)].map((d) => d.campaign));
  const show = (v: unknown): string => (roas ? format.number(v as number | null, 2) : format.money(v as number | null));
  // A log scale when the values span more than a factor of LOG_SPAN (and are all positive), so a few outliers do not flatten the rest.
  const values = data.map((d) => Number(d[key]));
  const log = Math.min(...values) > 0 && Math.max(...values) / Math.min(...values) > LOG_SPAN;
  const ticks = log ? logTicks(values) : [];
  return {
    id: `campaign-${roas ? "roas" : "cpa"}-spend${scope.suffix}`,
    title: roas ? `ROAS against spend${of(scope)}` : `Cost per conversion against spend${of(scope)}`,
    subtitle:
      (roas
        ? "Each campaign's revenue ÷ spend against what it spent; below the dashed line at 1 a campaign returns less than it costs."
        : `The file has no revenue, so each campaign's cost per conversion against what it spent; the dashed line is the overall cost per conversion${reference === null ? "" : ` (${format.money(reference)})`}, lower is better.`) +
      (log ? " The y axis is logarithmic: each step multiplies." : ""),
    description: roas
      ? "A scatter of campaigns by spend (x) and ROAS (y) with a reference line at ROAS 1."
      : "A scatter of campaigns by spend (x) and cost per conversion (y).",
    data,
    plot: (width) => ({
      height: 320,
      marginRight: 40,
      x: { label: `Spend (${ctx.report.currency})`, grid: true, zero: true, tickFormat: (v: number) => format.compact(v) },
      y: {
        label: roas ? "ROAS" : `Cost per conversion (${ctx.report.currency})`,
        grid: true,
        ...(log ? { type: "log" as const, ticks, domain: [ticks[0]!, ticks[ticks.length - 1]!], tickFormat: "~g" } : { zero: true }),
      },
      marks: [
        ...(reference === null ? [] : [Plot.ruleY([reference], { stroke: "currentColor", strokeDasharray: "4 3", strokeOpacity: 0.7 })]),
        Plot.dot(data, {
          x: "spend",
          y: key,
          r: 4,
          fill: PALETTE[0],
          stroke: "currentColor",
          strokeWidth: 0.5,
          title: (d) =>
            `${campaignLabel(d.campaign, d.campaign_name)}: spend ${format.money(d.spend)}, ${roas ? "ROAS" : "cost per conversion"} ${show(d[key])}, ${format.number(d.conversions, 0)} conversions`,
        }),
        // The extremes and the biggest spenders first, then the rest as room allows; on a phone only the first.
        sparseLabels([...bySpend.filter((d) => labelled.has(d.campaign)), ...(width >= 600 ? bySpend.filter((d) => !labelled.has(d.campaign)) : [])], {
          x: (d) => Number(d.spend),
          y: (d) => Number(d[key]),
          text: (d) => String(d.campaign),
          // The phone drawing is shown about 8% smaller than drawn: 11 px reads at 10.
          fontSize: width >= 600 ? 9 : 11,
          points: data,
        }),
      ],
    }),
  };
}

/**
 * One campaign's daily conversions where it runs against the counterfactual
 * from the untouched regions (or channels), with its 95% band, and the
 * launch marked.
 */
export function liftChart(ctx: ChartContext, scope: Scope, campaign: string): ChartSpec | null {
  const data = scoped(ctx, "campaign_lift_points", scope).filter((r) => r.campaign === campaign);
  if (data.length === 0) return null;
  const lift = scoped(ctx, "campaign_lift", scope).find((r) => r.campaign === campaign && r.kpi === "conversions");
  const launch = lift?.launch ?? null;
  const label = campaignLabel(campaign, lift?.campaign_name);
  const { format } = ctx;
  return {
    id: `campaign-lift-${campaign.replace(/[^A-Za-z0-9]+/g, "-")}${scope.suffix}`,
    title: `Lift of ${label}${of(scope)}`,
    subtitle: `Daily conversions in ${(lift && places(lift, "target")) || "its regions"}: actual (solid) against what ${(lift && places(lift, "controls")) || "the others"} predict without the campaign (dashed, with its 95% band); the gap after the launch is the lift.`,
    description: "Lines of actual and counterfactual daily conversions with a shaded 95% band and a vertical launch marker.",
    data,
    plot: () => ({
      height: 280,
      x: { type: "utc", label: null },
      y: { label: "Conversions per day", grid: true, zero: true },
      marks: [
        Plot.areaY(data, { x: (d) => date(d.date), y1: "lo95", y2: "hi95", fill: PALETTE[1], fillOpacity: 0.25 }),
        Plot.lineY(data, { x: (d) => date(d.date), y: "predicted", stroke: PALETTE[1], strokeWidth: 1.5, strokeDasharray: "4 2" }),
        Plot.lineY(data, {
          x: (d) => date(d.date),
          y: "actual",
          stroke: PALETTE[0],
          strokeWidth: 1.5,
          title: (d) =>
            `${d.date}: ${format.number(d.actual, 0)} actual, ${format.number(d.predicted, 1)} predicted (95%: ${format.number(d.lo95, 1)} – ${format.number(d.hi95, 1)})`,
        }),
        ...(launch === null
          ? []
          : [
              Plot.ruleX([date(launch)], { stroke: PALETTE[5], strokeWidth: 1.5 }),
              Plot.text([date(launch)], {
                x: (d) => d,
                frameAnchor: "bottom",
                dy: -4,
                dx: 4,
                textAnchor: "start",
                text: () => `launch ${launch}`,
                fill: PALETTE[5],
                fontSize: 10,
              }),
            ]),
        Plot.ruleY([0]),
      ],
    }),
  };
}

/**
 * Weekly spend or conversions per campaign, stacked; the campaigns with the
 * most spend are shown and the rest summed as "other" (the same campaigns on
 * both charts).
 */
export function weeklyChart(ctx: ChartContext, scope: Scope, metric: "spend" | "conversions"): ChartSpec | null {
  const raw = scoped(ctx, "campaign_weekly", scope);
  if (raw.length === 0) return null;
  const names = new Map(scoped(ctx, "campaign_summary", scope).map((r) => [String(r.campaign), campaignLabel(r.campaign, r.campaign_name)]));
  const spend = new Map<string, number>();
  for (const r of raw) spend.set(String(r.campaign), (spend.get(String(r.campaign)) ?? 0) + Number(r.spend ?? 0));
  // Most spend first; all of them when one more would only make an "other" of one.
  const top = new Set(topCategories(spend, spend.size <= TOP_N + 1 ? spend.size : TOP_N));
  const sums = new Map<string, Record<string, unknown>>();
  for (const r of raw) {
    const id = String(r.campaign);
    const campaign = top.has(id) ? (names.get(id) ?? id) : OTHER;
    const k = `${String(r.week)}|${campaign}`;
    const row = sums.get(k);
    if (row) row[metric] = Number(row[metric]) + Number(r[metric] ?? 0);
    else sums.set(k, { week: r.week ?? null, campaign, [metric]: Number(r[metric] ?? 0) });
  }
  const order = [...[...top].map((id) => names.get(id) ?? id), ...([...sums.values()].some((d) => d.campaign === OTHER) ? [OTHER] : [])];
  // Every campaign in every week (0 where it had no rows), so the stack has no holes.
  const weeks = [...new Set(raw.map((r) => String(r.week)))].sort();
  const data = weeks.flatMap((week) => order.map((campaign) => sums.get(`${week}|${campaign}`) ?? { week, campaign, [metric]: 0 }));
  const { format } = ctx;
  const show = (v: unknown): string => (metric === "spend" ? format.money(v as number) : format.number(v as number, 0));
  return {
    id: `campaign-weekly-${metric}${scope.suffix}`,
    title: metric === "spend" ? `Weekly spend by campaign${of(scope)}` : `Weekly conversions by campaign${of(scope)}`,
    subtitle: `Per ISO week (from its Monday), stacked${order.includes(OTHER) ? `; the ${TOP_N} campaigns with the most spend, the rest as "other"` : ""}; only whole weeks inside the file's dates.`,
    description: `A stacked area chart of weekly ${metric} per campaign.`,
    data,
    plot: () => ({
      height: 300,
      x: { type: "utc", label: null },
      y: {
        label: metric === "spend" ? `Spend per week (${ctx.report.currency})` : "Conversions per week",
        grid: true,
        tickFormat: (v: number) => format.compact(v),
      },
      color: color(order),
      marks: [
        Plot.areaY(data, {
          x: (d) => date(d.week),
          y: metric,
          fill: "campaign",
          order: order,
          title: (d) => `${d.campaign}, week of ${d.week}: ${show(d[metric])}`,
        }),
        Plot.ruleY([0]),
      ],
    }),
  };
}
