/**
 * The Campaigns page as data, one section per campaigns dataset: a short
 * reading, tiles, the KPI tables with Wilson intervals, the channel ×
 * segment comparison, return against spend, each campaign's lift (or why
 * none was measured), weekly spend and conversions, and the campaign
 * recommendations. Everything a component shows is decided here.
 */
import type { SiteContext } from "./context.ts";
import { type SeriesRow } from "../analyses/series.ts";
import * as charts from "../charts/campaigns.ts";
import type { ChartSpec } from "../charts/spec.ts";
import { pValue } from "./customers.ts";
import { byUrgency, keepsAsIs } from "./recommendations.ts";
import type { Formatter } from "../words/format.ts";
import { warningText } from "../words/warnings.ts";
import type { CardTableView, Chart, Kpi, RecommendationView, Table } from "./views.ts";

export interface LiftView {
  /** One plain sentence: how many campaigns have a lift, and why the others have none. */
  readonly summary: string;
  /** True when no campaign has a lift. */
  readonly allRefused: boolean;
  /** The measured lifts per campaign and KPI; null when none was measured. */
  readonly measured: CardTableView | null;
  /** The refused campaigns grouped by reason: "CMP-1 Name", with " (revenue)" when only some KPIs were refused. */
  readonly refused: readonly { readonly reason: string; readonly campaigns: readonly string[] }[];
  readonly charts: readonly Chart[];
}

export interface CampaignSection {
  /** The dataset's name, or null when the report has one campaigns dataset. */
  readonly dataset: string | null;
  readonly anchor: string;
  readonly reading: readonly string[];
  readonly kpis: readonly Kpi[];
  /** Things the reader must know about this data (no dates, view-through rows). */
  readonly notes: readonly string[];
  /** How the KPI columns are computed. */
  readonly formulas: string;
  readonly channels: CardTableView | null;
  readonly campaigns: CardTableView | null;
  /** Region, segment and device tables, where the file has those columns. */
  readonly breakdowns: readonly Table[];
  /** The footnote for † (view-through) rows; null when no row has one. */
  readonly viewThrough: string | null;
  readonly heatmap: Chart | null;
  readonly comparison: CardTableView | null;
  readonly ret: Chart | null;
  /** null for undated data (the notes say why). */
  readonly lift: LiftView | null;
  readonly weekly: readonly Chart[];
  /** The recommendations that ask for a change (stop, optimize), most urgent first. */
  readonly recommendations: readonly RecommendationView[];
  /**
   * The recommendations that keep a campaign as it is (continue, too little
   * data to judge), folded under `summary`: "20 more campaigns to continue";
   * null without any.
   */
  readonly asIs: { readonly summary: string; readonly cards: readonly RecommendationView[] } | null;
}

export interface CampaignsPage {
  readonly sections: readonly CampaignSection[];
}

type KpiRow = SeriesRow<"campaign_kpis">;
type LiftRow = SeriesRow<"campaign_lift">;
const VIEW_THROUGH = "†";
/** The reading names up to this many campaigns per action. */
const LISTED = 4;
/** A phone shows this many campaign cards, the largest spenders (about two screens); the others are one click away. */
const PHONE_CAMPAIGNS = 8;
/** How the folded recommendations' summary names each action that keeps a campaign as it is. */
const AS_IS: Readonly<Record<string, string>> = { continue: "to continue", keep: "to keep", "insufficient data": "with too little data to judge" };

/** A KPI table's breakdowns besides channel and campaign, with their column header. */
const MORE_BREAKDOWNS = [
  ["region", "region"],
  ["segment", "segment"],
  ["device", "device"],
] as const;

/**
 * null without campaign data. `recommendations` are the report's, already
 * as views (with their raw subject in `key`), most important first.
 */
