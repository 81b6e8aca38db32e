/**
 * Campaign performance from campaigns files: KPIs by channel, region,
 * segment, device and campaign with Wilson intervals, channels compared
 * within each segment (frequentist and Bayesian), and each dated campaign's
 * causal lift. Each dataset is analysed alone; with several, facts and rows
 * carry its name as `dataset`.
 */
import type { Table } from "../../read/table.ts";
import type { CampaignsConfig } from "../../schema/config.ts";
import type { Fact, Warning } from "../../schema/report.ts";
import { dayLabel, isoWeekOf } from "../../time/calendar.ts";
import { FactSink } from "../../facts/sink.ts";
import type { DatasetTag } from "../rows.ts";
import { type Series, type SeriesRow } from "../series.ts";
import { CAMPAIGN_METRICS, FACT_BREAKDOWNS, TREND_DAYS } from "./catalogue.ts";
import { compareChannels } from "./compare.ts";
import { groupLabels, groupSums, hasBreakdowns, kpiValues, type Breakdown, type KpiSums } from "./kpis.ts";
import { campaignLifts, liftPoints, liftRows } from "./lift.ts";
import { campaignRows, type CampaignRows } from "./rows.ts";
import type { Analysis } from "../analysis.ts";
import { dayFromYmd } from "../../time/calendar.ts";

export interface CampaignsInput {
  /** One table per campaigns dataset. */
  readonly tables: readonly Table[];
}

export interface CampaignsContext {
  /** The campaign-id and label dictionaries. */
  readonly labels: { readonly campaign: readonly string[]; readonly dim: readonly string[] };
  readonly config: CampaignsConfig;
  /** Launch days from annotations, by campaign id or name. */
  readonly launches: ReadonlyMap<string, number>;
}

export interface CampaignsResult {
  readonly facts: Fact[];
  readonly warnings: Warning[];
  readonly series: Series;
}

/** The KPI table's breakdowns, in display order. */
const TABLE_BREAKDOWNS: readonly (readonly Breakdown[])[] = [
  [],
  ["channel"],
  ["campaign"],
  ["region"],
  ["segment"],
  ["device"],
  ["channel", "segment"],
  ["channel", "region"],
];

export function campaigns(input: CampaignsInput, ctx: CampaignsContext): CampaignsResult {
  const sink = new FactSink(CAMPAIGN_METRICS);
  const warnings: Warning[] = [];
  const out: Required<
    Pick<Series, "campaign_kpis" | "campaign_channel_tests" | "campaign_weekly" | "campaign_lift" | "campaign_lift_points" | "campaign_summary">
  > = {
    campaign_kpis: [],
    campaign_channel_tests: [],
    campaign_weekly: [],
    campaign_lift: [],
    campaign_lift_points: [],
    campaign_summary: [],
  };
  for (const table of input.tables) {
    const dataset = input.tables.length > 1 ? table.name : null;
    const tag: DatasetTag = dataset === null ? {} : { dataset };
    const data = campaignRows(table, ctx.labels);
    const hasRevenue = data.revenue !== null;

    for (const by of TABLE_BREAKDOWNS) {
      if (!hasBreakdowns(data, by)) continue;
      const labels = by.map((b) => groupLabels(data, b));
      const inFacts = FACT_BREAKDOWNS.some((f) => f.length === by.length && f.every((d, k) => d === by[k]));
      for (const [key, sums] of groupSums(data, by)) {
        const parts = key === "" ? [] : key.split(",").map(Number);
        const dims: Record<string, string> = { ...tag };
        by.forEach((b, k) => (dims[b] = labels[k]![parts[k]!]!));
        const v = kpiValues(sums);
        if (inFacts) {
          sink.add("campaign.spend", sums.spend, dims);
          sink.add("campaign.conversions", sums.conversions, dims);
          sink.add("campaign.cvr", v.cvr, dims);
          sink.add("campaign.cpa", v.cpa, dims);
          if (hasRevenue) sink.add("campaign.roas", v.roas, dims);
        }
        out.campaign_kpis!.push(kpiRow(tag, by, dims, sums, v, data));
      }
    }
    markLeaders(out.campaign_kpis!, dataset, hasRevenue, ctx.config.min_conversions);
    const viewThrough = countRows(data, (i) => data.conversions[i]! > data.clicks[i]!);
    if (viewThrough > 0) {
      warnings.push({
        code: "campaigns.view_through",
        values: { rows: viewThrough },
        ...(dataset === null ? {} : { dims: { dataset } }),
      });
    }
    out.campaign_channel_tests!.push(...compareChannels(data, dataset));

    if (!data.day) {
      warnings.push({
        code: "campaigns.undated",
        values: {},
        ...(dataset === null ? {} : { dims: { dataset } }),
      });
    } else {
      out.campaign_weekly!.push(...weeklyRows(data, tag));
      trends(data, sink, tag);
      const lifts = campaignLifts(data, { seed: ctx.config.seed, draws: ctx.config.draws, launches: ctx.launches });
      const names = new Map(data.campaigns.map((c, k) => [c, data.names[k]!]));
      for (const l of lifts) {
        const r = l.byKpi.conversions;
        const ok = r?.status === "ok";
        sink.add("campaign.lift", ok ? r.average.value : null, { campaign: l.campaign, ...tag });
        sink.add("campaign.lift.lo95", ok ? r.average.lo95 : null, { campaign: l.campaign, ...tag });
        sink.add("campaign.lift.hi95", ok ? r.average.hi95 : null, { campaign: l.campaign, ...tag });
      }
      out.campaign_lift!.push(...liftRows(lifts, names, dataset));
      out.campaign_lift_points!.push(...liftPoints(lifts, data.span!.first, dataset));
    }
    out.campaign_summary!.push(...summaryRows(data, tag));
  }
  return { facts: sink.facts, warnings, series: input.tables.length > 0 ? out : {} };
}

