/**
 * The Budget page model from small hand-made reports: left out without the
 * budget's method row, a reading of why no split is recommended, and with a
 * plan the reading of the move, the per-source table (fitted, locked and
 * declined sources, signed changes, missing values as n/a), the declined
 * sources in words, the scenarios, the method, the charts and their CSVs; and
 * a plan in buyers.
 */
import { describe, expect, it } from "vitest";
import type { SeriesRow } from "../../src/analyses/series.ts";
import type { Fact, Report } from "../../src/schema/report.ts";
import { budgetPage } from "../../src/site/budget.ts";
import { siteContext } from "../../src/site/context.ts";
import { buildSite } from "../../src/site/model.ts";
import { MISSING } from "../../src/words/format.ts";
import { report, row } from "./report.ts";

const fact = (id: string, value: number | null, unit: Fact["unit"]): Fact => ({ id, value, unit });

const planned = row("budget_method", {
  status: "planned",
  grain: "week",
  outcome: "revenue",
  horizon_months: 12,
  weeks: 60,
  fitted_weeks: 52,
  current_weeks: 13,
  draws: 2000,
  seed: 7,
  bounds: 0.2,
  trend: true,
  total: 2300,
  total_source: "today",
});

const fitted = (source: string, o: Partial<SeriesRow<"budget_sources">>): SeriesRow<"budget_sources"> =>
  row("budget_sources", { source, status: "fitted", beyond_seen: false, ...o });

// Per week: search $1,000 → $1,200 (+20%), social $800 → $600 (−25%), tv locked at $500; display and affiliates declined.
// Expected outcome changes +150.50, −50 and 0: +100.50 in all, from $5,000.00 to $5,100.50.
const sources = [
  fitted("search", {
    current: 1000,
    recommended: 1200,
    change: 200,
    change_share: 0.2,
    move: "more",
    marginal_current: 1.456,
    marginal_recommended: 1.234,
    outcome_change: 150.5,
    outcome_change_lo90: -20,
    outcome_change_hi90: 310.25,
    theta: 0.3,
    alpha: 0.72,
    r2: 0.634,
    holdout_error: 0.12,
    min_seen: 400,
    max_seen: 1100,
    beyond_seen: true,
  }),
  fitted("social", {
    current: 800,
    recommended: 600,
    change: -200,
    change_share: -0.25,
    move: "less",
    marginal_current: 0.9,
    marginal_recommended: 1.1,
    outcome_change: -50,
    outcome_change_lo90: -80,
    outcome_change_hi90: -10,
    theta: 0,
    alpha: 1,
    r2: 0.41,
    holdout_error: 0.2,
    min_seen: 500,
    max_seen: 900,
  }),
  fitted("tv", {
    current: 500,
    recommended: 500,
    change: 0,
    change_share: 0,
    move: "same",
    marginal_current: 1,
    marginal_recommended: 1,
    outcome_change: 0,
    outcome_change_lo90: 0,
    outcome_change_hi90: 0,
    theta: 0.5,
    alpha: 0.5,
    r2: 0.5,
    holdout_error: 0.3,
    min_seen: 450,
    max_seen: 550,
    locked: true,
  }),
  row("budget_sources", { source: "display", status: "declined", declined: "flat-spend", spend_cv: 0.042, current: 300 }),
  // Declined after a fit: R² shown, its unknown holdout error as missing.
  row("budget_sources", { source: "affiliates", status: "declined", declined: "weak-fit", current: 50, r2: 0.05 }),
];

const curve = (source: string): SeriesRow<"budget_curves">[] =>
  [0, 1000, 2000].map((spend) => ({ source, spend, outcome: spend, lo90: spend * 0.8, hi90: spend * 1.2 }));