export function campaignsPage({ report, fmt, charts: ctx, pieces, recommendations }: SiteContext): CampaignsPage | null {
  const kpiRows = report.series.campaign_kpis ?? [];
  if (kpiRows.length === 0) return null;
  const datasets = [...new Set(kpiRows.map((r) => (r.dataset === undefined ? null : r.dataset)))];
  const rate = fmt.rate;
  // "6.31–6.87%": the low end without its percent sign, to keep the column narrow.
  const interval = (lo: number | null, hi: number | null): string =>
    lo === null || hi === null ? fmt.number(null) : `${fmt.significant(lo * 100, 3)}–${rate(hi)}`;
  // Expected losses in percentage points, two significant digits (they are often tiny).
  const points = (v: number | null): string => (v === null ? fmt.number(null) : `${fmt.significant(v * 100, 2)} pts`);
  /** A signed number; with `money`, in the currency ("+$2,458"). */
  const signed = (v: number | null, digits: number, money = false): string => {
    if (v === null) return fmt.number(null);
    const digitsText = fmt.number(Math.abs(v), digits);
    return `${v > 0 ? "+" : v < 0 ? "−" : ""}${money ? fmt.inCurrency(digitsText) : digitsText}`;
  };

  const sections = datasets.map((dataset, index): CampaignSection => {
    const scope: charts.Scope = { dataset, suffix: datasets.length > 1 ? `-${index + 1}` : "" };
    const kpis = charts.scoped(ctx, "campaign_kpis", scope);
    const by = (breakdown: string): KpiRow[] => kpis.filter((r) => r.breakdown === breakdown);
    const total = by("total")[0];
    const hasRevenue = kpis.some((r) => r.roas !== null);
    const dims = dataset === null ? undefined : { dataset };
    const idPart = scope.suffix;
    const recs = recommendations.filter((r) => r.key.campaign !== undefined && (r.key.dataset ?? null) === dataset);
    const actionOf = new Map(recs.map((r) => [r.key.campaign!, r.action]));
    const summary = new Map(charts.scoped(ctx, "campaign_summary", scope).map((r) => [r.campaign, r]));
    const nameOf = (id: string | null): string => (id === null ? "" : charts.campaignLabel(id, summary.get(id)?.campaign_name));

    // The KPI tables: the same metric columns after the group's own.
    const metricColumns = ["clicks", "conversions", "spend", "CTR", "CPC", "conv. rate", "95% interval", "CPA", ...(hasRevenue ? ["ROAS", "ROI"] : [])];
    const metricCells = (r: KpiRow): string[] => {
      const vt = r.view_through;
      return [
        fmt.number(r.clicks, 0),
        fmt.number(r.conversions, 0),
        fmt.money(r.spend),
        rate(r.ctr),
        fmt.money(r.cpc),
        `${rate(r.cvr)}${vt ? ` ${VIEW_THROUGH}` : ""}`,
        vt ? `none: view-through ${VIEW_THROUGH}` : interval(r.cvr_lo95, r.cvr_hi95),
        fmt.money(r.cpa),
        ...(hasRevenue ? [fmt.number(r.roas, 2), fmt.percent(r.roi)] : []),
      ];
    };
    const metricNumeric = metricColumns.map(() => true);
    const kpiTable = (id: string, caption: string, lead: string[], leadRows: (r: KpiRow) => string[], data: KpiRow[]): Table =>
      pieces.table({
        id: `campaign-kpis-${id}${idPart}`,
        caption,
        columns: [...lead, ...metricColumns],
        numeric: [...lead.map(() => false), ...metricNumeric],
        rows: data.map((r) => [...leadRows(r), ...metricCells(r)]),
      });
    const bySpend = (a: KpiRow, b: KpiRow): number => b.spend - a.spend;
    const channelRows = by("channel").sort(bySpend);
    const campaignRows = by("campaign").sort(bySpend);
    const channels = channelRows.length
      ? {
          table: kpiTable("channel", "By channel, most spend first", ["channel"], (r) => [r.channel ?? ""], channelRows),
          emphasis: channelRows.map(() => false),
        }
      : null;
    // A where-column only when it tells campaigns apart (not when each runs everywhere).
    const varies = (key: "channels" | "regions"): boolean => new Set([...summary.values()].map((x) => x[key]?.join(", ") ?? null)).size > 1;
    const hasChannels = varies("channels");
    const hasRegions = varies("regions");
    const campaigns = campaignRows.length
      ? {
          table: kpiTable(
            "campaign",
            "By campaign, most spend first; the action is the campaign's recommendation below",
            ["campaign", "action", ...(hasChannels || hasRegions ? ["runs in"] : [])],
            (r) => {
              const s = r.campaign === null ? undefined : summary.get(r.campaign);
              // One column for where it runs, "Search; East, West", so the table fits a desktop.
              const where = [hasChannels ? s?.channels : null, hasRegions ? s?.regions : null]
                .filter((x) => x !== null && x !== undefined && x.length > 0)
                .map((x) => x!.join(", "))
                .join("; ");
              return [nameOf(r.campaign), (r.campaign !== null && actionOf.get(r.campaign)) || "", ...(hasChannels || hasRegions ? [where] : [])];
            },
            campaignRows,
          ),
          emphasis: campaignRows.map((r) => r.campaign !== null && actionOf.get(r.campaign) === "stop"),
          ...(campaignRows.length > PHONE_CAMPAIGNS
            ? { fold: { rows: PHONE_CAMPAIGNS, summary: `${campaignRows.length - PHONE_CAMPAIGNS} more campaigns, with less spend` } }
            : {}),
        }
      : null;
    const breakdowns = MORE_BREAKDOWNS.filter(([b]) => by(b).length > 0).map(([b, header]) =>
      kpiTable(b, `By ${header}, most spend first`, [header], (r) => [r[b] ?? ""], by(b).sort(bySpend)),
    );
    const viewThroughRows = kpis.filter((r) => r.view_through).length;
    const viewThrough = viewThroughRows
      ? `${VIEW_THROUGH} View-through: the group has more conversions than clicks, so its conversion rate is no proportion and has no interval (and it is left out of the channel tests).`
      : null;

    // The channel × segment comparison.
    const tests = charts.scoped(ctx, "campaign_channel_tests", scope);
    const verdict = (r: SeriesRow<"campaign_channel_tests">): string =>
      r.view_through ? "view-through: not compared" : r.is_best ? "best in segment" : r.worse ? "below the best" : "not shown worse";
    const comparison = tests.length
      ? {
          table: pieces.table({
            id: `campaign-channel-tests${idPart}`,
            caption: "Each channel against its segment's best: z-test p (Holm-adjusted within the segment) and Beta(1, 1) posteriors",
            columns: ["segment", "channel", "verdict", "conv. rate", "95% credible", "clicks", "p", "Holm p", "P(best)", "P(beats best)", "expected loss"],
            numeric: [false, false, false, true, true, true, true, true, true, true, true],
            rows: tests.map((r) => [
              r.segment,
              r.channel,
              verdict(r),
              rate(r.cvr),
              interval(r.cred_lo95, r.cred_hi95),
              fmt.number(r.clicks, 0),
              pValue(r.p_value, fmt),
              pValue(r.p_holm, fmt),
              fmt.percent(r.p_best),
              fmt.percent(r.p_beats_best),
              points(r.expected_loss),
            ]),
          }),
          emphasis: tests.map((r) => r.is_best),
          head: 2,
        }
      : null;

    // Lift.
    const liftRows = charts.scoped(ctx, "campaign_lift", scope);
    const dated = charts.scoped(ctx, "campaign_weekly", scope).length > 0 || liftRows.length > 0;
    const okCampaigns = [...new Set(liftRows.filter((r) => r.status === "ok").map((r) => r.campaign))];
    const refusedCampaigns = [...new Set(liftRows.filter((r) => r.status === "refused" && !okCampaigns.includes(r.campaign)).map((r) => r.campaign))];
    const reasons = new Map<string, number>();
    for (const c of refusedCampaigns) {
      const reason = liftReason(
        liftRows.find((r) => r.campaign === c && r.status === "refused")!,
        fmt,
      );
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    const reasonText = [...reasons]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([r, n]) => `${r}, for ${n === refusedCampaigns.length && n > 1 ? `all ${n}` : n}`)
      .join("; ");
    const because = `${reasons.size === 1 ? "Reason" : "Reasons"}: ${reasonText}.`;
    const campaignCount = new Set(liftRows.map((r) => r.campaign)).size;
    const found = liftRows
      .filter((r) => r.status === "ok" && r.kpi === "conversions")
      .slice(0, LISTED)
      .map((r) => `${nameOf(r.campaign)}: ${signed(r.average, 2)} conversions a day (95%: ${signed(r.lo95, 2)} to ${signed(r.hi95, 2)})`);
    const liftSummary =
      okCampaigns.length === 0
        ? `No lift is shown: none of the ${campaignCount} campaigns could be measured. ${because}`
        : `A lift is measured for ${okCampaigns.length} of ${campaignCount} campaign${campaignCount === 1 ? "" : "s"}${found.length ? `: ${found.join("; ")}` : ""}.${refusedCampaigns.length ? ` The others are refused. ${because}` : ""}`;
    // The reading's line: the lift section gives every reason; here one reason is short enough to say.
    const liftReading =
      okCampaigns.length === 0 && reasons.size > 1
        ? `No lift could be measured for any of the ${campaignCount} campaigns (the Lift section says why).`
        : okCampaigns.length > 0
          ? `A lift is measured for ${okCampaigns.length} of ${campaignCount} campaign${campaignCount === 1 ? "" : "s"}${found.length ? `: ${found.join("; ")}` : ""}.`
          : liftSummary;
    const liftCell = (v: number | null, lo: number | null, hi: number | null, digits: number, money = false): string =>
      v === null ? fmt.number(null) : `${signed(v, digits, money)} (${signed(lo, digits, money)} to ${signed(hi, digits, money)})`;
    const measuredRows = liftRows.filter((r) => r.status === "ok");
    const liftTable = (data: LiftRow[]): Table => {
      // Revenue lifts in money units without cents; conversions with two decimals per day.
      const digits = (r: LiftRow): number => (r.kpi === "revenue" ? 0 : 2);
      const withDid = data.some((r) => r.did !== null);
      const withNote = data.some((r) => r.placebo_refused !== null);
      return pieces.table({
        id: `campaign-lift${idPart}`,
        caption:
          "Measured lifts: mean daily actual − counterfactual after the launch, with bootstrap 95% intervals; the placebo repeats the fit before the launch and should find nothing",
        columns: [
          "campaign",
          "KPI",
          "launch, where",
          "lift per day (95%)",
          "cumulative (95%)",
          "relative",
          "pre-period R²",
          "placebo",
          ...(withDid ? ["diff-in-diff (95%)"] : []),
          ...(withNote ? ["note"] : []),
        ],
        numeric: [false, false, false, true, true, true, true, false, ...(withDid ? [true] : []), ...(withNote ? [false] : [])],
        rows: data.map((r) => [
          nameOf(r.campaign),
          r.kpi,
          `${r.launch ?? ""}${r.launch_from === "annotation" ? " (annotated)" : ""}, ${charts.places(r, "target")}`,
          liftCell(r.average, r.lo95, r.hi95, digits(r), r.kpi === "revenue"),
          liftCell(r.cumulative, r.cum_lo95, r.cum_hi95, 0, r.kpi === "revenue"),
          r.relative === null ? fmt.number(null) : `${r.relative > 0 ? "+" : r.relative < 0 ? "−" : ""}${fmt.percent(Math.abs(r.relative))}`,
          fmt.number(r.r2, 2),
          r.placebo_passed === true ? "passed" : r.placebo_passed === false ? "failed: a lift where there was none" : "",
          ...(withDid ? [liftCell(r.did, r.did_lo95, r.did_hi95, digits(r), r.kpi === "revenue")] : []),
          ...(withNote ? [placeboNote(r, fmt)] : []),
        ]),
      });
    };
    const refusedBy = new Map<string, Map<string, string[]>>();
    for (const r of liftRows.filter((x) => x.status === "refused")) {
      const reason = liftReason(r, fmt);
      let byCampaign = refusedBy.get(reason);
      if (!byCampaign) refusedBy.set(reason, (byCampaign = new Map()));
      const kpis = byCampaign.get(r.campaign) ?? [];
      byCampaign.set(r.campaign, [...kpis, r.kpi]);
    }
    const lift: LiftView | null =
      dated && liftRows.length
        ? {
            summary: liftSummary,
            allRefused: okCampaigns.length === 0,
            measured: measuredRows.length
              ? {
                  table: liftTable(measuredRows),
                  emphasis: measuredRows.map(() => false),
                }
              : null,
            refused: [...refusedBy].map(([reason, byCampaign]) => ({
              reason,
              campaigns: [...byCampaign].map(([c, kpis]) => {
                const partly = measuredRows.some((r) => r.campaign === c) || kpis.some((k) => k !== "conversions");
                return `${nameOf(c)}${partly ? ` (${kpis.join(", ")})` : ""}`;
              }),
            })),
            charts:
              pieces.page(
                [],
                okCampaigns.map((c) => charts.liftChart(ctx, scope, c)).filter((c): c is ChartSpec => c !== null),
              )?.charts ?? [],
          }
        : null;
    if (lift && lift.refused.length) {
      // The refused lifts' CSV: every campaign with its reason.
      pieces.table({
        id: `campaign-lift-refused${idPart}`,
        caption: "Refused lifts",
        columns: ["campaign", "campaign_name", "kpi", "reason"],
        numeric: [false, false, false, false],
        rows: liftRows.filter((r) => r.status === "refused").map((r) => [r.campaign, r.campaign_name, r.kpi, liftReason(r, fmt)]),
      });
    }

    const notes = report.warnings
      .filter((w) => w.code.startsWith("campaigns.") && (w.dims?.["dataset"] ?? null) === dataset)
      .map((w) =>
        w.code === "campaigns.undated" ? "No dates in this file: it gives totals only, with no weekly charts, trend or lift." : `${warningText(w, fmt)}.`,
      )
      .map((m) => m[0]!.toUpperCase() + m.slice(1));

    const rendered = (spec: ChartSpec | null): Chart | null => (spec ? (pieces.page([], [spec])?.charts[0] ?? null) : null);
    const weekly =
      pieces.page(
        [],
        [charts.weeklyChart(ctx, scope, "spend"), charts.weeklyChart(ctx, scope, "conversions")].filter((c): c is ChartSpec => c !== null),
      )?.charts ?? [];

    return {
      dataset,
      anchor: `campaigns-${index + 1}`,
      reading: reading({ total, channelRows, campaignRows, hasRevenue, recs, nameOf, fmt, rate, lift: liftRows.length ? liftReading : null, dated }),
      kpis: [
        pieces.kpi("campaign.spend", "all campaigns", dims),
        pieces.kpi("campaign.conversions", "all campaigns", dims),
        total ? { label: "Conversion rate", value: rate(total.cvr), hint: `95%: ${interval(total.cvr_lo95, total.cvr_hi95)}` } : null,
        pieces.kpi("campaign.cpa", "spend ÷ conversions", dims),
        pieces.kpi("campaign.roas", "revenue ÷ spend", dims),
      ].filter((k): k is Kpi => k !== null),
      notes,
      formulas: `CTR = clicks ÷ impressions, CPC = spend ÷ clicks, conversion rate = conversions ÷ clicks with its Wilson 95% interval, CPA = spend ÷ conversions${hasRevenue ? ", ROAS = revenue ÷ spend, ROI = ROAS − 1" : "; the file has no revenue, so no ROAS or ROI"}.`,
      channels,
      campaigns,
      breakdowns,
      viewThrough,
      heatmap: rendered(charts.channelSegmentHeatmap(ctx, scope)),
      comparison,
      ret: rendered(charts.returnVsSpend(ctx, scope)),
      lift,
      weekly,
      recommendations: byUrgency(recs).filter((r) => !keepsAsIs(r)),
      asIs: asIsCards(
        byUrgency(recs).filter(keepsAsIs),
        recs.some((r) => !keepsAsIs(r)),
      ),
    };
  });
  return { sections };
}

