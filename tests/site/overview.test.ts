import { describe, expect, it } from "vitest";
import { byUrgency, numberLabel, topRecommendations } from "../../src/site/recommendations.ts";
import type { RecommendationView } from "../../src/site/views.ts";

const view = (key: Record<string, string>, action: RecommendationView["action"]): RecommendationView => ({
  subject: Object.values(key).join(" "),
  key,
  action,
  rule: "r",
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

describe("numberLabel(id), the name of a recommendation's number", () => {
  it("is the metric's catalogue label, with a dim the rule folded into the id, and the id only when nothing names it", () => {
    expect(numberLabel("campaign.lift.lo95")).toBe("Campaign lift, 95% low");
    expect(numberLabel("budget.outcome.change.hi90")).toBe("Expected outcome: change per week, 90% interval high");
    expect(numberLabel("segments.channel.reach.email")).toBe("Channel reach: email");
    expect(numberLabel("clv.expected_12m.5")).toBe("Predicted 12-month CLV by band (band 5)");
    expect(numberLabel("spend.share")).toBe("Share of spend");
    expect(numberLabel("no.such.metric")).toBe("no.such.metric");
  });
});
