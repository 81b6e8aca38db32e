/**
 * The CLV page model from small hand-made reports: left out without CLV
 * data, the tiles (a missing value as n/a), the charts and their CSVs, the
 * band table (top band first, a band without customers as n/a), the top
 * customers, the fitted models in words, the band's recommendation with its
 * numbers in money, and the numbers in another locale and currency.
 */
import { describe, expect, it } from "vitest";
import type { SeriesRow } from "../../src/analyses/series.ts";
import type { Fact, Recommendation, Report } from "../../src/schema/report.ts";
import { clvPage } from "../../src/site/clv.ts";
import { siteContext } from "../../src/site/context.ts";
import { buildSite } from "../../src/site/model.ts";
import { MISSING } from "../../src/words/format.ts";
import { report, row } from "./report.ts";

// Four customers by predicted CLV, ascending: c1 $10.50 (a one-time buyer), c2 $40.25, c3 $99.75, c4 $1,234.50.
// With n = 4 the i-th is in band ⌊5i ÷ 4⌋ + 1: bands 1, 2, 3, 4; band 5 has no customers.
// Total 10.5 + 40.25 + 99.75 + 1234.5 = 1,385.
const band = (b: string, clv: number | null, pAlive: number | null, purchases: number | null, repeat: number | null): SeriesRow<"clv_bands"> => ({
  band: b,
  customers: clv === null ? 0 : 1,
  clv_total: clv ?? 0,
  clv_mean: clv,
  clv_min: clv,
  clv_max: clv,
  p_alive_mean: pAlive,
  expected_purchases_12m_mean: purchases,
  repeat_share: repeat,
});
const bands = [
  band("1", 10.5, 1, 0.14, 0),
  band("2", 40.25, 0.5, 0.96, 1),
  band("3", 99.75, 0.75, 2.34, 1),
  band("4", 1234.5, 0.875, 14.04, 1),
  band("5", null, null, null, null),
];

const start = { r: 0.24251, alpha: 4.41358, a: 0.79291, b: 2.42588, log_likelihood: -35.21 };
const fitted = row("clv_method", {
  status: "fitted",
  customers: 4,
  repeat_buyers: 3,
  margin: 0.3,
  // Simple CLV = AOV × orders a year × margin ÷ annual churn = 42.5 × 1.8 × 0.3 ÷ 0.64 = 35.859375.
  simple_aov: 42.5,
  simple_orders_per_customer_per_year: 1.8,
  simple_churn: 0.4,
  simple_annual_churn: 0.64,
  simple_first_half_to: "2025-06-30",
  simple_second_half_from: "2025-07-01",
  bgnbd_log_likelihood: -35.21,
  bgnbd_converged: true,
  bgnbd_starts: Array.from({ length: 5 }, () => start),
  bgnbd_r: 0.24251,
  bgnbd_alpha: 4.41358,
  bgnbd_a: 0.79291,
  bgnbd_b: 2.42588,
  gg_status: "fitted",
  gg_customers: 3,
  gg_excluded: 1,
  gg_p: 6.25,
  gg_q: 3.74341,
  gg_v: 15.44706,
  holdout_status: "checked",
  holdout_from: "2025-10-01",
  holdout_weeks: 13.142857,
});

const fact = (id: string, value: number | null, unit: Fact["unit"], dims?: Record<string, string>): Fact => ({ id, value, unit, ...(dims ? { dims } : {}) });
const bandTotals = { "1": 10.5, "2": 40.25, "3": 99.75, "4": 1234.5, "5": 0 };

const retain: Recommendation = {
  subject: { band: "4" },
  action: "retain",
  rule: "clv.band-holds-value",
  numbers: Object.fromEntries(Object.entries(bandTotals).map(([b, v]) => [`clv.expected_12m.${b}`, v])),
  limits: {},
  findings: [],
  confidence: "medium",
  importance: 1234.5,
};
const keep: Recommendation = {
  subject: { source: "email" },
  action: "keep",
  rule: "channel.pays-back",
  numbers: {},
  limits: {},
  findings: [],
  confidence: "high",
  importance: 5000,
};

