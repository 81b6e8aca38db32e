/**
 * The campaign demo dataset behind `romi demo-data --kind campaigns`: daily
 * campaign results by region, segment and device, and the exposures of an A/B
 * test of a landing page, with planted, documented effects, so that a correct
 * analysis recovers known truths. The same seed and scale give byte-identical output.
 *
 * ## Shape
 * - `campaigns.csv`: `date,campaign_id,campaign_name,channel,region,segment,device,impressions,clicks,leads,conversions,spend,revenue`,
 *   one row per date × campaign × region it runs in × segment × device, in that order.
 *   Dates 2024-12-01 … 2025-05-31 (182 days); regions `North`, `South`, `East`, `West`;
 *   segments (age groups) `18-24`, `25-34`, `35-54`, `55+`; devices `Desktop`, `Mobile`;
 *   money (EUR) with 2 decimals. Counts nest: conversions ≤ leads ≤ clicks ≤ impressions.
 * - Grid: 6 campaigns in 9 (campaign, region) pairs for the whole period, and CMP-107 in
 *   North from 2025-03-15 (78 days): 8 rows per pair and day, 13,728 rows in all (plus the
 *   9 planted extra rows below), about 1.2 MB. Video has no campaign before the launch.
 * - `experiment.csv`: `user_id,timestamp,variant,landing_page,converted,revenue`, one row
 *   per exposure in time order, 2025-04-01 00:00:00 … 2025-04-21 23:59:59 (21 days);
 *   variants `control` (`old_page`) and `treatment` (`new_page`); `converted` is `0`/`1`;
 *   revenue `0.00` for a row that did not convert. User ids are distinct 6-digit strings.
 * - Scale: `--scale` multiplies every expected count of `campaigns.csv` (impressions,
 *   clicks, leads, conversions, spend, revenue, and the planted lift and cannibalisation
 *   per day; the grid stays the same) and the users of the experiment (and its planted
 *   bad rows, at least 1 each). Scale 1 is the committed data.
 *
 * ## Campaigns (see `PLANTED_CAMPAIGNS.campaigns`)
 * | id      | name                | channel | regions      | revenue/conversion | ROAS  | clicks/day per region |
 * | ------- | ------------------- | ------- | ------------ | ------------------ | ----- | --------------------- |
 * | CMP-101 | Brand Search        | Search  | North, South | €50                | 4.0   | 1,400                 |
 * | CMP-102 | Generic Search      | Search  | East, West   | €45                | 2.2   | 1,500                 |
 * | CMP-103 | Social Feed         | Social  | North, West  | €40                | 2.0   | 1,000                 |
 * | CMP-104 | Newsletter          | Email   | South        | €55                | 3.5   | 800                   |
 * | CMP-105 | Retargeting         | Display | East         | €60                | 2.8   | 1,500                 |
 * | CMP-106 | Display Prospecting | Display | East         | €40                | 0.3   | 300 (converts at ½ the Display rate) |
 * | CMP-107 | Spring Launch       | Video   | North        | €55                | 2.0 reported, 1.39 incremental | ≈ 2,330, from 2025-03-15 |
 *
 * Expected daily clicks of a row = clicks/day × the channel's segment share × its device
 * share × the day's factor × the region-day factor × row noise (lognormal, mean 1, σ 0.1);
 * impressions are Poisson with mean clicks ÷ CTR, clicks binomial(impressions, CTR), leads
 * binomial(clicks, CVR ÷ q), conversions binomial(leads, q), where CVR is the channel ×
 * segment rate below and q the channel's lead-to-conversion rate. Spend is clicks × the
 * campaign's cost per click (set so that expected revenue ÷ spend is its ROAS) × noise (σ 0.1);
 * revenue is conversions × its revenue per conversion × noise (σ 0.2). Device does not change rates.
 *
 * ## Planted effects
 * 1. **A launch with a known lift.** CMP-107 `Spring Launch` (Video) first appears on
 *    2025-03-15 and runs in North only, at a constant expected 60 reported conversions
 *    (€3,300 revenue, €1,650 spend) per day, with no weekly pattern. A third of them, 20
 *    conversions per day, are **cannibalised**: taken from CMP-101 Brand Search in North
 *    (each of its conversions removed with the probability that removes 20 a day in
 *    expectation, with their €50 each). So North's daily total conversions rise by
 *    **+40 per day** and its revenue by **+€2,300 per day** (3,300 − 20 × 50); South, East
 *    and West are unaffected. Before the launch all regions share one daily factor (trend
 *    0.92 → 1.08 over the period, weekly pattern Mon … Sun 1.08, 1.1, 1.08, 1.04, 0.98, 0.82,
 *    0.9, ×1.12 from 2 to 20 December, ×0.8 from 24 December to 1 January, and a shared
 *    lognormal noise with σ 0.08) times independent region-day noise (σ 0.02), so the other
 *    regions are good controls for a counterfactual.
 * 2. **A channel that wins in one segment only.** Conversion rate (conversions ÷ clicks):
 *
 *    | channel | 18-24 | 25-34 | 35-54 | 55+   | segment share of clicks | desktop | CTR   | q    |
 *    | ------- | ----- | ----- | ----- | ----- | ----------------------- | ------- | ----- | ---- |
 *    | Search  | 4.5 % | 5.5 % | 6.0 % | 5.5 % | 20, 30, 30, 20 %        | 45 %    | 4 %   | 0.45 |
 *    | Social  | **9.0 %** | 4.0 % | 3.0 % | 2.5 % | 40, 30, 20, 10 %    | 15 %    | 1.2 % | 0.5  |
 *    | Email   | 5.0 % | 6.5 % | 7.0 % | 7.5 % | 10, 25, 35, 30 %        | 50 %    | 3 %   | 0.55 |
 *    | Display | 2.5 % | 3.0 % | 3.0 % | 3.0 % | 20, 30, 30, 20 %        | 40 %    | 0.4 % | 0.4  |
 *    | Video   | 3.0 % | 2.5 % | 2.5 % | 2.0 % | 30, 30, 25, 15 %        | 30 %    | 0.8 % | 0.4  |
 *
 *    Social converts best of all channels in 18-24 only (9.0 % against at most 5.0 %) and at
 *    or below the average elsewhere; over all segments its rate (≈ 5.7 %) is close to
 *    Search's, so only a breakdown by segment shows it. (Display Prospecting converts at half
 *    the Display rates, and Brand Search North loses its cannibalised conversions after the launch.)
 * 3. **A wasteful campaign.** CMP-106 Display Prospecting: ROAS 0.3, about 4.4 conversions a
 *    day at ≈ €133 each (the others €12.50 … €21.43, CMP-107 €27.50 reported), and nothing else: it moves no other campaign.
 * 4. The other campaigns keep their ROAS (2.0 … 4.0) all period; CMP-101's drops after the
 *    launch, by the cannibalised conversions.
 *
 * ## Planted bad rows in campaigns.csv (fixed counts, whatever the scale)
 * - Label spellings on real rows (not extra): 20 rows of CMP-103 with channel `social`,
 *   10 of CMP-102 with ` Search ` (spaces around it), 5 of CMP-104 with `EMAIL`.
 * - Extra rows, 9 in all: 6 exact duplicates of the row before them; 1 copy of the row
 *   before with its spend negative; 1 row with `leads` empty and 1 with `device` empty, each
 *   with fixed small numbers of its own (see `PLANTED_CAMPAIGNS.dirty`): a reader that
 *   keeps them adds exactly those numbers (to South, before the launch).
 *
 * ## The experiment (see `PLANTED_EXPERIMENT`)
 * - 24,000 users at scale 1, each assigned `control` or `treatment` with probability ½
 *   (≈ 12,000 each), exposed once at a time drawn over the 21 days (weekends at 0.8 the
 *   weekday rate, busier in the evening). Conversion: control **10.0 %**, treatment
 *   **11.5 %** (+1.5 points). A converter's revenue is lognormal with mean €40 (σ 0.5 of
 *   the log, median ≈ €35.30) in both variants.
 * - Planted bad rows (at scale 1; proportional, at least 1 each), all extra, so dropping them
 *   leaves the clean exposures exactly:
 *   - 50 contaminated users, extra users with one row in each variant (the second later);
 *   - 100 repeated exposures: a clean user's row again (same variant, page, converted and
 *     revenue) at a later timestamp;
 *   - 80 page mismatches: extra users with one row whose landing page is the other
 *     variant's (`control` with `new_page` or `treatment` with `old_page`).
 */