const full = (): Report =>
  report({
    facts: [
      fact("budget.outcome.current", 5000, "currency"),
      fact("budget.outcome.recommended", 5100.5, "currency"),
      fact("budget.outcome.recommended.lo90", 4900, "currency"),
      fact("budget.outcome.recommended.hi90", 5400, "currency"),
    ],
    series: {
      budget_method: [planned],
      budget_sources: sources,
      budget_curves: [...curve("search"), ...curve("tv")],
      budget_weeks: [{ source: "search", period: "2025-01-06", spend: 900, effective_spend: 1000, outcome: 2900, fitted: 2950 }],
      budget_scenarios: [
        { scenario: "-20%", total: 1840, outcome: 4800, lo90: 4500, hi90: 5100 },
        { scenario: "0%", total: 2300, outcome: 5100.5, lo90: 4900, hi90: 5400 },
        { scenario: "+20%", total: 2760, outcome: null, lo90: null, hi90: null },
      ],
      budget_scenario_spend: [
        { scenario: "-20%", source: "search", spend: 900 },
        { scenario: "-20%", source: "social", spend: 440 },
        { scenario: "-20%", source: "tv", spend: 500 },
        { scenario: "0%", source: "search", spend: 1200 },
        { scenario: "0%", source: "social", spend: 600 },
        { scenario: "0%", source: "tv", spend: 500 },
        { scenario: "+20%", source: "search", spend: null },
      ],
    },
    warnings: [
      { code: "budget.unknown_source", dims: { source: "radio" }, values: {} },
      { code: "forecast.failed", dims: { series: "orders" }, values: {} },
    ],
  });

