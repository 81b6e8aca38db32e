/**
 * Continue, optimize or stop for each campaign: pure rules on the
 * `campaign.*{campaign}` facts. The first rule that matches decides:
 *
 * 1. `campaign.too-little-data` (insufficient data): fewer conversions than
 *    `campaigns.min_conversions`: rates this noisy decide nothing.
 * 2. `campaign.losing-money` (stop): ROAS below `campaigns.stop_roas` (or,
 *    without revenue, cost per conversion above twice the target), and no lift
 *    shown: the lift's 95% interval does not lie above 0, or was not measured.
 * 3. `campaign.on-target` (continue): ROAS at or above `campaigns.target_roas`
 *    (when there is revenue), cost per conversion at or below the target, the
 *    trend not falling by a fifth or more, and, when a lift was measured, its
 *    interval above 0.
 * 4. `campaign.needs-work` (optimize): the rest, naming each shortfall.
 *
 * The target cost per conversion is `campaigns.target_cpa`; without it, a
 * file with revenue is judged on ROAS alone (cheap conversions of one channel
 * would otherwise set the bar for all), and a file without revenue against
 * the median of its campaigns' costs per conversion. `importance`: the
 * campaign's spend.
 * `confidence`: high with 10 × min_conversions and a measured lift, low for
 * too little data, medium otherwise. `limits`: the config's thresholds and
 * `FALLING_TREND`; `findings`: what a stop or an optimize found
 * (`CAMPAIGN_FINDINGS`). The site words them (`src/words/why.ts`).
 */
import { median } from "simple-statistics";
import type { MetricId } from "../analyses/catalogue.ts";
import { roundValue } from "../report/json.ts";
import type { CampaignsConfig } from "../schema/config.ts";
import type { Fact, Recommendation } from "../schema/report.ts";
import type { DerivedNumber } from "./numbers.ts";

/** A fall of the trend below this ratio counts as falling. */
export const FALLING_TREND = 0.8;

/** Every campaign rule, in the order they are checked. */
export const CAMPAIGN_RULES = ["campaign.too-little-data", "campaign.losing-money", "campaign.on-target", "campaign.needs-work"] as const;
export type CampaignRule = (typeof CAMPAIGN_RULES)[number];

/** What a campaign rule can find, in the order the site words them (`findings`). */
export const CAMPAIGN_FINDINGS = [
  /** stop: ROAS below `stop_roas`. */
  "roas-below-stop",
  /** stop, without revenue: cost per conversion above twice the target. */
  "cpa-over-twice-target",
  /** optimize: ROAS below `target_roas`. */
  "roas-below-target",
  /** optimize: cost per conversion above the target. */
  "cpa-above-target",
  /** optimize: spend without a conversion. */
  "no-conversions",
  /** optimize: the trend fell below `falling_trend`. */
  "trend-falling",
  /** optimize: a lift was measured and its interval does not lie above 0. */
  "lift-not-shown",
] as const;
export type CampaignFinding = (typeof CAMPAIGN_FINDINGS)[number];

export function campaignRecommendations(facts: readonly Fact[], config: CampaignsConfig): Recommendation[] {
  // Facts by id, campaign and dataset ("" without a dataset dim).
  const cpas = new Map<string, number[]>();
  const byKey = new Map<string, number | null>();
  const campaigns = new Map<string, { campaign: string; dataset: string | undefined }>();
  for (const f of facts) {
    if (!f.id.startsWith("campaign.")) continue;
    const dataset = f.dims?.["dataset"];
    const campaign = f.dims?.["campaign"];
    const dimNames = Object.keys(f.dims ?? {}).filter((d) => d !== "dataset");
    if (campaign !== undefined && dimNames.length === 1) {
      byKey.set(`${f.id}|${campaign}|${dataset ?? ""}`, roundValue(f.value));
      if (f.id === "campaign.cpa" && f.value !== null) cpas.set(dataset ?? "", [...(cpas.get(dataset ?? "") ?? []), f.value]);
      campaigns.set(`${campaign}|${dataset ?? ""}`, { campaign, dataset });
    } else if (dimNames.length === 0) byKey.set(`${f.id}||${dataset ?? ""}`, roundValue(f.value));
  }
  const out: Recommendation[] = [];
  for (const { campaign, dataset } of campaigns.values()) {
    const get = (id: string): number | null => byKey.get(`${id}|${campaign}|${dataset ?? ""}`) ?? null;
    const has = (id: string): boolean => byKey.has(`${id}|${campaign}|${dataset ?? ""}`);
    const spend = get("campaign.spend") ?? 0;
    const conversions = get("campaign.conversions") ?? 0;
    const roas = get("campaign.roas");
    const hasRevenue = has("campaign.roas");
    const cpa = get("campaign.cpa");
    const datasetCpas = cpas.get(dataset ?? "") ?? [];
    const target = config.target_cpa ?? (hasRevenue || datasetCpas.length === 0 ? null : roundValue(median(datasetCpas)));
    const trend = get("campaign.trend");
    const lift = get("campaign.lift");
    const lo = get("campaign.lift.lo95");
    const hi = get("campaign.lift.hi95");
    const measured = lift !== null && lo !== null && hi !== null;
    const numbers: Record<string, number | null> = {
      "campaign.spend": spend,
      "campaign.conversions": conversions,
      "campaign.cpa": cpa,
      "campaign.target_cpa": target,
      ...(hasRevenue ? { "campaign.roas": roas } : {}),
      ...(has("campaign.trend") ? { "campaign.trend": trend } : {}),
      ...(has("campaign.lift") ? { "campaign.lift": lift, "campaign.lift.lo95": lo, "campaign.lift.hi95": hi } : {}),
    } satisfies Partial<Record<MetricId | DerivedNumber, number | null>>;
    const subject = { campaign, ...(dataset !== undefined ? { dataset } : {}) };
    const limits = { min_conversions: config.min_conversions, stop_roas: config.stop_roas, target_roas: config.target_roas, falling_trend: FALLING_TREND };
    const base = { subject, numbers, limits, importance: spend };

    if (conversions < config.min_conversions) {
      out.push({ ...base, action: "insufficient data", rule: "campaign.too-little-data", findings: [], confidence: "low" });
      continue;
    }
    const confidence = conversions >= 10 * config.min_conversions && measured ? "high" : "medium";
    const losing = hasRevenue ? roas !== null && roas < config.stop_roas : cpa !== null && target !== null && cpa > 2 * target;
    const liftShown = measured && lo > 0;
    if (losing && !liftShown) {
      const findings: CampaignFinding[] = [hasRevenue ? "roas-below-stop" : "cpa-over-twice-target"];
      out.push({ ...base, action: "stop", rule: "campaign.losing-money", findings, confidence });
      continue;
    }
    const shortfalls: CampaignFinding[] = [];
    if (hasRevenue && roas !== null && roas < config.target_roas) shortfalls.push("roas-below-target");
    if (cpa !== null && target !== null && cpa > target) shortfalls.push("cpa-above-target");
    if (cpa === null) shortfalls.push("no-conversions");
    if (trend !== null && trend < FALLING_TREND) shortfalls.push("trend-falling");
    if (measured && !liftShown) shortfalls.push("lift-not-shown");
    if (shortfalls.length === 0) out.push({ ...base, action: "continue", rule: "campaign.on-target", findings: [], confidence });
    else out.push({ ...base, action: "optimize", rule: "campaign.needs-work", findings: shortfalls, confidence });
  }
  return out.sort((a, b) => b.importance - a.importance || (a.subject["campaign"]! < b.subject["campaign"]! ? -1 : 1));
}