/**
 * The recommendations that keep campaigns as they are, under a summary that
 * counts them by action; `more` when cards asking for a change come before.
 * @example asIsCards([continue A, continue B, insufficient data C], true).summary; // => "3 more campaigns: 2 to continue, 1 with too little data to judge"
 */
function asIsCards(cards: readonly RecommendationView[], more: boolean): CampaignSection["asIs"] {
  if (cards.length === 0) return null;
  const counts = new Map<string, number>();
  for (const c of cards) counts.set(c.action, (counts.get(c.action) ?? 0) + 1);
  const campaigns = `${cards.length}${more ? " more" : ""} campaign${cards.length === 1 ? "" : "s"}`;
  const summary =
    counts.size === 1 ? `${campaigns} ${AS_IS[cards[0]!.action]}` : `${campaigns}: ${[...counts].map(([action, n]) => `${n} ${AS_IS[action]}`).join(", ")}`;
  return { summary, cards };
}

interface ReadingInput {
  readonly total: KpiRow | undefined;
  readonly channelRows: readonly KpiRow[];
  readonly campaignRows: readonly KpiRow[];
  readonly hasRevenue: boolean;
  readonly recs: readonly RecommendationView[];
  readonly nameOf: (id: string | null) => string;
  readonly fmt: Formatter;
  readonly rate: (v: number | null) => string;
  readonly lift: string | null;
  readonly dated: boolean;
}

