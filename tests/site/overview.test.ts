import { describe, expect, it } from "vitest";
import { byUrgency, topRecommendations } from "../../src/site/recommendations.ts";
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