import { dayFromYmd, dayLabel } from "../time/calendar.ts";
import type { DemoOptions } from "./generate.ts";
import { createRand, cumulative, lognormal, pick, poisson, randomInt, type Rand } from "./random.ts";

/** Receives CSV lines without the line break, in file order, headers excluded. */
export interface CampaignsSink {
  campaign(line: string): void;
  experiment(line: string): void;
}

export const CAMPAIGNS_HEADER = "date,campaign_id,campaign_name,channel,region,segment,device,impressions,clicks,leads,conversions,spend,revenue";
export const EXPERIMENT_HEADER = "user_id,timestamp,variant,landing_page,converted,revenue";

/** The campaign demo files, as `romi demo-data --kind campaigns` names them. */
export const CAMPAIGN_FILES = { campaigns: "campaigns.csv", experiment: "experiment.csv" } as const;

/** The period of campaigns.csv (2024-12-01 … 2025-05-31). */
export const CAMPAIGNS_PERIOD = { from: "2024-12-01", to: "2025-05-31", days: 182 } as const;

export const CHANNELS = ["Search", "Social", "Email", "Display", "Video"] as const;
export type Channel = (typeof CHANNELS)[number];
export const REGIONS = ["North", "South", "East", "West"] as const;
export type Region = (typeof REGIONS)[number];
export const SEGMENTS = ["18-24", "25-34", "35-54", "55+"] as const;
export type Segment = (typeof SEGMENTS)[number];
export const DEVICES = ["Desktop", "Mobile"] as const;