/**
 * Marks the leading channel and the leading campaign of one file: the best
 * ROAS (without revenue, the lowest cost per conversion; ties: the first
 * row), among more than one. A campaign with fewer conversions than
 * `min_conversions` is too noisy to lead (its rules say "insufficient data").
 */
function markLeaders(rows: SeriesRow<"campaign_kpis">[], dataset: string | null, hasRevenue: boolean, minConversions: number): void {
  for (const breakdown of ["channel", "campaign"]) {
    const group = rows.filter((r) => r.breakdown === breakdown && (r.dataset ?? null) === dataset);
    if (group.length < 2) continue;
    const candidates = group.filter((r) => (hasRevenue ? r.roas : r.cpa) !== null && (breakdown !== "campaign" || r.conversions >= minConversions));
    const score = (r: SeriesRow<"campaign_kpis">): number => (hasRevenue ? r.roas! : -r.cpa!);
    const leader = candidates.reduce<SeriesRow<"campaign_kpis"> | null>((a, b) => (a === null || score(b) > score(a) ? b : a), null);
    if (leader) leader.leading = true;
  }
}

function countRows(data: CampaignRows, test: (i: number) => boolean): number {
  let n = 0;
  for (let i = 0; i < data.length; i++) if (test(i)) n++;
  return n;
}

function kpiRow(
  tag: DatasetTag,
  by: readonly Breakdown[],
  dims: Record<string, string>,
  s: KpiSums,
  v: ReturnType<typeof kpiValues>,
  data: CampaignRows,
): SeriesRow<"campaign_kpis"> {
  const campaign = dims["campaign"] ?? null;
  return {
    ...tag,
    breakdown: by.length === 0 ? "total" : by.join(" × "),
    channel: dims["channel"] ?? null,
    region: dims["region"] ?? null,
    segment: dims["segment"] ?? null,
    device: dims["device"] ?? null,
    campaign,
    campaign_name: campaign === null ? null : data.names[data.campaigns.indexOf(campaign)]!,
    rows: s.rows,
    impressions: s.impressions,
    clicks: s.clicks,
    leads: v.leads,
    conversions: s.conversions,
    spend: s.spend,
    revenue: v.revenue,
    ctr: v.ctr,
    ctr_lo95: v.ctrLo,
    ctr_hi95: v.ctrHi,
    cpc: v.cpc,
    cvr: v.cvr,
    cvr_lo95: v.cvrLo,
    cvr_hi95: v.cvrHi,
    view_through: v.viewThrough,
    leading: false,
    cpa: v.cpa,
    roas: v.roas,
    roi: v.roi,
  };
}

