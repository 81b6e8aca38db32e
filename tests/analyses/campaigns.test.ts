import { beforeAll, describe, expect, it } from "vitest";
import { runEngine } from "../../src/engine.ts";
import { CAMPAIGN_FILES, CAMPAIGNS_HEADER, EXPERIMENT_HEADER, generateCampaigns, PLANTED_CAMPAIGNS, PLANTED_EXPERIMENT } from "../../src/demo/campaigns.ts";
import type { Report } from "../../src/schema/report.ts";
import { dataDir, fact, lines, said } from "../helpers.ts";
import { reason } from "../../src/site/experiments.ts";
import { makeFormatter } from "../../src/words/format.ts";
import { warningText } from "../../src/words/warnings.ts";

const run = async (files: Record<string, string>): Promise<Report> => {
  const r = await runEngine({ dataDir: dataDir(files), configPath: null });
  expect(r.errors).toEqual([]);
  return r.report!;
};

const HEADER = "date,campaign_id,campaign_name,channel,region,segment,device,impressions,clicks,leads,conversions,spend,revenue";

describe("campaigns(tables) KPIs", () => {
  it("sums per group and computes CTR, CPC, conversion rate with its Wilson interval, CPA, ROAS and ROI by hand", async () => {
    const r = await run({
      "c.csv": lines(
        HEADER,
        "2025-01-01,C1,Spring,Email,North,18-24,Mobile,1000,100,10,10,50.00,200.00",
        "2025-01-02,C1,Spring,Email,North,18-24,,1000,100,,30,50.00,", // no device, no leads, no revenue
        "2025-01-02,C2,Summer,Social,South,25-34,Mobile,2000,50,5,60,100.00,50.00", // view-through: 60 conversions of 50 clicks
      ),
    });
    const kpis = r.series.campaign_kpis!;
    const email = kpis.find((k) => k.breakdown === "channel" && k.channel === "Email")!;
    expect(email).toMatchObject({ impressions: 2000, clicks: 200, conversions: 40, spend: 100, leads: 10, revenue: 200, view_through: false });
    expect(email.ctr).toBeCloseTo(0.1, 12);
    expect(email.cpc).toBeCloseTo(0.5, 12);
    expect(email.cvr).toBeCloseTo(0.2, 12);
    // statsmodels.stats.proportion.proportion_confint(40, 200, method="wilson") → (0.150452, 0.260855)
    expect(email.cvr_lo95).toBeCloseTo(0.150452, 6);
    expect(email.cvr_hi95).toBeCloseTo(0.260855, 6);
    expect(email.cpa).toBeCloseTo(2.5, 12);
    // Only the row with revenue counts: 200 ÷ 50.
    expect(email.roas).toBeCloseTo(4, 12);
    expect(email.roi).toBeCloseTo(3, 12);
    expect(fact(r.facts, "campaign.roas", { channel: "Email" })).toBeCloseTo(4, 12);
    expect(fact(r.facts, "campaign.cvr", { channel: "Email", segment: "18-24" })).toBeCloseTo(0.2, 12);
    // An empty device is its own group, never dropped.
    expect(kpis.find((k) => k.breakdown === "device" && k.device === "(unknown)")).toMatchObject({ rows: 1, conversions: 30 });
    // View-through: the rate is shown (1.2) with no interval, the group flagged and a warning given.
    const social = kpis.find((k) => k.breakdown === "channel" && k.channel === "Social")!;
    expect(social).toMatchObject({ cvr: 1.2, cvr_lo95: null, cvr_hi95: null, view_through: true });
    expect(r.warnings.map((w) => w.code)).toContain("campaigns.view_through");
    // The campaign dim is the id; the name labels it.
    expect(kpis.find((k) => k.breakdown === "campaign" && k.campaign === "C2")).toMatchObject({ campaign_name: "Summer" });
  });

  it("gives every fact a dataset dim when a folder holds two campaigns files, and none with one", async () => {
    const kag = lines("xyz_campaign_id,age,Impressions,Clicks,Spent,Total_Conversion,Approved_Conversion", "916,30-34,7350,10,1.43,2,1");
    const two = await run({ "a.csv": lines(HEADER, "2025-01-01,C1,Spring,Email,North,18-24,Mobile,1000,100,10,10,50.00,200.00"), "kag.csv": kag });
    const spend = two.facts.filter((f) => f.id === "campaign.spend" && Object.keys(f.dims ?? {}).length === 1);
    expect(spend.map((f) => f.dims)).toEqual([{ dataset: "a.csv" }, { dataset: "kag.csv" }]);
    expect(fact(two.facts, "campaign.spend", { campaign: "916", dataset: "kag.csv" })).toBeCloseTo(1.43, 12);
    const one = await run({ "kag.csv": kag });
    expect(fact(one.facts, "campaign.spend", { campaign: "916" })).toBeCloseTo(1.43, 12);
    // Undated data: totals only, said in a warning; no ROAS without a revenue column.
    expect(one.warnings.map((w) => w.code)).toContain("campaigns.undated");
    expect(one.facts.some((f) => f.id === "campaign.roas" || f.id === "campaign.lift")).toBe(false);
  });
});