interface ChannelPlan {
  /** Clicks ÷ impressions. */
  readonly ctr: number;
  /** Conversions ÷ clicks, by segment in `SEGMENTS` order. */
  readonly cvr: readonly [number, number, number, number];
  /** Conversions ÷ leads. */
  readonly leadToConversion: number;
  /** Share of the campaign's clicks, by segment in `SEGMENTS` order (sums to 1). */
  readonly segmentShare: readonly [number, number, number, number];
  /** Share of clicks on Desktop; the rest are on Mobile. */
  readonly desktop: number;
}

// prettier-ignore
const CHANNEL_PLANS: Readonly<Record<Channel, ChannelPlan>> = {
  Search: { ctr: 0.04, cvr: [0.045, 0.055, 0.06, 0.055], leadToConversion: 0.45, segmentShare: [0.2, 0.3, 0.3, 0.2], desktop: 0.45 },
  Social: { ctr: 0.012, cvr: [0.09, 0.04, 0.03, 0.025], leadToConversion: 0.5, segmentShare: [0.4, 0.3, 0.2, 0.1], desktop: 0.15 },
  Email: { ctr: 0.03, cvr: [0.05, 0.065, 0.07, 0.075], leadToConversion: 0.55, segmentShare: [0.1, 0.25, 0.35, 0.3], desktop: 0.5 },
  Display: { ctr: 0.004, cvr: [0.025, 0.03, 0.03, 0.03], leadToConversion: 0.4, segmentShare: [0.2, 0.3, 0.3, 0.2], desktop: 0.4 },
  Video: { ctr: 0.008, cvr: [0.03, 0.025, 0.025, 0.02], leadToConversion: 0.4, segmentShare: [0.3, 0.3, 0.25, 0.15], desktop: 0.3 },
};

/** A campaign as planted. */
export interface CampaignPlan {
  readonly id: string;
  readonly name: string;
  readonly channel: Channel;
  readonly regions: readonly Region[];
  /** Expected clicks per region and day at scale 1 and a day factor of 1. */
  readonly clicksPerDay: number;
  /** Mean revenue per conversion, EUR. */
  readonly revenuePerConversion: number;
  /** Expected revenue ÷ spend (for CMP-107: reported, counting its cannibalised conversions). */
  readonly roas: number;
  /** Multiplies the channel's conversion rates. */
  readonly cvrFactor: number;
  /** First day it runs (`YYYY-MM-DD`). */
  readonly from: string;
}