/**
 * The section's opening sentences: totals; the leading channel and campaign
 * (by ROAS, or by cost per conversion without revenue; campaigns with too
 * little data to judge left out); which campaigns to stop and continue; and
 * whether any lift was measured.
 */
function reading(x: ReadingInput): string[] {
  const { fmt } = x;
  const out: string[] = [];
  const show = (r: KpiRow): string => (x.hasRevenue ? `ROAS ${fmt.number(r.roas, 2)}` : `${fmt.money(r.cpa)} per conversion`);
  if (x.total) {
    out.push(
      `${x.campaignRows.length} campaign${x.campaignRows.length === 1 ? "" : "s"} spent ${fmt.money(x.total.spend)} for ${fmt.number(x.total.conversions, 0)} conversions: ${fmt.money(x.total.cpa)} each${x.hasRevenue ? `, ROAS ${fmt.number(x.total.roas, 2)}` : ""}, converting ${x.rate(x.total.cvr)} of clicks.`,
    );
  }
  const leaders: string[] = [];
  const channel = x.channelRows.find((r) => r.leading);
  if (channel) leaders.push(`the leading channel is ${channel.channel} (${show(channel)})`);
  const campaign = x.campaignRows.find((r) => r.leading);
  if (campaign) leaders.push(`the leading campaign is ${x.nameOf(campaign.campaign)} (${show(campaign)})`);
  if (leaders.length) out.push(`By ${x.hasRevenue ? "ROAS" : "cost per conversion"}, ${leaders.join(", and ")}.`);
  const named = (action: string): string[] => x.recs.filter((r) => r.action === action).map((r) => x.nameOf(r.key.campaign!));
  const list = (names: string[]): string =>
    names.length <= LISTED ? names.join(", ") : `${names.slice(0, LISTED).join(", ")} and ${names.length - LISTED} more`;
  const campaigns = (n: number): string => `${n} campaign${n === 1 ? "" : "s"}`;
  const stop = named("stop");
  const keep = named("continue");
  const optimize = named("optimize").length;
  const unsure = named("insufficient data").length;
  const parts = [
    stop.length ? `stop ${list(stop)}` : null,
    keep.length ? `continue ${list(keep)}` : null,
    optimize ? `optimize ${campaigns(optimize)}` : null,
    unsure ? `${campaigns(unsure)} with too little data to judge` : null,
  ].filter((p) => p !== null);
  if (parts.length) out.push(`Recommended: ${parts.join("; ")}.`);
  // Undated data says so in the section's notes.
  if (x.dated && x.lift) out.push(x.lift);
  return out;
}