const full = (): Report =>
  report({
    facts: [
      fact("clv.expected_12m.total", 1385, "currency"),
      fact("clv.p_alive.mean", 0.78125, "ratio"),
      fact("clv.simple", 35.859375, "currency"),
      fact("clv.holdout.mape", 0.2, "ratio"),
      ...Object.entries(bandTotals).map(([b, v]) => fact("clv.expected_12m", v, "currency", { band: b })),
    ],
    series: {
      clv_method: [fitted],
      clv_bands: bands,
      clv_distribution: [
        { from: 0, to: 50, customers: 2 },
        { from: 50, to: 100, customers: 1 },
        { from: 100, to: null, customers: 1 },
      ],
      clv_band_segments: [{ band: "4", segment: "Loyal", customers: 1, share: 1 }],
      clv_p_alive: [
        { frequency: 0, recency_weeks: 0, p_alive: 1, customers: 1 },
        { frequency: 1, recency_weeks: 10, p_alive: 0.5, customers: 1 },
      ],
      clv_holdout: [
        { bucket: "0", customers: 1, actual: 0, predicted: 0.2 },
        { bucket: "1", customers: 3, actual: 1, predicted: null },
      ],
      clv_top_customers: [
        // An id above 2^53, kept as text.
        row("clv_top_customers", {
          rank: 1,
          customer: "10000000000000001",
          frequency: 13,
          recency_weeks: 50.2857,
          t_weeks: 52,
          p_alive: 0.875,
          expected_purchases_12m: 14.04,
          expected_order_value: 87.93,
          clv_12m: 1234.5,
        }),
        row("clv_top_customers", { rank: 2, customer: "c3", frequency: 2, recency_weeks: 20, t_weeks: 30.5 }),
      ],
    },
    recommendations: [keep, retain],
    warnings: [{ code: "funnel.no_cost", dims: { source: "referral" }, values: { buyers: 3 } }],
  });