const LAUNCH = {
  campaignId: "CMP-107",
  date: "2025-03-15",
  region: "North",
  /** Days from the launch to the end of the period, both included. */
  days: 78,
  reportedConversionsPerDay: 60,
  cannibalisedConversionsPerDay: 20,
  cannibalisedFraction: 1 / 3,
  cannibalisedFrom: "CMP-101",
  incrementalConversionsPerDay: 40,
  reportedRevenuePerDay: 3300,
  cannibalisedRevenuePerDay: 1000,
  incrementalRevenuePerDay: 2300,
  spendPerDay: 1650,
  reportedRoas: 2,
  incrementalRoas: 2300 / 1650,
} as const;

/** The average conversion rate of a channel over its segment mix. */
const mixCvr = (channel: Channel): number => {
  const plan = CHANNEL_PLANS[channel];
  return plan.cvr.reduce((sum, rate, s) => sum + rate * (plan.segmentShare[s] ?? 0), 0);
};

// prettier-ignore
const CAMPAIGNS: readonly CampaignPlan[] = [
  { id: "CMP-101", name: "Brand Search", channel: "Search", regions: ["North", "South"], clicksPerDay: 1400, revenuePerConversion: 50, roas: 4, cvrFactor: 1, from: CAMPAIGNS_PERIOD.from },
  { id: "CMP-102", name: "Generic Search", channel: "Search", regions: ["East", "West"], clicksPerDay: 1500, revenuePerConversion: 45, roas: 2.2, cvrFactor: 1, from: CAMPAIGNS_PERIOD.from },
  { id: "CMP-103", name: "Social Feed", channel: "Social", regions: ["North", "West"], clicksPerDay: 1000, revenuePerConversion: 40, roas: 2, cvrFactor: 1, from: CAMPAIGNS_PERIOD.from },
  { id: "CMP-104", name: "Newsletter", channel: "Email", regions: ["South"], clicksPerDay: 800, revenuePerConversion: 55, roas: 3.5, cvrFactor: 1, from: CAMPAIGNS_PERIOD.from },
  { id: "CMP-105", name: "Retargeting", channel: "Display", regions: ["East"], clicksPerDay: 1500, revenuePerConversion: 60, roas: 2.8, cvrFactor: 1, from: CAMPAIGNS_PERIOD.from },
  { id: "CMP-106", name: "Display Prospecting", channel: "Display", regions: ["East"], clicksPerDay: 300, revenuePerConversion: 40, roas: 0.3, cvrFactor: 0.5, from: CAMPAIGNS_PERIOD.from },
  { id: "CMP-107", name: "Spring Launch", channel: "Video", regions: ["North"], clicksPerDay: LAUNCH.reportedConversionsPerDay / mixCvr("Video"), revenuePerConversion: 55, roas: LAUNCH.reportedRoas, cvrFactor: 1, from: LAUNCH.date },
];

/** Extra rows with fixed numbers (not scaled), each after the row of the same date, campaign, region and segment (Desktop). */
const EMPTY_LEADS_ROW = "2025-02-10,CMP-104,Newsletter,Email,South,55+,Desktop,1500,40,,2,18.40,104.50";
const EMPTY_DEVICE_ROW = "2025-01-20,CMP-104,Newsletter,Email,South,35-54,,1200,30,4,2,14.10,96.80";

/**
 * The planted truth of campaigns.csv at scale 1 (per-day amounts scale with
 * `--scale`; the bad rows do not). Rates are conversions ÷ clicks by channel
 * and segment; ROAS is expected revenue ÷ spend.
 */
export const PLANTED_CAMPAIGNS = {
  period: CAMPAIGNS_PERIOD,
  campaigns: CAMPAIGNS,
  /** CMP-107: reported = incremental + cannibalised (from CMP-101 in North). */
  launch: LAUNCH,
  segmentWinner: {
    channel: "Social",
    segment: "18-24",
    conversionRate: Object.fromEntries(CHANNELS.map((c) => [c, Object.fromEntries(SEGMENTS.map((s, i) => [s, CHANNEL_PLANS[c].cvr[i]]))])) as Readonly<
      Record<Channel, Readonly<Record<Segment, number>>>
    >,
  },
  wasteful: { campaignId: "CMP-106", roas: 0.3, costPerConversion: 40 / 0.3, conversionsPerDay: 300 * 0.5 * mixCvr("Display") },
  /** Per day shared by every region (before noise): weekly factors Monday … Sunday. */
  weekly: [1.08, 1.1, 1.08, 1.04, 0.98, 0.82, 0.9],
  dirty: {
    /** Real rows whose channel is spelled differently (not extra). */
    labelVariants: { social: 20, " Search ": 10, EMAIL: 5 },
    duplicates: 6,
    negativeSpend: 1,
    emptyLeads: { rows: 1, line: EMPTY_LEADS_ROW },
    emptyDevice: { rows: 1, line: EMPTY_DEVICE_ROW },
    /** Rows beyond the grid: duplicates, negative spend, empty leads, empty device. */
    extraRows: 9,
  },
  /** Rows of the grid (clean), and with the extra rows. */
  gridRows: 13_728,
  rows: 13_737,
} as const;