describe("campaigns and experiments on the planted demo (romi demo-data --kind campaigns, seed 1)", () => {
  let report: Report;
  beforeAll(async () => {
    const campaign = [CAMPAIGNS_HEADER];
    const experiment = [EXPERIMENT_HEADER];
    generateCampaigns({ seed: 1, scale: 1 }, { campaign: (l) => campaign.push(l), experiment: (l) => experiment.push(l) });
    report = await run({ [CAMPAIGN_FILES.campaigns]: lines(...campaign), [CAMPAIGN_FILES.experiment]: lines(...experiment) });
  }, 60_000);

  it("recovers the launched campaign's planted lift within its 95% interval, with a passed placebo", () => {
    const { campaignId, incrementalConversionsPerDay, date } = PLANTED_CAMPAIGNS.launch;
    const lo = fact(report.facts, "campaign.lift.lo95", { campaign: campaignId })!;
    const hi = fact(report.facts, "campaign.lift.hi95", { campaign: campaignId })!;
    expect(lo).toBeLessThan(incrementalConversionsPerDay);
    expect(hi).toBeGreaterThan(incrementalConversionsPerDay);
    expect(lo).toBeGreaterThan(0);
    const row = report.series.campaign_lift!.find((x) => x.campaign === campaignId && x.kpi === "conversions")!;
    expect(row).toMatchObject({ launch: date, launch_from: "first day", split_by: "region", target: ["North"], status: "ok", placebo_passed: true });
    // Its own reported conversions (60/day) exceed what it added: the lift is not the reported number.
    expect(hi).toBeLessThan(PLANTED_CAMPAIGNS.launch.reportedConversionsPerDay);
  });

  it("refuses a lift for campaigns that run from the first day, saying why", () => {
    const refused = report.series.campaign_lift!.filter((x) => x.status === "refused");
    expect(refused.length).toBe(PLANTED_CAMPAIGNS.campaigns.length - 1);
    for (const x of refused) expect(x).toMatchObject({ launch: "2024-12-01", refused: { code: "no-pre-period" } });
    expect(fact(report.facts, "campaign.lift", { campaign: "CMP-101" })).toBeNull();
  });

  it("finds the channel that wins in one segment only", () => {
    const { channel, segment } = PLANTED_CAMPAIGNS.segmentWinner;
    const tests = report.series.campaign_channel_tests!;
    const best = (s: string) => tests.find((x) => x.segment === s && x.is_best)!.channel;
    expect(best(segment)).toBe(channel);
    for (const x of tests.filter((t) => t.segment === segment && t.channel !== channel)) {
      expect(x.p_holm).toBeLessThan(0.001);
      expect(x.p_beats_best).toBeLessThan(0.001);
    }
    expect(tests.find((x) => x.segment === segment && x.channel === channel)!["p_best"]).toBeGreaterThan(0.99);
    for (const s of ["25-34", "35-54", "55+"]) expect(best(s)).not.toBe(channel);
  });

  it("stops the wasteful campaign and keeps the good ones running", () => {
    const { campaignId, roas } = PLANTED_CAMPAIGNS.wasteful;
    expect(fact(report.facts, "campaign.roas", { campaign: campaignId })).toBeCloseTo(roas, 1);
    const rec = (c: string) => report.recommendations.find((x) => x.subject.campaign === c)!;
    expect(rec(campaignId)).toMatchObject({ action: "stop", rule: "campaign.losing-money" });
    expect(rec("CMP-104").action).toBe("continue");
    expect(report.recommendations.filter((x) => x.subject.campaign !== undefined && x.action === "stop").map((x) => x.subject.campaign)).toEqual([campaignId]);
  });

  it("recovers the experiment's planted lift within its interval and ships it; the cleaning and SRM check hold", () => {
    const res = report.series.experiment_results![0]!;
    expect(res.lift_abs_lo95).toBeLessThan(PLANTED_EXPERIMENT.absoluteLift);
    expect(res.lift_abs_hi95).toBeGreaterThan(PLANTED_EXPERIMENT.absoluteLift);
    expect(res.decision).toBe("ship");
    expect(fact(report.facts, "experiment.srm_p")).toBeGreaterThan(0.001);
    expect(fact(report.facts, "experiment.p_better")).toBeGreaterThan(0.99);
    const users = fact(report.facts, "experiment.users", { variant: "control" })! + fact(report.facts, "experiment.users", { variant: "treatment" })!;
    // Clean users plus the page-mismatched extra users (kept, with a warning).
    expect(users).toBe(PLANTED_EXPERIMENT.users + PLANTED_EXPERIMENT.dirty.pageMismatches);
    const rejected = report.datasets.find((d) => d.kind === "experiment")!.rejected;
    expect(Object.fromEntries(rejected.map((x) => [x.reason, x.count]))).toEqual({
      contaminated: 2 * PLANTED_EXPERIMENT.dirty.contaminatedUsers,
      "repeated exposure": PLANTED_EXPERIMENT.dirty.repeatedExposures,
    });
    const assignment = report.warnings.find((w) => w.code === "experiments.assignment")!;
    expect(assignment.values).toMatchObject({ mismatched: 80, rows: 24080 });
    expect(warningText(assignment, makeFormatter("en-US", "USD"))).toMatch(/^80 of the 24,080 rows used .*: 40; .*: 40\); they are kept/);
  });
});

