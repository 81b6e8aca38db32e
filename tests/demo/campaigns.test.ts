import { describe, expect, it } from "vitest";
import {
  CAMPAIGNS_HEADER,
  EXPERIMENT_HEADER,
  PLANTED_CAMPAIGNS,
  PLANTED_EXPERIMENT,
  binomial,
  generateCampaigns,
  plantedExperimentCounts,
} from "../../src/demo/campaigns.ts";
import { createRand } from "../../src/demo/random.ts";

interface Demo {
  campaigns: string[];
  experiment: string[];
}

function generate(seed: number, scale: number): Demo {
  const demo: Demo = { campaigns: [], experiment: [] };
  generateCampaigns({ seed, scale }, { campaign: (l) => demo.campaigns.push(l), experiment: (l) => demo.experiment.push(l) });
  return demo;
}

/** A campaigns.csv row, its channel label trimmed and in title case. */
interface Row {
  date: string;
  campaign: string;
  channel: string;
  region: string;
  segment: string;
  device: string;
  impressions: number;
  clicks: number;
  leads: number;
  conversions: number;
  spend: number;
  revenue: number;
}

function parse(line: string): Row {
  const [date = "", campaign = "", , channel = "", region = "", segment = "", device = "", ...numbers] = line.split(",");
  const [impressions, clicks, leads, conversions, spend, revenue] = numbers.map((n) => (n === "" ? Number.NaN : Number(n)));
  const label = channel.trim().toLowerCase();
  return {
    date,
    campaign,
    channel: label.charAt(0).toUpperCase() + label.slice(1),
    region,
    segment,
    device,
    impressions: impressions ?? Number.NaN,
    clicks: clicks ?? Number.NaN,
    leads: leads ?? Number.NaN,
    conversions: conversions ?? Number.NaN,
    spend: spend ?? Number.NaN,
    revenue: revenue ?? Number.NaN,
  };
}

/** The clean rows: exact duplicates dropped, and rows with negative spend or an empty field. */
function clean(lines: readonly string[]): Row[] {
  const seen = new Set<string>();
  const rows: Row[] = [];
  for (const line of lines) {
    if (seen.has(line)) continue;
    seen.add(line);
    const row = parse(line);
    if (row.device === "" || Number.isNaN(row.leads) || row.spend < 0) continue;
    rows.push(row);
  }
  return rows;
}

const REGIONS = ["North", "South", "East", "West"];
const LAUNCH = "2025-03-15";

/** Sum of `value` per date and region: `[date, [North, South, East, West]]` in date order. */
function dailyByRegion(rows: readonly Row[], value: (row: Row) => number): [string, number[]][] {
  const byDate = new Map<string, number[]>();
  for (const row of rows) {
    const sums = byDate.get(row.date) ?? [0, 0, 0, 0];
    const r = REGIONS.indexOf(row.region);
    sums[r] = (sums[r] ?? 0) + value(row);
    byDate.set(row.date, sums);
  }
  return [...byDate].sort(([a], [b]) => (a < b ? -1 : 1));
}

/**
 * Mean daily effect on `treated` after the launch: treated minus k × controls,
 * where k is the pre-launch ratio of their totals (a ratio counterfactual).
 */
function ratioEffect(days: readonly [string, number[]][], treated: number, controls: readonly number[]): number {
  let preTreated = 0;
  let preControls = 0;
  const post: [number, number][] = [];
  for (const [date, sums] of days) {
    const t = sums[treated] ?? 0;
    const c = controls.reduce((s, i) => s + (sums[i] ?? 0), 0);
    if (date < LAUNCH) {
      preTreated += t;
      preControls += c;
    } else post.push([t, c]);
  }
  const k = preTreated / preControls;
  return post.reduce((s, [t, c]) => s + t - k * c, 0) / post.length;
}