/** The period of experiment.csv (2025-04-01 … 2025-04-21). */
export const EXPERIMENT_PERIOD = { from: "2025-04-01", to: "2025-04-21", days: 21 } as const;

/** The planted truth of experiment.csv at scale 1 (users and bad rows scale with `--scale`). */
export const PLANTED_EXPERIMENT = {
  period: EXPERIMENT_PERIOD,
  /** Clean users, each in `control` or `treatment` with probability ½. */
  users: 24_000,
  variants: { control: "old_page", treatment: "new_page" },
  conversionRate: { control: 0.1, treatment: 0.115 },
  absoluteLift: 0.015,
  /** A converter's revenue: lognormal with this mean and σ of the log, in both variants. */
  revenuePerConverter: { mean: 40, sigma: 0.5 },
  dirty: { contaminatedUsers: 50, repeatedExposures: 100, pageMismatches: 80 },
} as const;

/**
 * The experiment's planted bad rows at a scale: proportional, at least 1 each.
 * @example plantedExperimentCounts(1); // => { contaminatedUsers: 50, repeatedExposures: 100, pageMismatches: 80 }
 * @example plantedExperimentCounts(0.001); // => { contaminatedUsers: 1, repeatedExposures: 1, pageMismatches: 1 }
 */
export function plantedExperimentCounts(scale: number): { contaminatedUsers: number; repeatedExposures: number; pageMismatches: number } {
  const n = (atScale1: number): number => Math.max(1, Math.round(atScale1 * scale));
  const d = PLANTED_EXPERIMENT.dirty;
  return { contaminatedUsers: n(d.contaminatedUsers), repeatedExposures: n(d.repeatedExposures), pageMismatches: n(d.pageMismatches) };
}

const FIRST_DAY = dayFromYmd(2024, 12, 1);
const DAYS = CAMPAIGNS_PERIOD.days;
const LAUNCH_DAY = dayFromYmd(2025, 3, 15) - FIRST_DAY;
const TREND_FROM = 0.92;
const TREND_TO = 1.08;
const SHARED_SIGMA = 0.08;
const REGION_SIGMA = 0.02;
const ROW_SIGMA = 0.1;
const SPEND_SIGMA = 0.1;
const REVENUE_SIGMA = 0.2;

/** Monday-based weekday of a day number (1970-01-01, day 0, is a Thursday). */
const weekday = (day: number): number => (day + 3) % 7;

/** The shared factor of a day of the period before noise: trend × weekday × holidays. */
function dayFactor(d: number): number {
  const day = FIRST_DAY + d;
  const trend = TREND_FROM + ((TREND_TO - TREND_FROM) * d) / (DAYS - 1);
  const holidays =
    day >= dayFromYmd(2024, 12, 2) && day <= dayFromYmd(2024, 12, 20) ? 1.12 : day >= dayFromYmd(2024, 12, 24) && day <= dayFromYmd(2025, 1, 1) ? 0.8 : 1;
  return trend * (PLANTED_CAMPAIGNS.weekly[weekday(day)] ?? 1) * holidays;
}

/** A lognormal factor with mean 1. */
const noise = (rand: Rand, sigma: number): number => lognormal(rand, Math.exp(-(sigma * sigma) / 2), sigma);

/**
 * A draw from the binomial distribution: successes in `n` trials of probability
 * `p`, by counting geometric waiting times (exact; O(n·min(p, 1-p)) draws).
 * @example binomial(() => 0.5, 0, 0.3); // => 0
 * @example binomial(() => 0.5, 10, 1); // => 10
 */
