/**
 * The Campaigns page as data, one section per campaigns dataset: a short
 * reading, tiles, the KPI tables with Wilson intervals, the channel ×
 * segment comparison, return against spend, each campaign's lift (or why
 * none was measured), weekly spend and conversions, and the campaign
 * recommendations. Everything a component shows is decided here.
 */
import { SERIES, type SeriesRow } from "../analyses/series.ts";
import * as charts from "../charts/campaigns.ts";
import type { ChartContext } from "../charts/common.ts";
import type { ChartSpec } from "../charts/spec.ts";
import type { Report } from "../schema/report.ts";
import { pValue } from "./customers.ts";
import type { Formatter } from "./format.ts";
import type { CardTableView, Chart, Kpi, RecommendationView, Table } from "./model.ts";
import type { PagePieces } from "./pieces.ts";

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
  readonly recommendations: readonly RecommendationView[];
}

export interface CampaignsPage {
  readonly sections: readonly CampaignSection[];
}

const text = (v: unknown): string => (v === null || v === undefined ? "" : String(v));
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const VIEW_THROUGH = "†";
/** The reading names up to this many campaigns per action. */
const LISTED = 4;

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
export function campaignsPage(
  report: Report,
  fmt: Formatter,
  ctx: ChartContext,
  pieces: PagePieces,
  recommendations: readonly RecommendationView[],
): CampaignsPage | null {
  const kpiRows = report.series[SERIES.campaignKpis] ?? [];
  if (kpiRows.length === 0) return null;
  const datasets = [...new Set(kpiRows.map((r) => (r["dataset"] === undefined ? null : text(r["dataset"]))))];
  // Rates to three significant digits: a CTR of 0.018% must not read as 0%.
  const pct = new Intl.NumberFormat(report.locale, { style: "percent", maximumSignificantDigits: 3 });
  const rate = (v: unknown): string => (num(v) === null ? fmt.number(null) : pct.format(num(v)!));
  // "6.31–6.87%": the low end without its percent sign, to keep the column narrow.
  const bare = new Intl.NumberFormat(report.locale, { maximumSignificantDigits: 3 });
  const interval = (lo: unknown, hi: unknown): string =>
    num(lo) === null || num(hi) === null ? fmt.number(null) : `${bare.format(num(lo)! * 100)}–${rate(hi)}`;
  // Expected losses in percentage points, two significant digits (they are often tiny).
  const small = new Intl.NumberFormat(report.locale, { maximumSignificantDigits: 2 });
  const points = (v: unknown): string => (num(v) === null ? fmt.number(null) : `${small.format(num(v)! * 100)} pts`);
  const signed = (v: unknown, digits: number): string =>
    num(v) === null ? fmt.number(null) : `${num(v)! > 0 ? "+" : num(v)! < 0 ? "−" : ""}${fmt.number(Math.abs(num(v)!), digits)}`;

  const sections = datasets.map((dataset, index): CampaignSection => {
    const scope: charts.Scope = { dataset, suffix: datasets.length > 1 ? `-${index + 1}` : "" };
    const rows = (name: string): SeriesRow[] => charts.scoped(ctx, name, scope);
    const kpis = rows(SERIES.campaignKpis);
    const by = (breakdown: string): SeriesRow[] => kpis.filter((r) => r["breakdown"] === breakdown);
    const total = by("total")[0];
    const hasRevenue = kpis.some((r) => num(r["roas"]) !== null);
    const dims = dataset === null ? undefined : { dataset };
    const idPart = scope.suffix;
    const recs = recommendations.filter((r) => r.key["campaign"] !== undefined && (r.key["dataset"] ?? null) === dataset);
    const actionOf = new Map(recs.map((r) => [r.key["campaign"]!, r.action]));
    const summary = new Map(rows(SERIES.campaignSummary).map((r) => [text(r["campaign"]), r]));
    const nameOf = (id: string): string => charts.campaignLabel(id, summary.get(id)?.["campaign_name"]);

    // The KPI tables: the same metric columns after the group's own.
    const metricColumns = ["clicks", "conversions", "spend", "CTR", "CPC", "conv. rate", "95% interval", "CPA", ...(hasRevenue ? ["ROAS", "ROI"] : [])];
    const metricCells = (r: SeriesRow): string[] => {
      const vt = r["view_through"] === 1;
      return [
        fmt.number(num(r["clicks"]), 0),
        fmt.number(num(r["conversions"]), 0),
        fmt.money(num(r["spend"])),
        rate(r["ctr"]),
        fmt.money(num(r["cpc"])),
        `${rate(r["cvr"])}${vt ? ` ${VIEW_THROUGH}` : ""}`,
        vt ? `none: view-through ${VIEW_THROUGH}` : interval(r["cvr_lo95"], r["cvr_hi95"]),
        fmt.money(num(r["cpa"])),
        ...(hasRevenue ? [fmt.number(num(r["roas"]), 2), fmt.percent(num(r["roi"]))] : []),
      ];
    };
    const metricNumeric = metricColumns.map(() => true);
    const kpiTable = (id: string, caption: string, lead: string[], leadRows: (r: SeriesRow) => string[], data: SeriesRow[]): Table =>
      pieces.table({
        id: `campaign-kpis-${id}${idPart}`,
        caption,
        columns: [...lead, ...metricColumns],
        numeric: [...lead.map(() => false), ...metricNumeric],
        rows: data.map((r) => [...leadRows(r), ...metricCells(r)]),
      });
    const bySpend = (a: SeriesRow, b: SeriesRow): number => (num(b["spend"]) ?? 0) - (num(a["spend"]) ?? 0);
    const channelRows = by("channel").sort(bySpend);
    const campaignRows = by("campaign").sort(bySpend);
    const channels = channelRows.length
      ? {
          table: kpiTable("channel", "By channel, most spend first", ["channel"], (r) => [text(r["channel"])], channelRows),
          emphasis: channelRows.map(() => false),
        }
      : null;
    // A where-column only when it tells campaigns apart (not when each runs everywhere).
    const varies = (key: string): boolean => new Set([...summary.values()].map((x) => x[key] ?? null)).size > 1;
    const hasChannels = varies("channels");
    const hasRegions = varies("regions");
    const campaigns = campaignRows.length
      ? {
          table: kpiTable(
            "campaign",
            "By campaign, most spend first; the action is the campaign's recommendation below",
            ["campaign", "action", ...(hasChannels || hasRegions ? ["runs in"] : [])],
            (r) => {
              const s = summary.get(text(r["campaign"]));
              // One column for where it runs, "Search; East, West", so the table fits a desktop.
              const where = [hasChannels ? text(s?.["channels"]) : "", hasRegions ? text(s?.["regions"]) : ""].filter((x) => x !== "").join("; ");
              return [nameOf(text(r["campaign"])), actionOf.get(text(r["campaign"])) ?? "", ...(hasChannels || hasRegions ? [where] : [])];
            },
            campaignRows,
          ),
          emphasis: campaignRows.map((r) => actionOf.get(text(r["campaign"])) === "stop"),
        }
      : null;
    const breakdowns = MORE_BREAKDOWNS.filter(([b]) => by(b).length > 0).map(([b, header]) =>
      kpiTable(b, `By ${header}, most spend first`, [header], (r) => [text(r[b])], by(b).sort(bySpend)),
    );
    const viewThroughRows = kpis.filter((r) => r["view_through"] === 1).length;
    const viewThrough = viewThroughRows
      ? `${VIEW_THROUGH} View-through: the group has more conversions than clicks, so its conversion rate is no proportion and has no interval (and it is left out of the channel tests).`
      : null;

    // The channel × segment comparison.
    const tests = rows(SERIES.campaignChannelTests);
    const verdict = (r: SeriesRow): string =>
      r["note"]
        ? "view-through: not compared"
        : r["is_best"] === 1
          ? "best in segment"
          : num(r["p_holm"]) !== null && num(r["p_holm"])! < charts.HOLM_ALPHA
            ? "below the best"
            : "not shown worse";
    const comparison = tests.length
      ? {
          table: pieces.table({
            id: `campaign-channel-tests${idPart}`,
            caption: "Each channel against its segment's best: z-test p (Holm-adjusted within the segment) and Beta(1, 1) posteriors",
            columns: ["segment", "channel", "verdict", "conv. rate", "95% credible", "clicks", "p", "Holm p", "P(best)", "P(beats best)", "expected loss"],
            numeric: [false, false, false, true, true, true, true, true, true, true, true],
            rows: tests.map((r) => [
              text(r["segment"]),
              text(r["channel"]),
              verdict(r),
              rate(r["cvr"]),
              interval(r["cred_lo95"], r["cred_hi95"]),
              fmt.number(num(r["clicks"]), 0),
              pValue(num(r["p_value"]), fmt),
              pValue(num(r["p_holm"]), fmt),
              fmt.percent(num(r["p_best"])),
              fmt.percent(num(r["p_beats_best"])),
              points(r["expected_loss"]),
            ]),
          }),
          emphasis: tests.map((r) => r["is_best"] === 1),
          head: 2,
        }
      : null;

    // Lift.
    const dated = rows(SERIES.campaignWeekly).length > 0 || rows(SERIES.campaignLift).length > 0;
    const liftRows = rows(SERIES.campaignLift);
    const okCampaigns = [...new Set(liftRows.filter((r) => r["status"] === "ok").map((r) => text(r["campaign"])))];
    const refusedCampaigns = [
      ...new Set(liftRows.filter((r) => r["status"] === "refused" && !okCampaigns.includes(text(r["campaign"]))).map((r) => text(r["campaign"]))),
    ];
    const reasons = new Map<string, number>();
    for (const c of refusedCampaigns) {
      const reason = text(liftRows.find((r) => r["campaign"] === c && r["status"] === "refused")!["reason"]);
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    }
    const reasonText = [...reasons]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([r, n]) => `${r}, for ${n === refusedCampaigns.length && n > 1 ? `all ${n}` : n}`)
      .join("; ");
    const because = `${reasons.size === 1 ? "Reason" : "Reasons"}: ${reasonText}.`;
    const campaignCount = new Set(liftRows.map((r) => text(r["campaign"]))).size;
    const found = liftRows
      .filter((r) => r["status"] === "ok" && r["kpi"] === "conversions")
      .slice(0, LISTED)
      .map((r) => `${nameOf(text(r["campaign"]))}: ${signed(r["average"], 2)} conversions a day (95%: ${signed(r["lo95"], 2)} to ${signed(r["hi95"], 2)})`);
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
    const liftCell = (r: SeriesRow, lo: string, hi: string, v: string, digits: number): string =>
      num(r[v]) === null ? fmt.number(null) : `${signed(r[v], digits)} (${signed(r[lo], digits)} to ${signed(r[hi], digits)})`;
    const measuredRows = liftRows.filter((r) => r["status"] === "ok");
    const liftTable = (data: SeriesRow[]): Table => {
      // Revenue lifts in money units without cents; conversions with two decimals per day.
      const digits = (r: SeriesRow): number => (r["kpi"] === "revenue" ? 0 : 2);
      const withDid = data.some((r) => num(r["did"]) !== null);
      const withNote = data.some((r) => text(r["reason"]) !== "");
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
          nameOf(text(r["campaign"])),
          text(r["kpi"]),
          `${text(r["launch"])}${r["launch_from"] === "annotation" ? " (annotated)" : ""}, ${text(r["target"])}`,
          liftCell(r, "lo95", "hi95", "average", digits(r)),
          liftCell(r, "cum_lo95", "cum_hi95", "cumulative", 0),
          num(r["relative"]) === null
            ? fmt.number(null)
            : `${num(r["relative"])! > 0 ? "+" : num(r["relative"])! < 0 ? "−" : ""}${fmt.percent(Math.abs(num(r["relative"])!))}`,
          fmt.number(num(r["r2"]), 2),
          r["placebo_passed"] === 1 ? "passed" : r["placebo_passed"] === 0 ? "failed: a lift where there was none" : "",
          ...(withDid ? [liftCell(r, "did_lo95", "did_hi95", "did", digits(r))] : []),
          ...(withNote ? [text(r["reason"])] : []),
        ]),
      });
    };
    const refusedBy = new Map<string, Map<string, string[]>>();
    for (const r of liftRows.filter((x) => x["status"] === "refused")) {
      const reason = text(r["reason"]);
      let byCampaign = refusedBy.get(reason);
      if (!byCampaign) refusedBy.set(reason, (byCampaign = new Map()));
      const kpis = byCampaign.get(text(r["campaign"])) ?? [];
      byCampaign.set(text(r["campaign"]), [...kpis, text(r["kpi"])]);
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
                const partly = measuredRows.some((r) => r["campaign"] === c) || kpis.some((k) => k !== "conversions");
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
        rows: liftRows.filter((r) => r["status"] === "refused").map((r) => [text(r["campaign"]), text(r["campaign_name"]), text(r["kpi"]), text(r["reason"])]),
      });
    }

    const notes = report.warnings
      .filter((w) => w.code.startsWith("campaigns.") && (w.dims?.["dataset"] ?? null) === dataset)
      .map((w) => (w.code === "campaigns.undated" ? "No dates in this file: it gives totals only, with no weekly charts, trend or lift." : `${w.message}.`))
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
        pieces.kpi("campaign.spend", "Spend", "currency", "all campaigns", dims),
        pieces.kpi("campaign.conversions", "Conversions", "count", "all campaigns", dims),
        total ? { label: "Conversion rate", value: rate(total["cvr"]), hint: `95%: ${interval(total["cvr_lo95"], total["cvr_hi95"])}` } : null,
        pieces.kpi("campaign.cpa", "Cost per conversion", "currency", "spend ÷ conversions", dims),
        pieces.kpi("campaign.roas", "ROAS", "ratio", "revenue ÷ spend", dims),
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
      recommendations: recs,
    };
  });
  return { sections };
}