describe("experiments(tables)", () => {
  const rows = (variant: string, n: number, converted: number, from = 0): string[] =>
    Array.from({ length: n }, (_, i) => `${variant}-${from + i},2025-04-01 10:00:00,${variant},${i < converted ? 1 : 0}`);

  it("gives each treatment a variant dim with more than two variants, and flags a sample-ratio mismatch", async () => {
    const r = await run({
      "ab.csv": lines("user_id,timestamp,group,converted", ...rows("control", 1000, 100), ...rows("b", 1000, 130), ...rows("c", 700, 70)),
    });
    expect(fact(r.facts, "experiment.lift.abs", { variant: "b" })).toBeCloseTo(0.03, 12);
    expect(fact(r.facts, "experiment.lift.rel", { variant: "c" })).toBeCloseTo(0, 12);
    // scipy.stats.chisquare([1000, 1000, 700]).pvalue = 3.3e-15 (a broken split)
    expect(fact(r.facts, "experiment.srm_p")).toBeLessThan(1e-9);
    for (const x of r.series.experiment_results!) expect(x.decision).toBe("don't ship");
    for (const x of r.series.experiment_results!) expect(x).toMatchObject({ srm: true, because: "srm" });
  });

  it("asks to keep running an underpowered test, with the users still needed", async () => {
    const r = await run({ "ab.csv": lines("user_id,timestamp,group,converted", ...rows("control", 200, 20), ...rows("treatment", 200, 24)) });
    const x = r.series.experiment_results![0]!;
    expect(x.decision).toBe("keep running");
    // statsmodels NormalIndPower().solve_power(proportion_effectsize(0.105, 0.1), alpha=0.05, power=0.8) = 57 755.6
    expect(x.needed_per_variant).toBe(57756);
    // 57,756 needed − 200 seen = 57,556 more per variant (worded by the site).
    expect(x).toMatchObject({ because: "underpowered", powered: false, users_per_variant: 200 });
    expect(reason(x, makeFormatter("en-US", "USD"))).toMatch(/57,556 more users per variant/);
  });

  it("warns instead of guessing when no variant is the control", async () => {
    const r = await run({ "ab.csv": lines("user_id,timestamp,group,converted", ...rows("A", 10, 1), ...rows("B", 10, 2)) });
    expect(said(r.warnings.find((w) => w.code === "experiments.control")!)).toMatch(/no variant is the control .* experiments\.control/);
    expect(r.facts.some((f) => f.id === "experiment.lift.abs")).toBe(false);
    expect(fact(r.facts, "experiment.users", { variant: "A" })).toBe(10);
  });
});