export function binomial(rand: Rand, n: number, p: number): number {
  if (!(p >= 0 && p <= 1) || !(n >= 0) || !Number.isInteger(n)) throw new Error(`invalid binomial: ${n}, ${p}`);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  if (p > 0.5) return n - binomial(rand, n, 1 - p);
  const logq = Math.log(1 - p);
  let successes = 0;
  let trials = 0;
  for (;;) {
    trials += Math.floor(Math.log(1 - rand()) / logq) + 1;
    if (trials > n) return successes;
    successes++;
  }
}

/**
 * `12.30` for 1230 cents, `-12.30` for -1230.
 * @example money(-1230); // => "-12.30"
 */
function money(cents: number): string {
  const abs = Math.abs(cents);
  const rest = abs % 100;
  return `${cents < 0 ? "-" : ""}${Math.floor(abs / 100)}.${rest < 10 ? "0" : ""}${rest}`;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** What happens at a row of the grid besides writing it. */
type Plant = { readonly label: string } | { readonly after: "duplicate" | "negative" | "emptyLeads" | "emptyDevice" };

/** Key of a grid row: day index, campaign index, region, segment index, device index. */
const rowKey = (d: number, c: number, region: string, s: number, v: number): string => `${d}|${c}|${region}|${s}|${v}`;

/** Day indexes of `n` rows spread evenly over the period. */
const spread = (n: number, k: number): number => Math.floor(((k + 0.5) * DAYS) / n);

/** Where the bad rows go: fixed for every seed and scale. */
function plantMap(): Map<string, Plant[]> {
  const map = new Map<string, Plant[]>();
  const add = (key: string, plant: Plant): void => {
    const list = map.get(key);
    if (list) list.push(plant);
    else map.set(key, [plant]);
  };
  const campaign = (id: string): number => CAMPAIGNS.findIndex((c) => c.id === id);
  const regionOf = (c: number, k: number): string => {
    const regions = CAMPAIGNS[c]?.regions ?? [];
    return regions[k % regions.length] ?? "";
  };
  for (const [label, id] of [
    ["social", "CMP-103"],
    [" Search ", "CMP-102"],
    ["EMAIL", "CMP-104"],
  ] as const) {
    const c = campaign(id);
    const n = PLANTED_CAMPAIGNS.dirty.labelVariants[label];
    for (let k = 0; k < n; k++) add(rowKey(spread(n, k), c, regionOf(c, k), k % 4, (k >> 2) % 2), { label });
  }
  // Duplicates: outside the launch region.
  const duplicates = [
    ["CMP-102", "East"],
    ["CMP-103", "West"],
    ["CMP-104", "South"],
    ["CMP-105", "East"],
    ["CMP-106", "East"],
    ["CMP-102", "West"],
  ] as const;
  duplicates.forEach(([id, region], k) => {
    add(rowKey(spread(duplicates.length, k) + 3, campaign(id), region, (k + 1) % 4, k % 2), { after: "duplicate" });
  });
  const day = (ymd: string): number => dayFromYmd(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)), Number(ymd.slice(8, 10))) - FIRST_DAY;
  add(rowKey(day("2025-01-10"), campaign("CMP-105"), "East", 1, 1), { after: "negative" });
  add(rowKey(day("2025-02-10"), campaign("CMP-104"), "South", 3, 0), { after: "emptyLeads" });
  add(rowKey(day("2025-01-20"), campaign("CMP-104"), "South", 2, 0), { after: "emptyDevice" });
  return map;
}

/**
 * Writes campaigns.csv and then experiment.csv into `sink`. Pure: the output
 * depends only on `seed` and `scale`.
 * @example
 * const rows: string[] = [];
 * generateCampaigns({ seed: 1, scale: 1 }, { campaign: (l) => rows.push(l), experiment() {} });
 * rows.length; // => 13737
 */
export function generateCampaigns(options: DemoOptions, sink: CampaignsSink): void {
  const { seed, scale } = options;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new Error(`invalid scale: ${scale}`);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`invalid seed: ${seed}`);
  writeCampaigns(createRand(seed, 21), scale, sink);
  writeExperiment(createRand(seed, 22), scale, sink);
}