interface ReadingInput {
  readonly total: SeriesRow | undefined;
  readonly channelRows: readonly SeriesRow[];
  readonly campaignRows: readonly SeriesRow[];
  readonly hasRevenue: boolean;
  readonly recs: readonly RecommendationView[];
  readonly nameOf: (id: string) => string;
  readonly fmt: Formatter;
  readonly rate: (v: unknown) => string;
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
  const key = x.hasRevenue ? "roas" : "cpa";
  const better = (a: SeriesRow, b: SeriesRow): number =>
    x.hasRevenue ? (num(b["roas"]) ?? -Infinity) - (num(a["roas"]) ?? -Infinity) : (num(a["cpa"]) ?? Infinity) - (num(b["cpa"]) ?? Infinity);
  const show = (r: SeriesRow): string => (x.hasRevenue ? `ROAS ${fmt.number(num(r["roas"]), 2)}` : `${fmt.money(num(r["cpa"]))} per conversion`);
  if (x.total) {
    out.push(
      `${x.campaignRows.length} campaign${x.campaignRows.length === 1 ? "" : "s"} spent ${fmt.money(num(x.total["spend"]))} for ${fmt.number(num(x.total["conversions"]), 0)} conversions: ${fmt.money(num(x.total["cpa"]))} each${x.hasRevenue ? `, ROAS ${fmt.number(num(x.total["roas"]), 2)}` : ""}, converting ${x.rate(x.total["cvr"])} of clicks.`,
    );
  }
  const leaders: string[] = [];
  const channel = x.channelRows.filter((r) => num(r[key]) !== null).sort(better)[0];
  if (channel && x.channelRows.length > 1) leaders.push(`the leading channel is ${text(channel["channel"])} (${show(channel)})`);
  const judged = new Set(x.recs.filter((r) => r.action !== "insufficient data").map((r) => r.key["campaign"]));
  const campaign = x.campaignRows.filter((r) => num(r[key]) !== null && (x.recs.length === 0 || judged.has(text(r["campaign"])))).sort(better)[0];
  if (campaign && x.campaignRows.length > 1) leaders.push(`the leading campaign is ${x.nameOf(text(campaign["campaign"]))} (${show(campaign)})`);
  if (leaders.length) out.push(`By ${x.hasRevenue ? "ROAS" : "cost per conversion"}, ${leaders.join(", and ")}.`);
  const named = (action: string): string[] => x.recs.filter((r) => r.action === action).map((r) => x.nameOf(r.key["campaign"]!));
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
