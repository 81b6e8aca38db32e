import { describe, expect, it } from "vitest";
import { byUrgency, numberDef, recommendationView, topRecommendations } from "../../src/site/recommendations.ts";
import type { RecommendationView } from "../../src/site/views.ts";
import type { Recommendation } from "../../src/schema/report.ts";
import { makeFormatter } from "../../src/words/format.ts";

const view = (key: Record<string, string>, action: RecommendationView["action"]): RecommendationView => ({
  subject: Object.values(key).join(" "),
  key,
  action,
  rule: "r",
  ruleName: "R",
  why: "w",
  confidence: "medium",
  numbers: [],
});

describe("topRecommendations(views, n)", () => {
  it("puts stopping a loss first, other changes next and keeping things as they are last, one per kind of subject before a second", () => {
    // Most important first: three big campaigns, then a channel and a segment.
    const views = [
      view({ campaign: "A" }, "continue"),
      view({ campaign: "B" }, "optimize"),
      view({ campaign: "C" }, "stop"),
      view({ source: "search" }, "cut"),
      view({ segment: "Champions" }, "retain"),
    ];
    expect(topRecommendations(views, 3).map((v) => v.subject)).toEqual(["C", "search", "Champions"]);
    expect(topRecommendations(views, 5).map((v) => v.subject)).toEqual(["C", "search", "Champions", "B", "A"]);
  });

  it("counts a campaign of another dataset as the same kind", () => {
    const views = [view({ campaign: "A", dataset: "a.csv" }, "stop"), view({ campaign: "A", dataset: "b.csv" }, "stop"), view({ source: "s" }, "keep")];
    expect(topRecommendations(views, 2).map((v) => v.key)).toEqual([{ campaign: "A", dataset: "a.csv" }, { source: "s" }]);
  });
});

describe("byUrgency(views), the order of the Recommendations page", () => {
  it("opens with what stops a loss, then other changes, then keeping things as they are, each in order of importance", () => {
    const views = [
      view({ campaign: "A" }, "continue"),
      view({ campaign: "B" }, "optimize"),
      view({ campaign: "C" }, "stop"),
      view({ source: "search" }, "cut"),
      view({ segment: "Champions" }, "retain"),
      view({ source: "email" }, "keep"),
    ];
    expect(byUrgency(views).map((v) => v.subject)).toEqual(["C", "search", "B", "Champions", "A", "email"]);
  });
});

describe("numberDef(id), the name and unit of a recommendation's number", () => {
  it("is the metric's catalogue label and unit, with a dim the rule folded into the id", () => {
    expect(numberDef("campaign.lift.lo95")).toEqual({ label: "Campaign lift, 95% low", unit: "count" });
    expect(numberDef("budget.outcome.change.hi90")).toEqual({ label: "Expected outcome: change per week, 90% interval high", unit: "currency" });
    expect(numberDef("segments.channel.reach.email")).toEqual({ label: "Channel reach: email", unit: "share" });
    // "… by band" gives way to the band it names.
    expect(numberDef("clv.expected_12m.5")).toEqual({ label: "Predicted 12-month CLV, band 5", unit: "currency" });
    expect(numberDef("conversion.rate")).toEqual({ label: "Conversion rate", unit: "share" });
  });

  it("is a derived number's declaration, and the id as a ratio only when nothing names it", () => {
    expect(numberDef("spend.share")).toEqual({ label: "Share of spend", unit: "share" });
    expect(numberDef("campaign.target_cpa")).toEqual({ label: "Target cost per conversion", unit: "currency" });
    expect(numberDef("no.such.metric")).toEqual({ label: "no.such.metric", unit: "ratio" });
    expect(numberDef("toString")).toEqual({ label: "toString", unit: "ratio" });
  });
});

describe("recommendationView(r, fmt), a recommendation as a card", () => {
  it("formats each number in its declared unit: shares as percents, money, a ROMI as a plain number", () => {
    const base: Recommendation = {
      subject: { source: "search" },
      action: "cut",
      rule: "channel.loses-money",
      numbers: { buyers: 501, romi: 0.42, cost: 310, "spend.share": 0.31, "conversion.rate": 0.0412 },
      limits: { cut_romi: 0.7 },
      findings: [],
      confidence: "high",
      importance: 310,
    };
    const card = recommendationView(base, makeFormatter("en-US", "USD"));
    expect(card.numbers).toEqual([
      { label: "Buyers", value: "501" },
      { label: "ROMI", value: "0.42" },
      { label: "Marketing cost", value: "$310.00" },
      { label: "Share of spend", value: "31%" },
      { label: "Conversion rate", value: "4.1%" },
    ]);
    // The rule's sentence, worded from its numbers and limits; a rule or finding this romi does not know words nothing.
    expect(recommendationView({ ...base, rule: "constructor" }, makeFormatter("en-US", "USD")).why).toBe("");
    expect(recommendationView({ ...base, rule: "campaign.needs-work", findings: ["toString", "no-conversions"] }, makeFormatter("en-US", "USD")).why).toBe(
      "it has no conversions: rework targeting, bids or creative before adding budget.",
    );
    expect(card.why).toBe("search returns 0.42 per unit spent (ROMI 0.42, below the cut line 0.70) on 31% of spend, so cut it or move its budget.");
  });

  it("leaves out a number the rule could not measure (null) instead of showing n/a or 0", () => {
    const stop: Recommendation = {
      subject: { campaign: "CMP-9" },
      action: "stop",
      rule: "campaign.losing-money",
      numbers: {
        "campaign.spend": 1200,
        "campaign.roas": 0.3,
        "campaign.target_cpa": null,
        "campaign.lift": null,
        "campaign.lift.lo95": null,
        "campaign.conversions": 0,
      },
      limits: { stop_roas: 1 },
      findings: ["roas-below-stop"],
      confidence: "medium",
      importance: 1200,
    };
    const card = recommendationView(stop, makeFormatter("en-US", "USD"));
    // A measured 0 stays; the three nulls go.
    expect(card.numbers.map((n) => n.label)).toEqual(["Campaign spend", "ROAS", "Conversions"]);
    expect(card.numbers.map((n) => n.value)).not.toContain("n/a");
    expect(card.numbers.find((n) => n.label === "Conversions")?.value).toBe("0");
  });

  it("names the rule that decided in words, keeping its id for the tooltip and the CSV", () => {
    const keep: Recommendation = {
      subject: { band: "5" },
      action: "retain",
      rule: "clv.band-holds-value",
      numbers: {},
      limits: {},
      findings: [],
      confidence: "medium",
      importance: 1,
    };
    const card = recommendationView(keep, makeFormatter("en-US", "USD"));
    expect(card.rule).toBe("clv.band-holds-value");
    expect(card.ruleName).toBe("The band with the most predicted value");
    // A rule of an archived report this romi does not know keeps its id as its name.
    expect(recommendationView({ ...keep, rule: "clv.retired" }, makeFormatter("en-US", "USD")).ruleName).toBe("clv.retired");
  });
});
