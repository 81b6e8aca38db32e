/**
 * The Campaigns page model from small hand-made reports: the KPI tables and
 * their view-through flags, the channel comparison, lifts measured and
 * refused (with their reasons), undated data, several datasets, the
 * recommendations with campaign names, and the page left out without data.
 */
import { describe, expect, it } from "vitest";
import type { SeriesRow } from "../../src/analyses/series.ts";
import type { LIFT_REFUSALS } from "../../src/analyses/campaigns/lift.ts";
import type { Recommendation, Report } from "../../src/schema/report.ts";
import { buildSite } from "../../src/site/model.ts";
import { kpiRow, report, row } from "./report.ts";

const rec = (campaign: string, action: Recommendation["action"], spend: number, dataset?: string): Recommendation => ({
  subject: { campaign, ...(dataset ? { dataset } : {}) },
  action,
  rule: action === "stop" ? "campaign.losing-money" : action === "continue" ? "campaign.on-target" : "campaign.needs-work",
  numbers: { "campaign.spend": spend, "campaign.target_cpa": 12.5 },
  limits: {},
  findings: [],
  confidence: "medium",
  importance: spend,
});

const summary = (campaign: string, name: string, dataset?: string): SeriesRow<"campaign_summary"> => ({
  ...(dataset ? { dataset } : {}),
  campaign,
  campaign_name: name,
  channels: campaign === "CMP-1" ? ["Search"] : ["Social"],
  regions: campaign === "CMP-1" ? ["North"] : ["South"],
  from: "2025-01-01",
  to: "2025-03-31",
});

type RefusalCode = (typeof LIFT_REFUSALS)[number];

const refused = (campaign: string, name: string, code: RefusalCode | null): SeriesRow<"campaign_lift"> =>
  row("campaign_lift", {
    campaign,
    campaign_name: name,
    launch: "2025-01-01",
    launch_from: "first day",
    split_by: "region",
    target: ["North"],
    controls: ["South"],
    kpi: "conversions",
    status: "refused",
    refused: code === null ? null : { code, pre_days: null, needed_days: null },
  });

// CMP-1 Spring: 1,000 clicks, 50 conversions, $500, $2,000 revenue → 5%, $10.00 each, ROAS 4, ROI 300%.
// CMP-2 Promo: 100 clicks, 120 conversions (view-through), $600, $300 revenue → ROAS 0.5.
const kpis = [
  kpiRow({ breakdown: "total", clicks: 1100, conversions: 170, spend: 1100, revenue: 2300, lo: 0.13, hi: 0.17 }),
  kpiRow({ breakdown: "channel", channel: "Search", clicks: 1000, conversions: 50, spend: 500, revenue: 2000, lo: 0.0382, hi: 0.0654, leading: true }),
  kpiRow({ breakdown: "channel", channel: "Social", clicks: 100, conversions: 120, spend: 600, revenue: 300 }),
  kpiRow({
    breakdown: "campaign",
    campaign: "CMP-1",
    name: "Spring",
    clicks: 1000,
    conversions: 50,
    spend: 500,
    revenue: 2000,
    lo: 0.0382,
    hi: 0.0654,
    leading: true,
  }),
  kpiRow({ breakdown: "campaign", campaign: "CMP-2", name: "Promo", clicks: 100, conversions: 120, spend: 600, revenue: 300 }),
];

const dated = (lift: SeriesRow<"campaign_lift">[], points: SeriesRow<"campaign_lift_points">[] = []) =>
  report({
    series: {
      campaign_kpis: kpis,
      campaign_summary: [summary("CMP-1", "Spring"), summary("CMP-2", "Promo")],
      campaign_weekly: [
        { week: "2025-01-06", campaign: "CMP-1", spend: 250, conversions: 25, revenue: 1000 },
        { week: "2025-01-06", campaign: "CMP-2", spend: 300, conversions: 60, revenue: 150 },
        { week: "2025-01-13", campaign: "CMP-1", spend: 250, conversions: 25, revenue: 1000 },
      ],
      campaign_lift: lift,
      campaign_lift_points: points,
      campaign_channel_tests: [],
    },
    recommendations: [rec("CMP-1", "continue", 500), rec("CMP-2", "stop", 600)],
  });

