/**
 * Campaign KPIs per group of rows: sums of the counts and money, then the
 * rates with Wilson 95% intervals.
 */
import { wilsonInterval } from "../../stats/index.ts";
import { ratio } from "../ratio.ts";
import type { CampaignRows, Dim } from "./rows.ts";

/** A breakdown: the campaign or a file column. */
export type Breakdown = "campaign" | Dim;

export interface KpiSums {
  rows: number;
  impressions: number;
  clicks: number;
  conversions: number;
  spend: number;
  /** Σ leads over rows with a value, and how many rows had one. */
  leads: number;
  leadRows: number;
  /** Σ revenue over rows with a value, and Σ spend over those rows. */
  revenue: number;
  revenueSpend: number;
  revenueRows: number;
}

const emptySums = (): KpiSums => ({
  rows: 0,
  impressions: 0,
  clicks: 0,
  conversions: 0,
  spend: 0,
  leads: 0,
  leadRows: 0,
  revenue: 0,
  revenueSpend: 0,
  revenueRows: 0,
});

/** Adds row `i` of `data` to `s`. */
export function addRow(s: KpiSums, data: CampaignRows, i: number): void {
  s.rows++;
  s.impressions += data.impressions[i]!;
  s.clicks += data.clicks[i]!;
  s.conversions += data.conversions[i]!;
  s.spend += data.spend[i]!;
  const lead = data.leads?.[i];
  if (lead !== undefined && !Number.isNaN(lead)) {
    s.leads += lead;
    s.leadRows++;
  }
  const rev = data.revenue?.[i];
  if (rev !== undefined && !Number.isNaN(rev)) {
    s.revenue += rev;
    s.revenueSpend += data.spend[i]!;
    s.revenueRows++;
  }
}

/** The label index of row `i` in a breakdown. */
export function groupOf(data: CampaignRows, by: Breakdown, i: number): number {
  return by === "campaign" ? data.campaign[i]! : data.dims[by]![i]!;
}

/** The labels of a breakdown's groups (campaign ids for `campaign`). */
export function groupLabels(data: CampaignRows, by: Breakdown): readonly string[] {
  return by === "campaign" ? data.campaigns : data.labels[by]!;
}

/** Whether the file has every column of the breakdowns. */
export const hasBreakdowns = (data: CampaignRows, by: readonly Breakdown[]): boolean => by.every((b) => b === "campaign" || data.dims[b] !== undefined);

/**
 * Sums per combination of the breakdowns' labels that has rows, keyed by the
 * label indices joined with commas; in key order of first appearance.
 * @example groupSums(data, ["channel"]); // => Map { "0" => sums of channel 0, "1" => … }
 */
export function groupSums(data: CampaignRows, by: readonly Breakdown[], rows?: (i: number) => boolean): Map<string, KpiSums> {
  const out = new Map<string, KpiSums>();
  for (let i = 0; i < data.length; i++) {
    if (rows && !rows(i)) continue;
    const key = by.map((b) => groupOf(data, b, i)).join(",");
    let s = out.get(key);
    if (!s) out.set(key, (s = emptySums()));
    addRow(s, data, i);
  }
  return out;
}

export interface KpiValues {
  readonly ctr: number | null;
  readonly ctrLo: number | null;
  readonly ctrHi: number | null;
  readonly cpc: number | null;
  readonly cvr: number | null;
  readonly cvrLo: number | null;
  readonly cvrHi: number | null;
  /** Conversions exceed clicks (view-through conversions): the rate is shown, its interval is null. */
  readonly viewThrough: boolean;
  readonly cpa: number | null;
  /** null without any row with revenue, or without spend on those rows. */
  readonly roas: number | null;
  readonly roi: number | null;
  readonly leads: number | null;
  readonly revenue: number | null;
}

/**
 * The KPIs of a group. CTR = clicks ÷ impressions, CPC = spend ÷ clicks,
 * conversion rate = conversions ÷ clicks, CPA = spend ÷ conversions, ROAS =
 * revenue ÷ spend and ROI = (revenue − spend) ÷ spend over rows with revenue.
 * Rates carry Wilson 95% intervals; a ratio with a zero denominator is null.
 * @example kpiValues({ rows: 1, impressions: 1000, clicks: 50, conversions: 5, spend: 100, leads: 0, leadRows: 0, revenue: 300, revenueSpend: 100, revenueRows: 1 }).roas; // => 3
 */
export function kpiValues(s: KpiSums): KpiValues {
  const ctr = wilsonOrNull(s.clicks, s.impressions);
  const viewThrough = s.conversions > s.clicks;
  const cvr = viewThrough ? null : wilsonOrNull(s.conversions, s.clicks);
  const roas = s.revenueRows > 0 ? ratio(s.revenue, s.revenueSpend) : null;
  return {
    ctr: ratio(s.clicks, s.impressions),
    ctrLo: ctr?.lo ?? null,
    ctrHi: ctr?.hi ?? null,
    cpc: ratio(s.spend, s.clicks),
    cvr: ratio(s.conversions, s.clicks),
    cvrLo: cvr?.lo ?? null,
    cvrHi: cvr?.hi ?? null,
    viewThrough,
    cpa: ratio(s.spend, s.conversions),
    roas,
    roi: roas === null ? null : roas - 1,
    leads: s.leadRows > 0 ? s.leads : null,
    revenue: s.revenueRows > 0 ? s.revenue : null,
  };
}

function wilsonOrNull(x: number, n: number): { lo: number; hi: number } | null {
  if (n <= 0 || x > n) return null;
  return wilsonInterval(x, n);
}