describe("campaign lift with a launch date from content/annotations.yaml", () => {
  it("uses the annotated launch instead of the first day, and lists the annotation in the report", async () => {
    // 60 days, four regions sharing a weekly swing; campaign L runs in North from day 0 but only
    // starts working on 2025-01-31 (day 30), adding 20 conversions a day there.
    const rows: string[] = [HEADER];
    for (let d = 0; d < 60; d++) {
      const date = new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10);
      const swing = 100 + 30 * Math.sin((2 * Math.PI * d) / 7) + ((d * 37) % 11);
      ["North", "South", "East", "West"].forEach((region, k) => {
        const base = Math.round(swing * (1 + k / 4) + ((d * (k + 3) * 13) % 7));
        rows.push(`${date},B,Base,Search,${region},all,Desktop,100000,10000,0,${base},${base * 10}.00,${base * 30}.00`);
      });
      rows.push(`${date},L,Launch,Video,North,all,Desktop,10000,1000,0,${d >= 30 ? 20 : 0},100.00,0.00`);
    }
    const dir = dataDir({
      "data/c.csv": lines(...rows),
      "content/report.yaml": "title: t\n",
      "content/annotations.yaml": "- date: 2025-01-31\n  label: Launch goes live\n  campaign: L\n",
    });
    const r = await runEngine({ dataDir: `${dir}/data`, configPath: `${dir}/content/report.yaml` });
    expect(r.errors).toEqual([]);
    const report = r.report!;
    expect(report.annotations).toEqual([{ date: "2025-01-31", label: "Launch goes live", campaign: "L" }]);
    const row = report.series.campaign_lift!.find((x) => x.campaign === "L" && x.kpi === "conversions")!;
    expect(row).toMatchObject({
      status: "ok",
      launch: "2025-01-31",
      launch_from: "annotation",
      split_by: "region",
      target: ["North"],
      controls: ["East", "South", "West"],
    });
    expect(row.lo95).toBeLessThan(20);
    expect(row.hi95).toBeGreaterThan(20);
    // Without the annotation the campaign starts on the first day: no pre-period.
    const plain = await run({ "c.csv": lines(...rows) });
    expect(plain.series.campaign_lift!.find((x) => x.campaign === "L")!.refused).toMatchObject({ code: "no-pre-period" });
  });

  it("fails with the file and key when an annotation is malformed", async () => {
    const dir = dataDir({ "data/c.csv": lines(HEADER), "content/report.yaml": "title: t\n", "content/annotations.yaml": "- date: 2025-02-30\n  label: x\n" });
    await expect(runEngine({ dataDir: `${dir}/data`, configPath: `${dir}/content/report.yaml` })).rejects.toThrow(
      /annotations\.yaml: invalid annotations: 0\.date: not a calendar date/,
    );
  });
});