describe("budgetPage(site)", () => {
  // Built once (its charts rendered once) and only read by the tests below.
  const fullSite = siteContext(full(), []);
  const fullPage = budgetPage(fullSite)!;

  it("is null, and Budget is not in the navigation, without the budget's method row", () => {
    const site = buildSite(report({ series: { budget_sources: sources } }));
    expect(site.sections.budget).toBeNull();
    expect(site.nav.map((n) => n.slug)).not.toContain("budget");
  });

  it("says why no split is recommended when the analysis ran without enough history, with no table or chart", () => {
    const r = report({ series: { budget_method: [{ ...planned, status: "not enough history", weeks: 8 }] } });
    const site = buildSite(r);
    expect(site.nav.map((n) => n.slug)).toContain("budget");
    expect(site.sections.budget).toMatchObject({
      reading: "No budget split is recommended: the period has 8 complete ISO weeks, fewer than the 12 a response curve needs.",
      method: "",
      sources: null,
      scenarios: null,
      declined: [],
      charts: [],
    });
  });

  it("reads the move from the sources that lose to those that gain, with the expected gain and the new split's interval", () => {
    expect(fullPage.reading).toBe(
      "Moving $200.00 a week from social to search raises the expected weekly outcome (revenue × margin of new buyers over their first 12 months) from $5,000.00 to $5,100.50 (+$100.50; 90% interval of the new split $4,900.00 to $5,400.00). search: the recommended spend is beyond the largest weekly spend seen, so treat it with care.",
    );
  });

  it("tabulates every source in order, signing changes with a minus sign, and marks locked, beyond-range and declined sources", () => {
    const t = fullPage.sources!;
    expect(t.id).toBe("budget-sources");
    expect(t.columns[4]).toBe("marginal ROMI");
    expect(t.rows).toEqual([
      // α 0.72 to one decimal; R² to two.
      [
        "search",
        "$1,000.00",
        "$1,200.00",
        "+20%",
        "1.46 → 1.23",
        "+$150.50 (−$20.00 to +$310.25)",
        "θ 0.3, α 0.7, R² 0.63, 12%",
        "$400.00 – $1,100.00; the recommendation is beyond it",
      ],
      ["social", "$800.00", "$600.00", "−25%", "0.9 → 1.1", "−$50.00 (−$80.00 to −$10.00)", "θ 0, α 1, R² 0.41, 20%", "$500.00 – $900.00"],
      ["tv", "$500.00", "$500.00", "0%", "1 → 1", "$0.00 ($0.00 to $0.00)", "θ 0.5, α 0.5, R² 0.5, 30%", "locked; $450.00 – $550.00"],
      ["display", "$300.00", "kept", "", "", "", "", "no curve (see below)"],
      ["affiliates", "$50.00", "kept", "", "", "", `R² 0.05, ${MISSING}`, "no curve (see below)"],
    ]);
  });

  it("says why each declined source has no recommendation, from the check it failed and its numbers, and lists the budget warnings", () => {
    expect(fullPage.declined).toEqual([
      "display: no recommendation, because its spend barely varies (coefficient of variation 0.042, below 0.1), so the data cannot show how the outcome responds to it.",
      "affiliates: no recommendation, because the curve explains 5% of the week-to-week variation around a flat line (R² below 0.1), so the data cannot tell it from one.",
    ]);
    expect(fullPage.warnings).toEqual(["budget: radio in the config has no cost rows"]);
  });

  it("tabulates the scenarios with today's named, a total the bounds cannot meet, and each split without unmet spends", () => {
    const t = fullPage.scenarios!;
    expect(t.id).toBe("budget-scenarios");
    expect(t.rows).toEqual([
      ["−20%", "$1,840.00", "$4,800.00 ($4,500.00 – $5,100.00)", "search $900.00, social $440.00, tv $500.00"],
      ["today's", "$2,300.00", "$5,100.50 ($4,900.00 – $5,400.00)", "search $1,200.00, social $600.00, tv $500.00"],
      ["+20%", "$2,760.00", "bounds cannot be met", ""],
    ]);
  });

  it("states the method with its settings in the report's locale", () => {
    const { method } = fullPage;
    expect(method).toContain("with a linear trend control, on 52 weeks.");
    expect(method).toContain("the 90% intervals come from 2,000 moving-block bootstrap resamples of the weeks (seed 7)");
    expect(method).toContain("within ±20% of today's spend per source; today's spend is the mean of the last 13 weeks.");
    const r = full();
    r.series.budget_method = [{ ...planned, fitted_weeks: null, trend: false }];
    expect(budgetPage(siteContext(r, []))!.method).toContain(
      `through a geometric adstock (carry-over θ) and a Hill curve (shape α ≤ 1, half-saturation γ) scaled by β ≥ 0, on ${MISSING} weeks.`,
    );
  });

  it("draws the split and a curve per fitted source that has one, and registers each chart's and table's CSV", () => {
    // Curves are numbered by the source's place among the fitted ones: search 0, tv 2 (social has no curve rows).
    expect(fullPage.charts.map((c) => c.id)).toEqual(["budget-split", "budget-curve-0", "budget-curve-2"]);
    expect([...fullSite.downloads.keys()].sort()).toEqual(["budget-curve-0", "budget-curve-2", "budget-scenarios", "budget-sources", "budget-split"]);
  });

  it("plans in new buyers when that is the outcome: the reading, the marginal column and the changes are buyers, and a missing total is n/a", () => {
    const buyers = report({
      facts: [fact("budget.buyers.current", 12.34, "count")],
      series: {
        budget_method: [{ ...planned, outcome: "buyers" }],
        // A change below half a cent a week is no move.
        budget_sources: [
          fitted("search", {
            current: 1000,
            recommended: 1000.004,
            change: 0.004,
            change_share: 0.000004,
            marginal_current: 0.01234,
            marginal_recommended: 0.01232,
            outcome_change: 0.4,
            outcome_change_lo90: -0.26,
            outcome_change_hi90: 1.05,
          }),
        ],
      },
    });
    const page = budgetPage(siteContext(buyers, []))!;
    expect(page.reading).toBe("Today's split is already the best the curves find within the bounds: expected weekly number of new buyers 12.3.");
    expect(page.sources!.columns[4]).toBe("marginal buyers");
    expect(page.sources!.rows[0]!.slice(4, 6)).toEqual(["0.012 → 0.012", "+0.4 (−0.3 to +1.1)"]);
    buyers.facts = [fact("budget.buyers.current", null, "count")];
    expect(budgetPage(siteContext(buyers, []))!.reading).toBe(
      `Today's split is already the best the curves find within the bounds: expected weekly number of new buyers ${MISSING}.`,
    );
  });
});