describe("clvPage(site)", () => {
  // Built once (its charts rendered once) and only read by the tests below.
  const fullSite = siteContext(full(), []);
  const fullPage = clvPage(fullSite)!;

  it("is null, and CLV is not in the navigation, without a CLV method row or warning", () => {
    const site = buildSite(report({ series: { forecast_model: [] } }));
    expect(site.sections.clv).toBeNull();
    expect(site.nav.map((n) => n.slug)).not.toContain("clv");
  });

  it("is a page of its warnings alone when the analysis only warned", () => {
    const page = clvPage(siteContext(report({ warnings: [{ code: "clv.numeric", values: { skipped: "clv" } }] }), []))!;
    expect(page).toMatchObject({
      kpis: [],
      charts: [],
      bands: null,
      top: null,
      method: [],
      warnings: ["no CLV is predicted: the model's numerics cannot evaluate its predictions at the fitted parameters"],
      recommendations: [],
    });
  });

  it("shows the tiles in order with their units, and leaves out a tile whose fact is absent", () => {
    const r = full();
    r.facts = r.facts.filter((f) => f.id !== "clv.holdout.mape");
    const page = clvPage(siteContext(r, []))!;
    expect(page.kpis.map((k) => [k.label, k.value])).toEqual([
      ["Predicted CLV, all customers", "$1,385.00"],
      // 0.78125 to one decimal of a percent.
      ["Mean P(alive)", "78.1%"],
      ["Simple CLV per customer", "$35.86"],
    ]);
  });

  it("draws the distribution, the band mix, the P(alive) grid and the holdout, in that order, and registers each CSV with the tables'", () => {
    expect(fullPage.charts.map((c) => c.id)).toEqual(["clv-distribution", "clv-band-segments", "clv-p-alive", "clv-holdout"]);
    // Each drawn chart is registered, for a team's page to show by id.
    expect([...fullSite.drawn.keys()]).toEqual(["clv-distribution", "clv-band-segments", "clv-p-alive", "clv-holdout"]);
    expect([...fullSite.downloads.keys()].sort()).toEqual(
      ["clv-band-segments", "clv-bands", "clv-distribution", "clv-holdout", "clv-p-alive", "clv-top-customers"].sort(),
    );
    // The open last bin's missing edge is an empty cell, never 0.
    expect(fullSite.downloads.get("clv-distribution")).toBe("from,to,customers\n0,50,2\n50,100,1\n100,,1");
  });

  it("tabulates the bands top first, with a band without customers shown as missing", () => {
    const t = fullPage.bands!;
    expect(t.id).toBe("clv-bands");
    expect(t.rows.map((r) => r[0])).toEqual(["5", "4", "3", "2", "1"]);
    expect(t.rows[0]).toEqual(["5", "0", "$0.00", MISSING, `${MISSING} – ${MISSING}`, MISSING, MISSING, MISSING]);
    // 14.04 purchases to one decimal is 14; 87.5% alive; every customer of the band a repeat buyer.
    expect(t.rows[1]).toEqual(["4", "1", "$1,234.50", "$1,234.50", "$1,234.50 – $1,234.50", "87.5%", "14", "100%"]);
    expect(t.rows[4]).toEqual(["1", "1", "$10.50", "$10.50", "$10.50 – $10.50", "100%", "0.1", "0%"]);
  });

  it("lists the top customers by rank, with their ids as text and unknown values as missing", () => {
    const t = fullPage.top!;
    expect(t.id).toBe("clv-top-customers");
    expect(t.rows).toEqual([
      ["1", "10000000000000001", "13", "50.3", "52", "87.5%", "14", "$87.93", "$1,234.50"],
      ["2", "c3", "2", "20", "30.5", MISSING, MISSING, MISSING, MISSING],
    ]);
  });

  it("states the fitted models' parameters, the holdout and the parts of simple CLV", () => {
    const [bg, gg, holdout, simple, ...rest] = fullPage.method;
    expect(rest).toEqual([]);
    // Parameters to 4 decimals.
    expect(bg).toContain("on 4 customers (3 repeat buyers; weeks)");
    expect(bg).toContain("r = 0.2425, α = 4.4136, a = 0.7929, b = 2.4259");
    expect(bg).toContain("best of 5 starts");
    expect(bg).not.toContain("did not converge");
    expect(gg).toContain("on the 3 repeat buyers (1 one-time buyers excluded): p = 6.25, q = 3.7434, v = 15.4471");
    expect(holdout).toContain("before 2025-10-01 predicts the 13.1 weeks after it");
    expect(simple).toContain("AOV $42.50 × 1.8 orders per customer per year × margin 0.3 ÷ annual churn 64%");
    expect(simple).toContain("(40% of the customers of the first half, to 2025-06-30, did not order from 2025-07-01 on)");
  });

  it("says when BG/NBD did not converge", () => {
    const r = full();
    r.series.clv_method = [{ ...fitted, bgnbd_converged: false }];
    expect(clvPage(siteContext(r, []))!.method[0]).toContain("(did not converge)");
  });

  it("keeps only the CLV bands' recommendation, its band as the subject and each band's total in money", () => {
    const recs = fullPage.recommendations;
    expect(recs.map((r) => [r.subject, r.action])).toEqual([["CLV band 4", "retain"]]);
    expect(recs[0]!.numbers).toEqual([
      { label: "Predicted 12-month CLV, band 1", value: "$10.50" },
      { label: "Predicted 12-month CLV, band 2", value: "$40.25" },
      { label: "Predicted 12-month CLV, band 3", value: "$99.75" },
      { label: "Predicted 12-month CLV, band 4", value: "$1,234.50" },
      { label: "Predicted 12-month CLV, band 5", value: "$0.00" },
    ]);
  });

  it("keeps the simple CLV tile, shown as missing when churn is 0, when BG/NBD could not be fitted and nothing is drawn", () => {
    const r = report({
      facts: [fact("clv.simple", null, "currency")],
      series: {
        clv_method: [row("clv_method", { status: "not enough data", customers: 2, repeat_buyers: 1, margin: 1, simple_aov: 20 })],
      },
      warnings: [{ code: "clv.not_fitted", values: { model: "bgnbd", lack: "repeat_buyers", customers: 2, usable: 1, required: 3 } }],
    });
    const page = clvPage(siteContext(r, []))!;
    expect(page.kpis).toEqual([{ label: "Simple CLV per customer", value: MISSING, hint: "AOV × orders/year × margin ÷ churn" }]);
    expect(page.charts).toEqual([]);
    expect(page.bands).toBeNull();
    expect(page.top).toBeNull();
    // No model line, and no simple-CLV line without a churn.
    expect(page.method).toEqual([]);
    expect(page.warnings).toEqual(["the BG/NBD and Gamma-Gamma models are not fitted: fewer than 3 repeat buyers (1 of 2 customers bought again)"]);
  });

  it("writes money and shares in the report's locale and currency (de-DE, EUR)", () => {
    const page = clvPage(siteContext({ ...full(), locale: "de-DE", currency: "EUR" }, []))!;
    // German: "." groups thousands, "," marks decimals, a no-break space before € and %.
    expect(page.kpis[0]!.value).toBe("1.385,00\u00a0€");
    expect(page.kpis[1]!.value).toBe("78,1\u00a0%");
    expect(page.bands!.rows[1]).toEqual([
      "4",
      "1",
      "1.234,50\u00a0€",
      "1.234,50\u00a0€",
      "1.234,50\u00a0€ – 1.234,50\u00a0€",
      "87,5\u00a0%",
      "14",
      "100\u00a0%",
    ]);
    expect(page.bands!.rows[2]![6]).toBe("2,3");
    expect(page.method[3]).toContain("AOV 42,50\u00a0€ × 1,8 orders per customer per year × margin 0,3 ÷ annual churn 64\u00a0%");
  });
});