/** The sentence of a no-pre-period refusal of a campaign launched on 2025-01-01, written by hand. */
const NO_PRE = "no pre-period: the campaign launches (2025-01-01) on the first day of the data or before it";

/** One campaigns file with these campaigns, spending 100, 200 … each on 1,000 clicks and 50 conversions. */
const campaignsReport = (ids: readonly string[], recommendations: Recommendation[] = []): Report =>
  report({
    series: {
      campaign_kpis: ids.map((campaign, i) => kpiRow({ breakdown: "campaign", campaign, clicks: 1000, conversions: 50, spend: 100 * (i + 1) })),
      campaign_summary: ids.map((c) => summary(c, c)),
      campaign_channel_tests: [],
    },
    recommendations,
  });

describe("buildSite(report).sections.campaigns", () => {
  it("is null, and the page is not in the navigation, without campaign data", () => {
    const site = buildSite(report({}));
    expect(site.sections.campaigns).toBeNull();
    expect(site.nav.map((n) => n.slug)).not.toContain("campaigns");
  });

  it("comes after the analysis pages and before Recommendations in the navigation", () => {
    const slugs = buildSite(dated([refused("CMP-1", "Spring", "no-pre-period")])).nav.map((n) => n.slug);
    expect(slugs.indexOf("campaigns")).toBe(slugs.indexOf("recommendations") - 1);
  });

  it("tabulates each campaign with its name and rates, and flags a view-through row instead of an interval", () => {
    const section = buildSite(dated([refused("CMP-1", "Spring", "no-pre-period")])).sections.campaigns!.sections[0]!;
    expect(section.dataset).toBeNull();
    const t = section.campaigns!.table;
    // Most spend first: Promo ($600), then Spring ($500). Each campaign runs in its own channel and region, so where it runs is shown.
    expect(t.columns.slice(0, 4)).toEqual(["campaign", "action", "runs in", "clicks"]);
    const spring = t.rows.find((r) => r[0] === "CMP-1 Spring")!;
    const at = (row: readonly string[], column: string): string => row[t.columns.indexOf(column)]!;
    expect(at(spring, "runs in")).toBe("Search; North");
    expect(at(spring, "action")).toBe("continue");
    expect(at(spring, "conv. rate")).toBe("5%");
    expect(at(spring, "95% interval")).toBe("3.82–6.54%");
    expect(at(spring, "CPA")).toBe("$10.00");
    expect(at(spring, "ROAS")).toBe("4");
    expect(at(spring, "ROI")).toBe("300%");
    const promo = t.rows[0]!;
    expect(promo[0]).toBe("CMP-2 Promo");
    expect(at(promo, "conv. rate")).toBe("120% †");
    expect(at(promo, "95% interval")).toBe("none: view-through †");
    expect(section.viewThrough).toContain("more conversions than clicks");
    // The stopped campaign's row stands out.
    expect(section.campaigns!.emphasis).toEqual([true, false]);
  });

  it("says plainly that no lift was measured, with each refused campaign under its reason, and draws no lift chart", () => {
    const other =
      "no control series: the campaign runs in every region and channel of the data, so nothing untouched can stand in for what would have happened";
    const section = buildSite(dated([refused("CMP-1", "Spring", "no-pre-period"), refused("CMP-2", "Promo", "runs-everywhere")])).sections.campaigns!
      .sections[0]!;
    const lift = section.lift!;
    expect(lift.allRefused).toBe(true);
    // Reasons by campaigns refused, ties in code-unit order.
    expect(lift.summary).toBe(`No lift is shown: none of the 2 campaigns could be measured. Reasons: ${other}, for 1; ${NO_PRE}, for 1.`);
    expect(lift.refused).toEqual([
      { reason: NO_PRE, campaigns: ["CMP-1 Spring"] },
      { reason: other, campaigns: ["CMP-2 Promo"] },
    ]);
    expect(lift.measured).toBeNull();
    expect(lift.charts).toEqual([]);
  });

  it("names one shared reason in the reading when every campaign was refused for it", () => {
    const section = buildSite(dated([refused("CMP-1", "Spring", "no-pre-period"), refused("CMP-2", "Promo", "no-pre-period")])).sections.campaigns!
      .sections[0]!;
    expect(section.reading).toContain(`No lift is shown: none of the 2 campaigns could be measured. Reason: ${NO_PRE}, for all 2.`);
  });

  it("tabulates and charts a measured lift beside the refused ones", () => {
    const ok: SeriesRow<"campaign_lift"> = {
      ...refused("CMP-1", "Spring", null),
      launch: "2025-02-01",
      launch_from: "annotation",
      status: "ok",
      average: 6.5,
      lo95: -0.25,
      hi95: 13,
      cumulative: 390,
      cum_lo95: -15,
      cum_hi95: 780,
      relative: 0.25,
      r2: 0.8,
      placebo_passed: true,
      did: null,
    };
    const points = ["2025-01-31", "2025-02-01", "2025-02-02"].map((date, i) => ({ campaign: "CMP-1", date, actual: 10 + i, predicted: 10, lo95: 8, hi95: 12 }));
    // The same campaign's revenue lift, in money.
    const revenue: SeriesRow<"campaign_lift"> = {
      ...ok,
      kpi: "revenue",
      average: 2458.4,
      lo95: -40,
      hi95: 2659,
      cumulative: 191697,
      cum_lo95: 174758,
      cum_hi95: 207425,
    };
    const section = buildSite(dated([ok, revenue, refused("CMP-2", "Promo", "no-pre-period")], points)).sections.campaigns!.sections[0]!;
    const lift = section.lift!;
    expect(lift.allRefused).toBe(false);
    expect(lift.measured!.table.rows[1]!.slice(3, 5)).toEqual(["+$2,458 (−$40 to +$2,659)", "+$191,697 (+$174,758 to +$207,425)"]);
    expect(lift.summary).toBe(
      `A lift is measured for 1 of 2 campaigns: CMP-1 Spring: +6.5 conversions a day (95%: −0.25 to +13). The others are refused. Reason: ${NO_PRE}, for 1.`,
    );
    const row = lift.measured!.table.rows[0]!;
    expect(row.slice(0, 8)).toEqual([
      "CMP-1 Spring",
      "conversions",
      "2025-02-01 (annotated), region North",
      "+6.5 (−0.25 to +13)",
      "+390 (−15 to +780)",
      "+25%",
      "0.8",
      "passed",
    ]);
    expect(lift.charts.map((c) => c.id)).toEqual(["campaign-lift-CMP-1"]);
    expect(lift.charts[0]!.svgWide).toContain("launch 2025-02-01");
  });

  it("reads which channel and campaign lead, and which campaigns to stop and continue", () => {
    const section = buildSite(dated([refused("CMP-1", "Spring", "no-pre-period")])).sections.campaigns!.sections[0]!;
    expect(section.reading.slice(0, 3)).toEqual([
      "2 campaigns spent $1,100.00 for 170 conversions: $6.47 each, ROAS 2.09, converting 15.5% of clicks.",
      "By ROAS, the leading channel is Search (ROAS 4), and the leading campaign is CMP-1 Spring (ROAS 4).",
      "Recommended: stop CMP-2 Promo; continue CMP-1 Spring.",
    ]);
  });

  it("shows each campaign recommendation with the campaign's name beside its id, and the target CPA as money", () => {
    const site = buildSite(dated([refused("CMP-1", "Spring", "no-pre-period")]));
    const section = site.sections.campaigns!.sections[0]!;
    expect(section.recommendations.map((r) => [r.subject, r.action])).toEqual([["CMP-2 Promo", "stop"]]);
    expect(section.recommendations[0]!.numbers.find((n) => n.label === "Target cost per conversion")!.value).toBe("$12.50");
    // The campaign kept as it is is one click away.
    expect(section.asIs!.cards.map((r) => [r.subject, r.action])).toEqual([["CMP-1 Spring", "continue"]]);
    const page = site.sections.recommendations!;
    expect([...page.cards, ...(page.asIs?.cards ?? [])].map((r) => r.subject)).toContain("CMP-1 Spring");
  });

  it("shows the recommendations that ask for a change first, most urgent first, and folds those that keep a campaign as it is under their counts", () => {
    const ids = ["CMP-1", "CMP-2", "CMP-3", "CMP-4", "CMP-5"];
    const site = buildSite(
      campaignsReport(ids, [
        // By importance: continue (500), optimize (400), insufficient data (300), stop (200), continue (100).
        rec("CMP-5", "continue", 500),
        rec("CMP-4", "optimize", 400),
        rec("CMP-3", "insufficient data", 300),
        rec("CMP-2", "stop", 200),
        rec("CMP-1", "continue", 100),
      ]),
    );
    const section = site.sections.campaigns!.sections[0]!;
    expect(section.recommendations.map((r) => r.key.campaign)).toEqual(["CMP-2", "CMP-4"]);
    expect(section.asIs!.cards.map((r) => r.key.campaign)).toEqual(["CMP-5", "CMP-3", "CMP-1"]);
    expect(section.asIs!.summary).toBe("3 more campaigns: 2 to continue, 1 with too little data to judge");
    // Five campaigns fit a phone: the table is not folded.
    expect(section.campaigns!.fold).toBeUndefined();
  });

  it("folds every recommendation when none asks for a change, without saying 'more'", () => {
    const section = buildSite(
      report({
        series: { campaign_kpis: kpis, campaign_summary: [summary("CMP-1", "Spring"), summary("CMP-2", "Promo")], campaign_channel_tests: [] },
        recommendations: [rec("CMP-1", "continue", 500), rec("CMP-2", "continue", 600)],
      }),
    ).sections.campaigns!.sections[0]!;
    expect(section.recommendations).toEqual([]);
    expect(section.asIs!.summary).toBe("2 campaigns to continue");
  });

  it("shows a phone the 8 campaigns with the most spend and folds the others, which a desktop shows", () => {
    const ids = Array.from({ length: 11 }, (_, i) => `CMP-${i + 1}`);
    const section = buildSite(campaignsReport(ids)).sections.campaigns!.sections[0]!;
    const campaigns = section.campaigns!;
    expect(campaigns.table.rows).toHaveLength(11);
    expect(campaigns.table.rows.slice(0, 8).map((r) => r[0])).toEqual(["CMP-11", "CMP-10", "CMP-9", "CMP-8", "CMP-7", "CMP-6", "CMP-5", "CMP-4"]);
    expect(campaigns.fold).toEqual({ rows: 8, summary: "3 more campaigns, with less spend" });
  });

  it("draws weekly spend and conversions for dated data, with every campaign in every week", () => {
    const section = buildSite(dated([refused("CMP-1", "Spring", "no-pre-period")])).sections.campaigns!.sections[0]!;
    expect(section.weekly.map((c) => c.id)).toEqual(["campaign-weekly-spend", "campaign-weekly-conversions"]);
    const site = buildSite(dated([refused("CMP-1", "Spring", "no-pre-period")]));
    // Most spend first (Spring $500, Promo $300); Promo has no row in the week of 2025-01-13: it is there with 0, so the stack has no hole.
    expect(site.downloads.get("campaign-weekly-spend")).toBe(
      "week,campaign,spend\n2025-01-06,CMP-1 Spring,250\n2025-01-06,CMP-2 Promo,300\n2025-01-13,CMP-1 Spring,250\n2025-01-13,CMP-2 Promo,0",
    );
  });

  it("groups several datasets into sections, says undated data shows totals only, and keeps chart ids apart", () => {
    const a = "a.csv";
    const b = "b.csv";
    const r = report({
      series: {
        campaign_kpis: [
          kpiRow({ breakdown: "total", dataset: a, clicks: 100, conversions: 10, spend: 50 }),
          kpiRow({ breakdown: "campaign", dataset: a, campaign: "1178", clicks: 100, conversions: 10, spend: 50 }),
          kpiRow({ breakdown: "total", dataset: b, clicks: 1000, conversions: 50, spend: 500, revenue: 2000 }),
          kpiRow({ breakdown: "campaign", dataset: b, campaign: "CMP-1", name: "Spring", clicks: 1000, conversions: 50, spend: 500, revenue: 2000 }),
        ],
        campaign_summary: [summary("1178", "1178", a), summary("CMP-1", "Spring", b)],
        campaign_weekly: [{ dataset: b, week: "2025-01-06", campaign: "CMP-1", spend: 500, conversions: 50, revenue: 2000 }],
        campaign_lift: [{ ...refused("CMP-1", "Spring", "no-pre-period"), dataset: b }],
      },
      warnings: [{ code: "campaigns.undated", values: {}, dims: { dataset: a } }],
      recommendations: [rec("1178", "optimize", 50, a), rec("CMP-1", "continue", 500, b)],
    });
    const site = buildSite(r);
    const [first, second] = site.sections.campaigns!.sections;
    expect([first!.dataset, second!.dataset]).toEqual([a, b]);
    expect(first!.notes).toEqual(["No dates in this file: it gives totals only, with no weekly charts, trend or lift."]);
    expect(first!.lift).toBeNull();
    expect(first!.weekly).toEqual([]);
    // Without revenue the scatter is cost per conversion against spend.
    expect(first!.ret!.id).toBe("campaign-cpa-spend-1");
    expect(second!.ret!.id).toBe("campaign-roas-spend-2");
    expect(second!.weekly.map((c) => c.id)).toEqual(["campaign-weekly-spend-2", "campaign-weekly-conversions-2"]);
    expect(first!.recommendations.map((x) => x.subject)).toEqual([`1178, ${a}`]);
    expect(second!.asIs!.cards.map((x) => x.subject)).toEqual([`CMP-1 Spring, ${b}`]);
    expect(first!.formulas).toContain("no revenue, so no ROAS or ROI");
    expect(first!.campaigns!.table.columns).not.toContain("ROAS");
  });

  it("tabulates the channel comparison with the best channel emphasised and significance after Holm", () => {
    const test = (channel: string, best: boolean, pHolm: number | null): SeriesRow<"campaign_channel_tests"> => ({
      segment: "18-24",
      channel,
      best: "Email",
      is_best: best,
      clicks: 1000,
      conversions: best ? 100 : 50,
      cvr: best ? 0.1 : 0.05,
      z: best ? null : -4.2,
      p_value: pHolm === null ? null : pHolm / 2,
      p_holm: pHolm,
      p_best: best ? 0.99 : 0.01,
      p_beats_best: best ? null : 0.0001,
      expected_loss: best ? 0 : 0.0512,
      cred_lo95: 0.04,
      cred_hi95: 0.06,
      worse: pHolm !== null && pHolm < 0.05,
      view_through: false,
    });
    const r = dated([refused("CMP-1", "Spring", "no-pre-period")]);
    r.series.campaign_channel_tests = [test("Email", true, null), test("Search", false, 0.0004), test("Social", false, 0.2)];
    const section = buildSite(r).sections.campaigns!.sections[0]!;
    const c = section.comparison!;
    expect(c.emphasis).toEqual([true, false, false]);
    expect(c.head).toBe(2);
    expect(c.table.rows.map((row) => row.slice(0, 3))).toEqual([
      ["18-24", "Email", "best in segment"],
      ["18-24", "Search", "below the best"],
      ["18-24", "Social", "not shown worse"],
    ]);
    expect(c.table.rows[1]!.slice(6)).toEqual(["< 0.001", "< 0.001", "1%", "0%", "5.1 pts"]);
    expect(section.heatmap!.svgWide).toContain("★");
  });
});