/** Why a lift was refused, from the check that refused it and the days it read. */
export function liftReason(r: LiftRow, fmt: Formatter): string {
  if (r.refused === null) return "";
  const days = (n: number | null): string => `${fmt.number(n, 0)} day${n === 1 ? "" : "s"}`;
  const launch = r.launch ?? fmt.number(null);
  switch (r.refused.code) {
    case "no-split":
      return "no control series: the campaign runs in data without regions or channels, so nothing untouched can stand in for what would have happened";
    case "runs-everywhere":
      return "no control series: the campaign runs in every region and channel of the data, so nothing untouched can stand in for what would have happened";
    case "no-controls":
      return "no control series";
    case "no-pre-period":
      return `no pre-period: the campaign launches (${launch}) on the first day of the data or before it`;
    case "no-post-period":
      return `no post-period: the launch (${launch}) is after the last day of the data`;
    case "short-pre-period":
      return `a pre-period of ${days(r.refused.pre_days)} before the launch (${launch}), fewer than ${fmt.number(r.refused.needed_days, 0)}: too short to learn what would have happened`;
    case "constant-controls":
      return `every control (${charts.places(r, "controls")}) has constant daily ${r.kpi} before the launch`;
    case "constant-kpi":
      return `daily ${r.kpi} is constant over the ${days(r.refused.pre_days)} before the launch`;
  }
}

/** Why a measured lift has no placebo check: its launch halfway through the pre-period leaves too little before it. */
function placeboNote(r: LiftRow, fmt: Formatter): string {
  const p = r.placebo_refused;
  if (p === null) return "";
  const before = `the ${fmt.number(p.pre_days, 0)} days before its launch halfway through the pre-period`;
  switch (p.code) {
    case "short-pre-period":
      return `placebo skipped: ${before} are fewer than the ${fmt.number(p.needed_days, 0)} the model needs`;
    case "constant-controls":
      return `placebo skipped: every control is constant over ${before}`;
    case "constant-kpi":
      return `placebo skipped: daily ${r.kpi} is constant over ${before}`;
    default:
      return "placebo skipped";
  }
}
