/**
 * The Recommendations page: the cards that ask for a change open, most
 * urgent first; many that keep things as they are folded under a count.
 */
import { describe, expect, it } from "vitest";
import type { Recommendation } from "../../src/schema/report.ts";
import { buildSite } from "../../src/site/model.ts";
import { report } from "./report.ts";

const rec = (campaign: string, action: Recommendation["action"], importance: number): Recommendation => ({
  subject: { campaign },
  action,
  rule: action === "stop" ? "campaign.losing-money" : action === "continue" ? "campaign.on-target" : "campaign.too-little-data",
  numbers: {},
  limits: {},
  findings: [],
  confidence: "medium",
  importance,
});

describe("buildSite(report).sections.recommendations", () => {
  it("opens the cards that ask for a change and folds more than 3 that keep things as they are, counted by action", () => {
    const recs = [rec("A", "continue", 900), rec("B", "stop", 100), rec("C", "continue", 800), rec("D", "insufficient data", 0), rec("E", "continue", 50)];
    const page = buildSite(report({ recommendations: recs })).sections.recommendations!;
    expect(page.cards.map((c) => c.subject)).toEqual(["B"]);
    expect(page.asIs).toEqual({
      summary: "4 more that keep things as they are: 3 continue, 1 with too little data to judge",
      cards: expect.any(Array),
    });
    // Most important first within the fold.
    expect(page.asIs!.cards.map((c) => c.subject)).toEqual(["A", "C", "E", "D"]);
    // The CSV has every card.
    expect(page.table.rows.map((r) => r[0])).toEqual(["B", "A", "C", "E", "D"]);
  });

  it("shows every card open when at most 3 keep things as they are", () => {
    const page = buildSite(report({ recommendations: [rec("A", "continue", 900), rec("B", "stop", 100)] })).sections.recommendations!;
    expect(page.cards.map((c) => c.subject)).toEqual(["B", "A"]);
    expect(page.asIs).toBeNull();
  });
});
