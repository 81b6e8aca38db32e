import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/read/config.ts";
import { campaignRecommendations } from "../../src/rules/campaigns.ts";
import type { Fact, Recommendation } from "../../src/schema/report.ts";
import { makeFormatter } from "../../src/words/format.ts";
import { why } from "../../src/words/why.ts";

const config = parseConfig({}, "test").campaigns;
const withTarget = parseConfig({ campaigns: { target_cpa: 20 } }, "test").campaigns;
const f = (id: string, value: number | null, dims: Record<string, string> = {}): Fact => ({
  id,
  value,
  unit: "ratio",
  ...(Object.keys(dims).length ? { dims } : {}),
});

/** Facts of one campaign C plus the dataset's overall cost per conversion (the default target). */
function campaign(
  v: { spend?: number; conversions: number; roas?: number | null; cpa: number | null; trend?: number | null; lift?: [number, number, number] },
  overallCpa = 20,
): Fact[] {
  const c = { campaign: "C" };
  return [
    f("campaign.cpa", overallCpa),
    f("campaign.spend", v.spend ?? 1000, c),
    f("campaign.conversions", v.conversions, c),
    f("campaign.cpa", v.cpa, c),
    ...(v.roas !== undefined ? [f("campaign.roas", v.roas, c)] : []),
    ...(v.trend !== undefined ? [f("campaign.trend", v.trend, c)] : []),
    ...(v.lift ? [f("campaign.lift", v.lift[0], c), f("campaign.lift.lo95", v.lift[1], c), f("campaign.lift.hi95", v.lift[2], c)] : []),
  ];
}

const decide = (facts: Fact[], settings = withTarget) => campaignRecommendations(facts, settings)[0]!;
/** The sentence the site shows, in US dollars. */
const said = (rec: Recommendation): string => why(rec, makeFormatter("en-US", "USD"));

describe("campaignRecommendations(facts, config)", () => {
  it("stops a campaign below the stop ROAS with no lift shown, and says why with its numbers", () => {
    const rec = decide(campaign({ conversions: 100, roas: 0.3, cpa: 130, lift: [0.5, -1, 2] }));
    expect(rec).toMatchObject({ action: "stop", rule: "campaign.losing-money", subject: { campaign: "C" }, importance: 1000 });
    expect(said(rec)).toBe(
      "ROAS 0.30 is below 1.00, and a lift of 0.50 conversions/day (95% interval −1.00 to 2.00) shows no added conversions: stop it and move the budget.",
    );
    expect(rec.numbers).toMatchObject({ "campaign.roas": 0.3, "campaign.target_cpa": 20, "campaign.lift.lo95": -1 });
  });

  it("does not stop a low-ROAS campaign whose lift interval lies above 0: it optimizes it", () => {
    expect(decide(campaign({ conversions: 100, roas: 0.8, cpa: 25, lift: [5, 2, 8] })).action).toBe("optimize");
  });

  it("continues a campaign on every target, and optimizes one that misses any, naming the shortfall", () => {
    expect(decide(campaign({ conversions: 400, roas: 3, cpa: 15, trend: 1, lift: [5, 2, 8] }))).toMatchObject({ action: "continue", confidence: "high" });
    expect(decide(campaign({ conversions: 100, roas: 3, cpa: 15 }))).toMatchObject({ action: "continue", confidence: "medium" });
    expect(said(decide(campaign({ conversions: 100, roas: 3, cpa: 25 })))).toMatch(/^cost per conversion \$25\.00 is above the target \$20\.00: /);
    expect(said(decide(campaign({ conversions: 100, roas: 3, cpa: 15, trend: 0.7 })))).toMatch(/fell to 0\.70× that of the 28 days before/);
    expect(said(decide(campaign({ conversions: 100, roas: 1.9996, cpa: 15 })))).toMatch(/^ROAS 2\.000 is below the target 2\.000/);
  });

  it("with revenue and no target_cpa judges on ROAS alone", () => {
    expect(decide(campaign({ conversions: 100, roas: 3, cpa: 500 }), config)).toMatchObject({ action: "continue", numbers: { "campaign.target_cpa": null } });
  });

  it("without revenue judges by cost per conversion against the median campaign's: stop above twice it", () => {
    const c = (id: string, cpa: number): Fact[] => [
      f("campaign.spend", 1000, { campaign: id }),
      f("campaign.conversions", 100, { campaign: id }),
      f("campaign.cpa", cpa, { campaign: id }),
    ];
    const recs = campaignRecommendations([...c("A", 10), ...c("B", 15), ...c("C", 45)], config);
    expect(recs.map((r) => [r.subject["campaign"], r.action, r.numbers["campaign.target_cpa"]])).toEqual([
      ["A", "continue", 15],
      ["B", "continue", 15],
      ["C", "stop", 15],
    ]);
  });

  it("calls fewer conversions than min_conversions insufficient data", () => {
    expect(decide(campaign({ conversions: 12, roas: 0.1, cpa: 500 }))).toMatchObject({ action: "insufficient data", confidence: "low" });
  });

  it("keeps campaigns of different datasets apart, each against its own dataset's median cost per conversion", () => {
    const c = (id: string, dataset: string, cpa: number): Fact[] => [
      f("campaign.spend", 100, { campaign: id, dataset }),
      f("campaign.conversions", 50, { campaign: id, dataset }),
      f("campaign.cpa", cpa, { campaign: id, dataset }),
    ];
    // a.csv: CPAs 10, 12, 30 (median 12: X at 30 is above twice it); b.csv: 30, 40, 50 (median 40).
    const facts = [
      ...c("V", "a.csv", 10),
      ...c("W", "a.csv", 12),
      ...c("X", "a.csv", 30),
      ...c("X", "b.csv", 30),
      ...c("Y", "b.csv", 40),
      ...c("Z", "b.csv", 50),
    ];
    const x = campaignRecommendations(facts, config).filter((r) => r.subject["campaign"] === "X");
    expect(x.map((r) => [r.subject, r.action])).toEqual([
      [{ campaign: "X", dataset: "a.csv" }, "stop"],
      [{ campaign: "X", dataset: "b.csv" }, "continue"],
    ]);
  });
});
