/**
 * Chart specs of the Campaigns and Experiments pages, and the annotation
 * markers every dated chart gets.
 */
import * as Plot from "@observablehq/plot";
import { describe, expect, it } from "vitest";
import { type SeriesRow } from "../../src/analyses/series.ts";
import { channelSegmentHeatmap, liftChart, logTicks, returnVsSpend, weeklyChart } from "../../src/charts/campaigns.ts";
import { labelLines, withAnnotations, type ChartContext } from "../../src/charts/common.ts";
import { dailyUsersChart, posteriorChart } from "../../src/charts/experiments.ts";
import { renderChart } from "../../src/charts/render.ts";
import type { ChartSpec } from "../../src/charts/spec.ts";
import { NARROW, WIDE } from "../../src/charts/theme.ts";
import type { Report } from "../../src/schema/report.ts";
import { FactIndex } from "../../src/facts/index.ts";
import { makeFormatter } from "../../src/words/format.ts";
import { kpiRow, report, row } from "../site/report.ts";

const context = (r: Report): ChartContext => ({ report: r, facts: new FactIndex(r.facts), format: makeFormatter("en-US", "USD") });
const one = { dataset: null, suffix: "" };

describe("channelSegmentHeatmap(ctx, scope)", () => {
  const test = (channel: string, o: Partial<SeriesRow<"campaign_channel_tests">>) =>
    row("campaign_channel_tests", {
      segment: "18-24",
      channel,
      is_best: false,
      clicks: 100,
      conversions: 5,
      cvr: 0.05,
      p_holm: null,
      worse: false,
      view_through: false,
      ...o,
    });
  const r = report({
    series: {
      campaign_channel_tests: [
        test("Email", { is_best: true, cvr: 0.1, conversions: 10 }),
        test("Search", { p_holm: 0.001, worse: true }),
        test("Social", { p_holm: 0.3 }),
        test("TV", { cvr: 1.5, conversions: 150, view_through: true }),
      ],
    },
  });
  const spec = channelSegmentHeatmap(context(r), one)!;

  it("marks the best channel ★, a significant gap after Holm ▼, a view-through cell †, and nothing else", () => {
    expect(spec.data.map((d) => [d.channel, d.mark])).toEqual([
      ["Email", "★"],
      ["Search", "▼"],
      ["Social", ""],
      ["TV", "†"],
    ]);
    const svg = renderChart(spec, WIDE);
    expect(svg).toContain("10% ★");
    expect(svg).toContain("5% ▼");
    // The view-through cell is outlined, not coloured: 3 coloured cells.
    expect(renderChart(spec, NARROW).match(/<rect[^>]*fill="(?!none)[^"]*"/g)!.length).toBeGreaterThanOrEqual(3);
  });

  it("writes a long channel name level in two lines on a desktop, where a column has room, instead of cutting it", () => {
    const eight = ["Affiliate Marketing", "Email Marketing", "Facebook Ads", "Google Ads", "Instagram Ads", "LinkedIn Ads", "TikTok Ads", "YouTube Ads"];
    const wide = renderChart(channelSegmentHeatmap(context(report({ series: { campaign_channel_tests: eight.map((c) => test(c, {})) } })), one)!, WIDE);
    // 880 px less 50 px of segment names and 20 px at the right, over 8 columns: 101 px, 14 characters a line.
    expect(wide).toContain(">Affiliate</tspan>");
    expect(wide).toContain(">Marketing</tspan>");
    expect(wide).not.toContain("…");
    expect(wide).not.toMatch(/rotate\(/);
  });

  it("is null without channel tests", () => {
    expect(channelSegmentHeatmap(context(report({})), one)).toBeNull();
  });
});

describe("returnVsSpend(ctx, scope)", () => {
  const rows = (revenue: boolean, spread: boolean): SeriesRow<"campaign_kpis">[] => [
    kpiRow({ breakdown: "total", clicks: 3000, conversions: 300, spend: 3000, ...(revenue ? { revenue: 6000 } : {}) }),
    ...[1, 2, 3].map((k) =>
      kpiRow({
        breakdown: "campaign",
        campaign: `C${k}`,
        clicks: 1000,
        conversions: 100,
        spend: 1000 * k,
        ...(revenue ? { revenue: spread ? 10 ** k : 1500 * k } : {}),
      }),
    ),
  ];

  it("plots ROAS against spend with the break-even line at 1 and every campaign labelled", () => {
    const spec = returnVsSpend(context(report({ series: { campaign_kpis: rows(true, false) } })), one)!;
    expect(spec.id).toBe("campaign-roas-spend");
    expect(spec.data.map((d) => d.roas)).toEqual([1.5, 1.5, 1.5]);
    const svg = renderChart(spec, WIDE);
    for (const c of ["C1", "C2", "C3"]) expect(svg).toContain(`>${c}<`);
    expect(spec.plot(WIDE).y).toMatchObject({ zero: true });
  });

  it("uses a log axis with 1-2-5 ticks when ROAS spans more than a factor of 20", () => {
    // ROAS 10/1000 = 0.01, 100/2000 = 0.05, 1000/3000 = 0.33.
    const spec = returnVsSpend(context(report({ series: { campaign_kpis: rows(true, true) } })), one)!;
    expect(spec.plot(WIDE).y).toMatchObject({ type: "log", ticks: [0.01, 0.02, 0.05, 0.1, 0.2, 0.5] });
  });

  it("labels crowded campaigns only where a label covers no other label and no dot", () => {
    // 12 campaigns with the same ROAS and nearly the same spend: their labels cannot all fit beside them.
    const crowded = [
      kpiRow({ breakdown: "total", clicks: 12000, conversions: 1200, spend: 12000, revenue: 24000 }),
      ...Array.from({ length: 12 }, (_, k) =>
        kpiRow({ breakdown: "campaign", campaign: `CMP-${100 + k}`, clicks: 1000, conversions: 100, spend: 1000 + 10 * k, revenue: 2000 + 20 * k }),
      ),
    ];
    const svg = renderChart(returnVsSpend(context(report({ series: { campaign_kpis: crowded } })), one)!, WIDE);
    const attr = (attrs: string, name: string): string => new RegExp(`${name}="([^"]*)"`).exec(attrs)![1]!;
    const labels = [...svg.matchAll(/<text ([^>]*)>(CMP-\d+)<\/text>/g)].map((m) => {
      const w = m[2]!.length * 9 * 0.6;
      const x = Number(attr(m[1]!, "x"));
      const y = Number(attr(m[1]!, "y"));
      const left = attr(m[1]!, "text-anchor") === "start" ? x : x - w;
      return { text: m[2]!, left, right: left + w, top: y - 5.5, bottom: y + 5.5 };
    });
    expect(labels.length).toBeGreaterThan(0);
    expect(labels.length).toBeLessThan(12);
    for (const [i, a] of labels.entries())
      for (const b of labels.slice(i + 1))
        expect(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top, `${a.text} × ${b.text}`).toBe(true);
  });

  it("shows cost per conversion against spend, with the overall cost per conversion as reference, without revenue", () => {
    const spec = returnVsSpend(context(report({ series: { campaign_kpis: rows(false, false) } })), one)!;
    expect(spec.id).toBe("campaign-cpa-spend");
    expect(spec.subtitle).toContain("overall cost per conversion ($10.00)");
  });
});

describe("logTicks(values)", () => {
  it("covers the values with 1-2-5 steps and one tick beyond each end", () => {
    expect(logTicks([0.3, 90])).toEqual([0.2, 0.5, 1, 2, 5, 10, 20, 50, 100]);
    expect(logTicks([1.36, 90.5])).toEqual([1, 2, 5, 10, 20, 50, 100]);
  });
});

describe("liftChart(ctx, scope, campaign) and weeklyChart(ctx, scope, metric)", () => {
  const r = report({
    series: {
      campaign_lift: [
        row("campaign_lift", {
          campaign: "CMP-1",
          campaign_name: "Spring",
          kpi: "conversions",
          status: "ok",
          launch: "2025-01-03",
          split_by: "region",
          target: ["North"],
          controls: ["South"],
        }),
      ],
      campaign_lift_points: ["2025-01-01", "2025-01-02", "2025-01-03", "2025-01-04"].map((date, i) => ({
        campaign: "CMP-1",
        date,
        actual: 10 + i,
        predicted: 10,
        lo95: 8,
        hi95: 12,
      })),
      campaign_weekly: Array.from({ length: 9 }, (_, k) => ({
        week: "2025-01-06",
        campaign: `C${k}`,
        spend: 100 * (k + 1),
        conversions: k,
        revenue: null,
      })),
      campaign_summary: [],
    },
  });

  it("draws actual against counterfactual with the launch marked", () => {
    const spec = liftChart(context(r), one, "CMP-1")!;
    expect(spec.title).toBe("Lift of CMP-1 Spring");
    expect(renderChart(spec, WIDE)).toContain("launch 2025-01-03");
    expect(liftChart(context(r), one, "CMP-9")).toBeNull();
  });

  it("keeps the 7 campaigns with the most spend and sums the rest as other", () => {
    const spec = weeklyChart(context(r), one, "spend")!;
    // C8 … C2 spend 900 … 300; C1 and C0 (200 + 100) are other.
    expect(spec.data.map((d) => [d.campaign, d.spend])).toEqual([
      ["C8", 900],
      ["C7", 800],
      ["C6", 700],
      ["C5", 600],
      ["C4", 500],
      ["C3", 400],
      ["C2", 300],
      ["other", 300],
    ]);
  });

  it("shows a long campaign name whole in the legend, and one longer than two phone lines cut with the whole name as its tooltip", () => {
    const whole = "Sponsored Content - Whitepaper"; // "CMP-1 Sponsored Content - Whitepaper": 36 characters.
    const huge = "a".repeat(70); // "CMP-2 aaa…": 76 characters, cut to 59 and "…".
    const named = report({
      series: {
        campaign_weekly: [
          { week: "2025-01-06", campaign: "CMP-1", spend: 200, conversions: 2, revenue: null },
          { week: "2025-01-06", campaign: "CMP-2", spend: 100, conversions: 1, revenue: null },
        ],
        campaign_summary: [
          row("campaign_summary", { campaign: "CMP-1", campaign_name: whole }),
          row("campaign_summary", { campaign: "CMP-2", campaign_name: huge }),
        ],
      },
    });
    for (const width of [WIDE, NARROW]) {
      const swatches = renderChart(weeklyChart(context(named), one, "spend")!, width).match(/<span [^>]*class="[^"]*-swatch"[^>]*>.*?<\/span>/g)!;
      const text = swatches.map((s) => s.replace(/<[^>]*>/g, ""));
      expect(text).toEqual([`CMP-1 ${whole}`, `CMP-2 ${"a".repeat(53)}…`]);
      expect(swatches[0]).not.toContain("title=");
      expect(swatches[1]).toContain(`title="CMP-2 ${huge}"`);
    }
  });
});

describe("experiment charts", () => {
  const r = report({
    series: {
      experiment_variants: [row("experiment_variants", { variant: "control", control: true }), row("experiment_variants", { variant: "treatment" })],
      experiment_posteriors: ["control", "treatment"].flatMap((variant) => [0.1, 0.11, 0.12].map((rate, i) => ({ variant, rate, density: [1, 50, 1][i]! }))),
      experiment_daily: [{ date: "2017-01-02", variant: "control", users: 10, conversions: 1 }],
    },
  });

  it("posteriorChart() overlays the variants' densities instead of stacking them", () => {
    const svg = renderChart(posteriorChart(context(r), one)!, WIDE);
    // Both curves peak at 50: stacked, the second would reach 100 and the axis would show it.
    expect(svg).not.toMatch(/>100</);
    expect(svg).toContain(">50<");
  });

  it("dailyUsersChart() has dates on x", () => {
    expect((dailyUsersChart(context(r), one)!.plot(WIDE).x as { type: string }).type).toBe("utc");
  });
});

describe("withAnnotations(spec, annotations)", () => {
  const dated = (data: { date: string; v: number }[]): ChartSpec => ({
    id: "t",
    title: "t",
    subtitle: "",
    description: "",
    data,
    plot: () => ({ x: { type: "utc" }, marks: [Plot.lineY(data, { x: (d) => new Date(`${d.date}T00:00:00Z`), y: "v" })] }),
  });
  const data = [
    { date: "2025-01-01", v: 1 },
    { date: "2025-01-31", v: 2 },
  ];
  const annotations = [
    { date: "2025-01-15", label: "Price change" },
    { date: "2025-06-01", label: "Outside the chart" },
  ];

  it("draws a marker with its label at each date inside a dated chart's range, and leaves the rest out", () => {
    const svg = renderChart(withAnnotations(dated(data), annotations), WIDE);
    expect(svg).toContain("Price change");
    expect(svg).toContain("<title>2025-01-15: Price change</title>");
    expect(svg).not.toContain("Outside the chart");
  });

  it("does not widen the x domain", () => {
    const ticks = (svg: string): string[] => [...svg.matchAll(/aria-label="x-axis tick label"[\s\S]*?<\/g>/g)].map((m) => m[0]);
    expect(ticks(renderChart(withAnnotations(dated(data), annotations), WIDE))).toEqual(ticks(renderChart(dated(data), WIDE)));
  });

  it("writes a long label on a phone in two lines between words, cut short beyond them, keeping it whole in the tooltip", () => {
    const long = [{ date: "2025-01-15", label: "A very long annotation label that goes on and on" }];
    const svg = renderChart(withAnnotations(dated(data), long), NARROW);
    expect(svg).toContain(">A very long<");
    expect(svg).toContain(">annotation label th…<");
    expect(svg).toContain("<title>2025-01-15: A very long annotation label that goes on and on</title>");
    expect(labelLines("Spring Launch (CMP-107) goes live", 20)).toEqual(["Spring Launch", "(CMP-107) goes live"]);
    expect(labelLines("Spring Launch (CMP-107) goes live", 36)).toEqual(["Spring Launch (CMP-107) goes live"]);
  });

  it("leaves charts without a date axis, and reports without annotations, as they are", () => {
    const band: ChartSpec = { ...dated(data), plot: () => ({ x: { type: "band" }, marks: [Plot.barY(data, { x: "date", y: "v" })] }) };
    expect(renderChart(withAnnotations(band, annotations), WIDE)).not.toContain("Price change");
    const spec = dated(data);
    expect(withAnnotations(spec, undefined)).toBe(spec);
    expect(withAnnotations(spec, [])).toBe(spec);
  });
});