function writeCampaigns(rand: Rand, scale: number, sink: CampaignsSink): void {
  const plants = plantMap();
  const cannibalised = CAMPAIGNS.findIndex((c) => c.id === LAUNCH.cannibalisedFrom);
  /** Cost per click: revenue per conversion × the campaign's mean conversion rate ÷ ROAS. */
  const cpc = CAMPAIGNS.map((c) => (c.revenuePerConversion * c.cvrFactor * mixCvr(c.channel)) / c.roas);
  const starts = CAMPAIGNS.map((c) => dayFromYmd(Number(c.from.slice(0, 4)), Number(c.from.slice(5, 7)), Number(c.from.slice(8, 10))) - FIRST_DAY);
  const cells = SEGMENTS.length * DEVICES.length;
  const lambda = new Float64Array(cells);

  for (let d = 0; d < DAYS; d++) {
    const date = dayLabel(FIRST_DAY + d);
    const shared = dayFactor(d) * noise(rand, SHARED_SIGMA);
    const regional = REGIONS.map(() => noise(rand, REGION_SIGMA));
    for (let c = 0; c < CAMPAIGNS.length; c++) {
      const campaign = CAMPAIGNS[c] as CampaignPlan;
      if (d < (starts[c] ?? 0)) continue;
      const channel = CHANNEL_PLANS[campaign.channel];
      const launched = campaign.id === LAUNCH.campaignId;
      for (const region of campaign.regions) {
        // The launched campaign has a constant expected level; the others follow the shared and regional factors.
        const factor = launched ? 1 : shared * (regional[REGIONS.indexOf(region)] ?? 1);
        let expectedConversions = 0;
        for (let s = 0; s < SEGMENTS.length; s++) {
          for (let v = 0; v < DEVICES.length; v++) {
            const device = v === 0 ? channel.desktop : 1 - channel.desktop;
            const l = campaign.clicksPerDay * scale * (channel.segmentShare[s] ?? 0) * device * factor * noise(rand, ROW_SIGMA);
            lambda[s * DEVICES.length + v] = l;
            expectedConversions += l * (channel.cvr[s] ?? 0) * campaign.cvrFactor;
          }
        }
        // Cannibalisation: remove LAUNCH.cannibalisedConversionsPerDay (× scale) in expectation.
        const remove =
          c === cannibalised && region === LAUNCH.region && d >= LAUNCH_DAY
            ? Math.min(1, (LAUNCH.cannibalisedConversionsPerDay * scale) / expectedConversions)
            : 0;
        for (let s = 0; s < SEGMENTS.length; s++) {
          const cvr = (channel.cvr[s] ?? 0) * campaign.cvrFactor;
          for (let v = 0; v < DEVICES.length; v++) {
            const l = lambda[s * DEVICES.length + v] ?? 0;
            const impressions = poisson(rand, l / channel.ctr);
            const clicks = binomial(rand, impressions, channel.ctr);
            const leads = binomial(rand, clicks, cvr / channel.leadToConversion);
            let conversions = binomial(rand, leads, channel.leadToConversion);
            if (remove > 0) conversions -= binomial(rand, conversions, remove);
            const spend = Math.round(100 * clicks * (cpc[c] ?? 0) * noise(rand, SPEND_SIGMA));
            const revenue = Math.round(100 * conversions * campaign.revenuePerConversion * noise(rand, REVENUE_SIGMA));
            const planted = plants.get(rowKey(d, c, region, s, v)) ?? [];
            let label: string = campaign.channel;
            for (const p of planted) if ("label" in p) label = p.label;
            const head = `${date},${campaign.id},${campaign.name},${label},${region},${SEGMENTS[s]},${DEVICES[v]},${impressions},${clicks}`;
            const line = `${head},${leads},${conversions},${money(spend)},${money(revenue)}`;
            sink.campaign(line);
            for (const p of planted) {
              if (!("after" in p)) continue;
              if (p.after === "duplicate") sink.campaign(line);
              else if (p.after === "negative") sink.campaign(`${head},${leads},${conversions},${money(-spend)},${money(revenue)}`);
              else if (p.after === "emptyLeads") sink.campaign(EMPTY_LEADS_ROW);
              else sink.campaign(EMPTY_DEVICE_ROW);
            }
          }
        }
      }
    }
  }
}

