/**
 * The hypotheses' wording: the analysis emits codes and numbers, the site
 * says the statement, the test and why, and the conclusion. Every expected
 * sentence is written by hand from the fixture's numbers.
 */
import { describe, expect, it } from "vitest";
import { hypothesisView } from "../../src/site/customers.ts";
import { makeFormatter } from "../../src/words/format.ts";
import { row } from "./report.ts";

const fmt = makeFormatter("en-US", "USD");

describe("hypothesisView(row, fmt)", () => {
  it("words a Welch test on spend per order, with money in the report's currency", () => {
    const h = row("hypotheses", {
      hypothesis: "aov-by-segment",
      metric: "aov",
      by: "segment",
      groups: [
        { label: "Loyal", customers: 1200 },
        { label: "New", customers: 800 },
      ],
      test: "welch",
      statistic: 2.5,
      p_value: 0.0124,
      p_adjusted: 0.0248,
      supported: true,
      effect: 0.21,
      effect_name: "cohens-d",
      shapiro: [0.31, 0.08],
      means: [45.2, 38.15],
      medians: [41, 35.5],
    });
    expect(hypothesisView(h, fmt)).toEqual({
      statement: "Spend per order differs between Loyal and New",
      groups: "Loyal (1,200) vs New (800)",
      test: "Welch's t-test",
      why: "Shapiro–Wilk does not reject normality in either group (Loyal p = 0.31, New p = 0.08), and Welch's test does not assume equal variances",
      statistic: "2.5",
      p: "0.0124",
      adjusted: "0.0248",
      effect: "0.21",
      effectName: "Cohen's d",
      conclusion: "Supported: mean $45.20 in Loyal vs $38.15 in New (medians $41.00 and $35.50); significant after Holm adjustment (p = 0.025).",
      supported: true,
    });
  });

  it("names only the groups whose normality was rejected for a rank test, and says an untested hypothesis's reason", () => {
    const rank = row("hypotheses", {
      metric: "frequency",
      by: "city",
      groups: [
        { label: "London", customers: 50 },
        { label: "other", customers: 70 },
      ],
      test: "mann-whitney-asymptotic",
      p_value: 0.2,
      p_adjusted: 0.4,
      supported: false,
      shapiro: [0.2, 1.6e-48],
      means: [3.5, 2.25],
      medians: [3, 2],
    });
    const v = hypothesisView(rank, fmt);
    expect(v.why).toBe("Shapiro–Wilk rejects normality (other p < 0.001), so a rank test, which needs no normality");
    expect(v.conclusion).toBe(
      "Not supported: mean 3.50 in London vs 2.25 in other (medians 3.00 and 2.00), but the difference could be chance after Holm adjustment (p = 0.4).",
    );
    const none = hypothesisView(row("hypotheses", { metric: "repeat", by: "gender", groups: [], untested: "no-grouping" }), fmt);
    expect(none).toMatchObject({
      statement: "Repeat-purchase rate differs by gender",
      test: "not tested",
      conclusion: "Not tested: no gender for these customers.",
      supported: false,
    });
  });

  it("gives a difference in proportions in percentage points", () => {
    const z = row("hypotheses", { metric: "repeat", by: "city", test: "z-proportions", effect: -0.0132, effect_name: "proportion-difference" });
    expect(hypothesisView(z, fmt)).toMatchObject({ effect: "\u22121.3 pts", effectName: "difference in proportions" });
  });

  it("words a mix by its most over-represented cell, and a small table's approximate p", () => {
    const mix = row("hypotheses", {
      mix: "gender",
      by: "segment",
      groups: [
        { label: "a", customers: 40 },
        { label: "b", customers: 40 },
      ],
      test: "chi-square-yates",
      p_value: 0.00014,
      p_adjusted: 0.0005,
      supported: true,
      table_rows: 2,
      table_columns: 2,
      small_expected: 1,
      over: { group: "b", value: "M", ratio: 28 / 19 },
    });
    expect(hypothesisView(mix, fmt)).toMatchObject({
      statement: "The gender mix differs between segments",
      groups: "a, b",
      why: "gender is categorical and so is segment: a 2 × 2 table of customer counts; 1 of 4 expected counts are below 5, so the p-value is approximate",
      conclusion: "Supported: b has 1.47× the expected share of M; significant after Holm adjustment (p < 0.001).",
    });
  });
});