/**
 * Spend, conversions and revenue per campaign and ISO week (its Monday), for
 * the time charts: only weeks lying wholly inside the file's first to last
 * day, so that a partial week never reads as a drop.
 */
function weeklyRows(data: CampaignRows, tag: DatasetTag): SeriesRow<"campaign_weekly">[] {
  const day = data.day!;
  const { first, last } = data.span!;
  const sums = new Map<string, { week: number; campaign: number; spend: number; conversions: number; revenue: number | null }>();
  for (let i = 0; i < data.length; i++) {
    const week = isoWeekOf(day[i]!);
    if (week < first || week + 6 > last) continue;
    const key = `${week},${data.campaign[i]!}`;
    let s = sums.get(key);
    if (!s) sums.set(key, (s = { week, campaign: data.campaign[i]!, spend: 0, conversions: 0, revenue: data.revenue ? 0 : null }));
    s.spend += data.spend[i]!;
    s.conversions += data.conversions[i]!;
    const r = data.revenue?.[i];
    if (s.revenue !== null && r !== undefined && !Number.isNaN(r)) s.revenue += r;
  }
  return [...sums.values()]
    .sort((a, b) => a.week - b.week || a.campaign - b.campaign)
    .map((s) => ({ ...tag, week: dayLabel(s.week), campaign: data.campaigns[s.campaign]!, spend: s.spend, conversions: s.conversions, revenue: s.revenue }));
}

/** `campaign.trend`: return per unit of spend over the last TREND_DAYS days of each campaign ÷ the TREND_DAYS before. */
function trends(data: CampaignRows, sink: FactSink, tag: Record<string, string>): void {
  const day = data.day!;
  const { campaignFirst: first, campaignLast: last } = data.span!;
  const windows = data.campaigns.map(() => ({ recent: { spend: 0, back: 0 }, before: { spend: 0, back: 0 } }));
  for (let i = 0; i < data.length; i++) {
    const c = data.campaign[i]!;
    const age = last[c]! - day[i]!;
    const w = age < TREND_DAYS ? windows[c]!.recent : age < 2 * TREND_DAYS ? windows[c]!.before : null;
    if (!w) continue;
    const back = data.revenue ? data.revenue[i]! : data.conversions[i]!;
    if (Number.isNaN(back)) continue;
    w.spend += data.spend[i]!;
    w.back += back;
  }
  data.campaigns.forEach((campaign, c) => {
    if (last[c]! - first[c]! + 1 < 2 * TREND_DAYS) return;
    const { recent, before } = windows[c]!;
    const r = recent.spend > 0 ? recent.back / recent.spend : null;
    const b = before.spend > 0 ? before.back / before.spend : null;
    sink.add("campaign.trend", r === null || b === null || b === 0 ? null : r / b, { campaign, ...tag });
  });
}

/** One row per campaign: where it runs and when. */
function summaryRows(data: CampaignRows, tag: DatasetTag): SeriesRow<"campaign_summary">[] {
  const where = (dim: "channel" | "region", c: number): string[] | null => data.runsIn[dim]?.[c]!.map((k) => data.labels[dim]![k]!) ?? null;
  return data.campaigns.map((campaign, c) => ({
    ...tag,
    campaign,
    campaign_name: data.names[c]!,
    channels: where("channel", c),
    regions: where("region", c),
    from: data.span ? dayLabel(data.span.campaignFirst[c]!) : null,
    to: data.span ? dayLabel(data.span.campaignLast[c]!) : null,
  }));
}

export { CAMPAIGN_METRICS } from "./catalogue.ts";

/** Campaigns in the registry: every campaigns dataset over its own period; launches come from the annotations. */
export const campaignsAnalysis: Analysis = {
  name: "campaigns",
  rows: ["campaigns"],
  requires: ["campaigns"],
  period: false,
  uses: [],
  provides: [],
  run: (input) => {
    const launches = new Map<string, number>();
    for (const a of input.annotations) {
      if (a.campaign !== undefined) launches.set(a.campaign, dayFromYmd(Number(a.date.slice(0, 4)), Number(a.date.slice(5, 7)), Number(a.date.slice(8, 10))));
    }
    return campaigns(
      { tables: input.tables.campaigns ?? [] },
      { labels: { campaign: input.dicts.campaign.labels, dim: input.dicts.dim.labels }, config: input.config.campaigns, launches },
    );
  },
};