/** Relative busyness of each hour of the day in the experiment. */
const HOURS = cumulative([2, 1, 1, 1, 1, 1, 2, 4, 6, 7, 8, 8, 8, 8, 8, 8, 8, 9, 10, 11, 11, 10, 7, 4]);
const EXPERIMENT_FIRST_DAY = dayFromYmd(2025, 4, 1);
const EXPERIMENT_SECONDS = EXPERIMENT_PERIOD.days * 86_400;
/** Days of the experiment weighted by weekday (weekends at 0.8). */
const EXPERIMENT_DAYS = cumulative(Array.from({ length: EXPERIMENT_PERIOD.days }, (_, d) => (weekday(EXPERIMENT_FIRST_DAY + d) >= 5 ? 0.8 : 1)));
/** Six-digit user ids: 100000 + (k × ID_STEP + offset) mod 900000, a bijection as gcd(ID_STEP, 900000) = 1. */
const ID_SPAN = 900_000;
const ID_STEP = 386_371;

interface Exposure {
  readonly t: number;
  readonly line: string;
}

function writeExperiment(rand: Rand, scale: number, sink: CampaignsSink): void {
  const planted = plantedExperimentCounts(scale);
  const users = Math.round(PLANTED_EXPERIMENT.users * scale);
  const offset = randomInt(rand, ID_SPAN);
  let next = 0;
  const newId = (): string => String(100_000 + ((next++ * ID_STEP + offset) % ID_SPAN));
  const time = (): number => pick(rand, EXPERIMENT_DAYS) * 86_400 + pick(rand, HOURS) * 3600 + randomInt(rand, 3600);
  const stamp = (t: number): string => {
    const s = t % 86_400;
    return `${dayLabel(EXPERIMENT_FIRST_DAY + Math.floor(t / 86_400))} ${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;
  };
  const { mean, sigma } = PLANTED_EXPERIMENT.revenuePerConverter;
  const outcome = (treatment: boolean): string => {
    const rate = treatment ? PLANTED_EXPERIMENT.conversionRate.treatment : PLANTED_EXPERIMENT.conversionRate.control;
    if (rand() >= rate) return "0,0.00";
    return `1,${money(Math.max(1, Math.round(100 * lognormal(rand, mean * Math.exp(-(sigma * sigma) / 2), sigma))))}`;
  };
  const row = (id: string, t: number, treatment: boolean, page: boolean, result: string): Exposure => ({
    t,
    line: `${id},${stamp(t)},${treatment ? "treatment" : "control"},${page ? "new_page" : "old_page"},${result}`,
  });

  const rows: Exposure[] = [];
  for (let u = 0; u < users; u++) {
    const treatment = rand() < 0.5;
    rows.push(row(newId(), time(), treatment, treatment, outcome(treatment)));
  }
  const clean = rows.length;
  // Repeated exposures: clean users seen again later in the same variant.
  for (let k = 0; k < planted.repeatedExposures && clean > 0; k++) {
    const first = rows[Math.floor(((k + 0.5) * clean) / planted.repeatedExposures)] as Exposure;
    const t = first.t + 1 + randomInt(rand, Math.max(1, EXPERIMENT_SECONDS - 1 - first.t));
    const fields = first.line.split(",");
    rows.push({ t: Math.min(t, EXPERIMENT_SECONDS - 1), line: [fields[0], stamp(Math.min(t, EXPERIMENT_SECONDS - 1)), ...fields.slice(2)].join(",") });
  }
  // Contaminated users: extra users exposed to both variants, the second later.
  for (let k = 0; k < planted.contaminatedUsers; k++) {
    const id = newId();
    const a = time();
    const b = time();
    const firstTreatment = rand() < 0.5;
    let first = Math.min(a, b);
    let second = Math.max(a, b);
    if (first === second) {
      if (second < EXPERIMENT_SECONDS - 1) second++;
      else first--;
    }
    rows.push(row(id, first, firstTreatment, firstTreatment, outcome(firstTreatment)));
    rows.push(row(id, second, !firstTreatment, !firstTreatment, outcome(!firstTreatment)));
  }
  // Page mismatches: extra users shown the other variant's page.
  for (let k = 0; k < planted.pageMismatches; k++) {
    const treatment = rand() < 0.5;
    rows.push(row(newId(), time(), treatment, !treatment, outcome(!treatment)));
  }
  // Time order; a stable sort keeps ties in the order drawn.
  const order = rows.map((_, i) => i).sort((i, j) => (rows[i]?.t ?? 0) - (rows[j]?.t ?? 0) || i - j);
  for (const i of order) sink.experiment(rows[i]?.line ?? "");
}