function correlation(xs: readonly number[], ys: readonly number[]): number {
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const y = ys[i] ?? 0;
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

/** Sums of clicks, conversions, spend and revenue over the rows that pass `keep`. */
function totals(rows: readonly Row[], keep: (row: Row) => boolean): { clicks: number; conversions: number; spend: number; revenue: number } {
  const t = { clicks: 0, conversions: 0, spend: 0, revenue: 0 };
  for (const row of rows) {
    if (!keep(row)) continue;
    t.clicks += row.clicks;
    t.conversions += row.conversions;
    t.spend += row.spend;
    t.revenue += row.revenue;
  }
  return t;
}

/** Two-proportion z statistic with the pooled standard error. */
function zTwoProportions(x1: number, n1: number, x2: number, n2: number): number {
  const p = (x1 + x2) / (n1 + n2);
  return (x1 / n1 - x2 / n2) / Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
}

// The committed data's seed and scale, generated once.
const committed = generate(1, 1);
const rows = clean(committed.campaigns);

describe("generateCampaigns: campaigns.csv", () => {
  it("generateCampaigns(options, sink) gives identical lines for the same seed and scale", () => {
    const again = generate(1, 1);
    expect(again.campaigns.join("\n")).toBe(committed.campaigns.join("\n"));
    expect(again.experiment.join("\n")).toBe(committed.experiment.join("\n"));
  });

  it("generateCampaigns(options, sink) gives different lines for a different seed", () => {
    const other = generate(2, 1);
    expect(other.campaigns.join("\n")).not.toBe(committed.campaigns.join("\n"));
    expect(other.experiment.join("\n")).not.toBe(committed.experiment.join("\n"));
  });

  it("generateCampaigns(options, sink) rejects a scale that is not positive and a bad seed", () => {
    const sink = { campaign() {}, experiment() {} };
    expect(() => generateCampaigns({ seed: 1, scale: 0 }, sink)).toThrow("invalid scale: 0");
    expect(() => generateCampaigns({ seed: -1, scale: 1 }, sink)).toThrow("invalid seed: -1");
  });

  it("exports the header, with 13 fields on every line", () => {
    expect(CAMPAIGNS_HEADER).toBe("date,campaign_id,campaign_name,channel,region,segment,device,impressions,clicks,leads,conversions,spend,revenue");
    expect(committed.campaigns.filter((line) => line.split(",").length !== 13)).toEqual([]);
  });

  it("writes one row per date × campaign × region × 4 segments × 2 devices: 13,728 clean rows and 9 extra", () => {
    // 9 (campaign, region) pairs × 182 days × 8 + CMP-107 in North × 78 days × 8.
    expect(rows.length).toBe(9 * 182 * 8 + 78 * 8);
    expect(committed.campaigns.length).toBe(9 * 182 * 8 + 78 * 8 + 9);
    const keys = new Set(rows.map((r) => `${r.date}|${r.campaign}|${r.region}|${r.segment}|${r.device}`));
    expect(keys.size).toBe(rows.length);
    expect(new Set(rows.map((r) => r.segment))).toEqual(new Set(["18-24", "25-34", "35-54", "55+"]));
    expect(new Set(rows.map((r) => r.device))).toEqual(new Set(["Desktop", "Mobile"]));
    expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(["Search", "Social", "Email", "Display", "Video"]));
  });

  it("dates every row from 2024-12-01 to 2025-05-31, 182 distinct days, in order", () => {
    const dates = committed.campaigns.map((line) => line.slice(0, 10));
    expect(dates.every((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(true);
    expect(dates[0]).toBe("2024-12-01");
    expect(dates.at(-1)).toBe("2025-05-31");
    expect(new Set(dates).size).toBe(182);
    expect(dates.every((d, i) => i === 0 || d >= (dates[i - 1] ?? ""))).toBe(true);
  });

  it("keeps counts nested (conversions ≤ leads ≤ clicks ≤ impressions) and money with 2 decimals", () => {
    const bad = rows.filter((r) => !(r.conversions <= r.leads && r.leads <= r.clicks && r.clicks <= r.impressions && r.spend >= 0 && r.revenue >= 0));
    expect(bad).toEqual([]);
    const money = committed.campaigns.filter((line) => {
      const f = line.split(",");
      return !/^-?\d+\.\d\d$/.test(f[11] ?? "") || !/^\d+\.\d\d$/.test(f[12] ?? "");
    });
    expect(money).toEqual([]);
  });

  it("starts CMP-107 on 2025-03-15 in North only, with about 60 reported conversions a day", () => {
    const launched = rows.filter((r) => r.campaign === "CMP-107");
    expect(launched.reduce((min, r) => (r.date < min ? r.date : min), "9999")).toBe(LAUNCH);
    expect(new Set(launched.map((r) => r.region))).toEqual(new Set(["North"]));
    const t = totals(launched, () => true);
    // 60 a day in expectation; Poisson-like noise on 4,680 is about ±70 (±0.9 a day).
    expect(t.conversions / 78).toBeGreaterThan(57);
    expect(t.conversions / 78).toBeLessThan(63);
    expect(t.revenue / t.spend).toBeGreaterThan(1.85);
    expect(t.revenue / t.spend).toBeLessThan(2.15);
  });

  it("raises North's daily conversions by about +40 and revenue by about +2,300 after the launch, against the other regions", () => {
    const conversions = dailyByRegion(rows, (r) => r.conversions);
    const revenue = dailyByRegion(rows, (r) => r.revenue);
    expect(ratioEffect(conversions, 0, [1, 2, 3])).toBeGreaterThan(34);
    expect(ratioEffect(conversions, 0, [1, 2, 3])).toBeLessThan(46);
    expect(ratioEffect(revenue, 0, [1, 2, 3])).toBeGreaterThan(1900);
    expect(ratioEffect(revenue, 0, [1, 2, 3])).toBeLessThan(2700);
    // Placebo: South against East and West moves by about 0.
    expect(Math.abs(ratioEffect(conversions, 1, [2, 3]))).toBeLessThan(6);
    expect(Math.abs(ratioEffect(revenue, 1, [2, 3]))).toBeLessThan(350);
  });

  it("has North and the other regions co-move before the launch", () => {
    const pre = dailyByRegion(rows, (r) => r.conversions).filter(([date]) => date < LAUNCH);
    const north = pre.map(([, s]) => s[0] ?? 0);
    const others = pre.map(([, s]) => (s[1] ?? 0) + (s[2] ?? 0) + (s[3] ?? 0));
    expect(correlation(north, others)).toBeGreaterThan(0.6);
  });

  it("takes about 20 conversions a day from CMP-101 in North after the launch (reported 60 − incremental 40)", () => {
    const brand = dailyByRegion(
      rows.filter((r) => r.campaign === "CMP-101"),
      (r) => r.conversions,
    );
    const effect = ratioEffect(brand, 0, [1]);
    expect(effect).toBeGreaterThan(-25);
    expect(effect).toBeLessThan(-15);
  });

  it("gives Social the best conversion rate in 18-24 only (9 % against at most 5 %), average or lower elsewhere", () => {
    const rate = (channel: string, segment: string): { x: number; n: number } => {
      const t = totals(rows, (r) => r.channel === channel && r.segment === segment);
      return { x: t.conversions, n: t.clicks };
    };
    const channels = ["Search", "Social", "Email", "Display", "Video"];
    const social = rate("Social", "18-24");
    expect(social.x / social.n).toBeGreaterThan(0.085);
    expect(social.x / social.n).toBeLessThan(0.095);
    for (const channel of channels.filter((c) => c !== "Social")) {
      const other = rate(channel, "18-24");
      expect(social.x / social.n - other.x / other.n).toBeGreaterThan(0.03);
      expect(zTwoProportions(social.x, social.n, other.x, other.n)).toBeGreaterThan(5);
    }
    for (const segment of ["25-34", "35-54", "55+"]) {
      const rates = channels.map((c) => rate(c, segment)).map(({ x, n }) => x / n);
      const mean = rates.reduce((a, b) => a + b, 0) / rates.length;
      const s = rate("Social", segment);
      expect(s.x / s.n).toBeLessThanOrEqual(mean);
    }
  });

  it("plants CMP-106 as wasteful: ROAS ≈ 0.3 and cost per conversion over 4 times every other campaign's", () => {
    const wasteful = totals(rows, (r) => r.campaign === "CMP-106");
    expect(wasteful.revenue / wasteful.spend).toBeGreaterThan(0.27);
    expect(wasteful.revenue / wasteful.spend).toBeLessThan(0.33);
    const cpa = wasteful.spend / wasteful.conversions;
    for (const id of ["CMP-101", "CMP-102", "CMP-103", "CMP-104", "CMP-105", "CMP-107"]) {
      const t = totals(rows, (r) => r.campaign === id);
      expect(cpa / (t.spend / t.conversions)).toBeGreaterThan(4);
    }
  });

  it("keeps the other campaigns' ROAS near their plan (between 1.5 and 4.2) before the launch", () => {
    const planned: Record<string, number> = { "CMP-101": 4, "CMP-102": 2.2, "CMP-103": 2, "CMP-104": 3.5, "CMP-105": 2.8 };
    for (const [id, roas] of Object.entries(planned)) {
      const t = totals(rows, (r) => r.campaign === id && r.date < LAUNCH);
      expect(t.revenue / t.spend).toBeGreaterThan(roas * 0.95);
      expect(t.revenue / t.spend).toBeLessThan(roas * 1.05);
    }
    expect(PLANTED_CAMPAIGNS.campaigns.map((c) => c.id)).toEqual(["CMP-101", "CMP-102", "CMP-103", "CMP-104", "CMP-105", "CMP-106", "CMP-107"]);
  });

  it("plants the documented bad rows: 20 `social`, 10 ` Search `, 5 `EMAIL`, 6 duplicates, 1 negative spend, 1 empty leads, 1 empty device", () => {
    const channels = new Map<string, number>();
    for (const line of committed.campaigns) {
      const label = line.split(",")[3] ?? "";
      channels.set(label, (channels.get(label) ?? 0) + 1);
    }
    expect(channels.get("social")).toBe(20);
    expect(channels.get(" Search ")).toBe(10);
    expect(channels.get("EMAIL")).toBe(5);
    expect(channels.size).toBe(8);

    const counts = new Map<string, number>();
    for (const line of committed.campaigns) counts.set(line, (counts.get(line) ?? 0) + 1);
    expect([...counts.values()].filter((n) => n > 1)).toEqual([2, 2, 2, 2, 2, 2]);
    const fields = committed.campaigns.map((line) => line.split(","));
    expect(fields.filter((f) => (f[11] ?? "").startsWith("-")).length).toBe(1);
    expect(committed.campaigns.filter((line) => line.split(",")[9] === "")).toEqual([PLANTED_CAMPAIGNS.dirty.emptyLeads.line]);
    expect(committed.campaigns.filter((line) => line.split(",")[6] === "")).toEqual([PLANTED_CAMPAIGNS.dirty.emptyDevice.line]);
    // The negative-spend row copies the row before it but for the sign.
    const i = fields.findIndex((f) => (f[11] ?? "").startsWith("-"));
    expect(committed.campaigns[i]?.replace(",-", ",")).toBe(committed.campaigns[i - 1]);
  });

  it("scales the expected counts linearly: scale 0.5 has about half the conversions, on the same grid", () => {
    const half = clean(generate(1, 0.5).campaigns);
    expect(half.length).toBe(rows.length);
    const ratio = totals(half, () => true).conversions / totals(rows, () => true).conversions;
    expect(ratio).toBeGreaterThan(0.48);
    expect(ratio).toBeLessThan(0.52);
  });
});

describe("generateCampaigns: experiment.csv", () => {
  const lines = committed.experiment;
  const parsed = lines.map((line) => {
    const [user = "", timestamp = "", variant = "", page = "", converted = "", revenue = ""] = line.split(",");
    return { user, timestamp, variant, page, converted, revenue: Number(revenue) };
  });

  it("exports the header, with 6 well-formed fields on every line", () => {
    expect(EXPERIMENT_HEADER).toBe("user_id,timestamp,variant,landing_page,converted,revenue");
    const bad = lines.filter(
      (line) => !/^[1-9]\d{5},2025-04-(0[1-9]|1\d|2[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d,(control|treatment),(old|new)_page,[01],\d+\.\d\d$/.test(line),
    );
    expect(bad).toEqual([]);
    expect(parsed.filter((r) => r.converted === "0" && r.revenue !== 0)).toEqual([]);
    expect(parsed.filter((r) => r.converted === "1" && !(r.revenue > 0))).toEqual([]);
  });

  it("writes exposures in time order from 2025-04-01 to 2025-04-21", () => {
    expect(parsed.every((r, i) => i === 0 || r.timestamp >= (parsed[i - 1]?.timestamp ?? ""))).toBe(true);
    expect(parsed[0]?.timestamp.slice(0, 10)).toBe("2025-04-01");
    expect(parsed.at(-1)?.timestamp.slice(0, 10)).toBe("2025-04-21");
  });

  it("plants 80 page mismatches, 50 users in both variants and 100 repeated exposures", () => {
    const mismatched = parsed.filter((r) => (r.variant === "control") !== (r.page === "old_page"));
    expect(mismatched.length).toBe(80);
    const variants = new Map<string, Set<string>>();
    for (const r of parsed) variants.set(r.user, (variants.get(r.user) ?? new Set()).add(r.variant));
    const contaminated = new Set([...variants].filter(([, v]) => v.size > 1).map(([u]) => u));
    expect(contaminated.size).toBe(50);
    expect(parsed.filter((r) => contaminated.has(r.user)).length).toBe(100);
    // Mismatches are users of their own: none is contaminated or repeated.
    const perUser = new Map<string, number>();
    for (const r of parsed) perUser.set(r.user, (perUser.get(r.user) ?? 0) + 1);
    expect(mismatched.filter((r) => perUser.get(r.user) !== 1)).toEqual([]);
    const repeats = [...perUser].filter(([u, n]) => n > 1 && !contaminated.has(u));
    expect(repeats.length).toBe(100);
    expect(repeats.every(([, n]) => n === 2)).toBe(true);
    expect(plantedExperimentCounts(1)).toEqual(PLANTED_EXPERIMENT.dirty);
  });

  it("converts 10.0 % of control and 11.5 % of treatment users once the bad rows are dropped", () => {
    const variants = new Map<string, Set<string>>();
    for (const r of parsed) variants.set(r.user, (variants.get(r.user) ?? new Set()).add(r.variant));
    const seen = new Set<string>();
    const n = { control: 0, treatment: 0 };
    const x = { control: 0, treatment: 0 };
    let revenue = 0;
    let converters = 0;
    for (const r of parsed) {
      if ((variants.get(r.user)?.size ?? 0) > 1 || (r.variant === "control") !== (r.page === "old_page") || seen.has(r.user)) continue;
      seen.add(r.user);
      const v = r.variant === "control" ? "control" : "treatment";
      n[v]++;
      if (r.converted === "1") {
        x[v]++;
        revenue += r.revenue;
        converters++;
      }
    }
    expect(n.control + n.treatment).toBe(24_000);
    // Equal split: 12,000 ± 3 standard deviations (≈ 77 each).
    expect(Math.abs(n.control - 12_000)).toBeLessThan(240);
    // Rates within 3 standard errors (≈ 0.27 and 0.29 points).
    expect(Math.abs(x.control / n.control - 0.1)).toBeLessThan(0.009);
    expect(Math.abs(x.treatment / n.treatment - 0.115)).toBeLessThan(0.009);
    expect(x.treatment / n.treatment - x.control / n.control).toBeGreaterThan(0.005);
    expect(zTwoProportions(x.treatment, n.treatment, x.control, n.control)).toBeGreaterThan(2);
    // Revenue per converter: mean 40, lognormal σ 0.5 (sd ≈ 21, so ± 2 over about 2,500).
    expect(Math.abs(revenue / converters - 40)).toBeLessThan(2);
  });

  it("scales users and bad rows: scale 0.1 has 2,400 clean users and 5, 10 and 8 planted rows", () => {
    const small = generate(1, 0.1).experiment;
    expect(plantedExperimentCounts(0.1)).toEqual({ contaminatedUsers: 5, repeatedExposures: 10, pageMismatches: 8 });
    expect(small.length).toBe(2400 + 2 * 5 + 10 + 8);
  });
});

describe("binomial", () => {
  it("binomial(rand, n, p) has mean n·p and variance n·p·(1 − p), for p below and above ½", () => {
    for (const p of [0.03, 0.3, 0.8]) {
      const rand = createRand(7);
      const draws = Array.from({ length: 4000 }, () => binomial(rand, 200, p));
      const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
      const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws.length - 1);
      const sd = Math.sqrt(200 * p * (1 - p));
      expect(Math.abs(mean - 200 * p)).toBeLessThan((4 * sd) / Math.sqrt(draws.length));
      expect(variance / sd ** 2).toBeGreaterThan(0.9);
      expect(variance / sd ** 2).toBeLessThan(1.1);
      expect(draws.every((k) => Number.isInteger(k) && k >= 0 && k <= 200)).toBe(true);
    }
  });
});
