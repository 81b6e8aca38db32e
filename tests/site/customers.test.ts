/**
 * The Customers, Segments and Hypotheses page models from small hand-made
 * reports: each left out without its data and present with the least that
 * makes it, the tiles and charts in order, the segment profiles (optional
 * columns only when some segment has them, a missing value as n/a), one
 * card per segment with its plan, and the hypothesis tests with their
 * p-values.
 */
import { describe, expect, it } from "vitest";
import type { SeriesRow } from "../../src/analyses/series.ts";
import type { Fact, Recommendation } from "../../src/schema/report.ts";
import { siteContext } from "../../src/site/context.ts";
import { customersPage, hypothesesPage, pValue, segmentsPage } from "../../src/site/customers.ts";
import { buildSite } from "../../src/site/model.ts";
import { makeFormatter, MISSING } from "../../src/words/format.ts";
import { report, row } from "./report.ts";

const fact = (id: string, value: number | null, unit: Fact["unit"], dims?: Record<string, string>): Fact => ({ id, value, unit, ...(dims ? { dims } : {}) });

// RFM: 3 Champions and 2 Lost customers, 5 in all.
const rfm = [
  fact("rfm.customers", 3, "users", { segment: "Champions" }),
  fact("rfm.customers", 2, "users", { segment: "Lost" }),
  fact("rfm.revenue", 900, "currency", { segment: "Champions" }),
  fact("rfm.revenue", 100, "currency", { segment: "Lost" }),
];

const big = row("segment_profiles", {
  segment: "Big spenders",
  customers: 400,
  revenue_share: 0.8,
  recency_days: 12.34,
  orders: 1.857,
  revenue: 2000.5,
  aov: 85.5,
  repeat_share: 0.625,
  age: 41.6,
  reach: { email: 0.84, sms: null },
  mixes: {
    gender: [
      { label: "female", share: 0.6 },
      { label: "male", share: 0.4 },
    ],
  },
  top_categories: [{ label: "Wine", share: 0.55 }],
});
// No revenue share or AOV (no revenue), no age or top categories given.
const occasional = row("segment_profiles", {
  segment: "Occasional",
  customers: 600,
  revenue_share: null,
  recency_days: 200,
  orders: 1,
  revenue: 83.3,
  aov: null,
  repeat_share: 0,
  reach: { email: 0.5, sms: 0.125 },
  mixes: { gender: [{ label: "male", share: 0.51 }] },
});

const method: SeriesRow<"segment_method"> = {
  features: ["recency_days", "orders", "revenue"],
  k: 3,
  chosen_by: "silhouette",
  starts: 10,
  customers: 1000,
  sample: 600,
};

const plan: Recommendation["plan"] = { direction: "down", channel: "app", reach: 0.84 };

const full = () =>
  report({
    facts: [
      ...rfm,
      fact("segments.k", 3, "count"),
      fact("segments.silhouette", 0.4123, "ratio", { k: "3" }),
      fact("segments.silhouette", 0.3807, "ratio", { k: "4" }),
      fact("segments.inertia", 120.5, "ratio", { k: "3" }),
      fact("segments.inertia", 98.25, "ratio", { k: "4" }),
      fact("revenue", 12345.678, "currency"),
      fact("segments.size", 400, "users", { segment: "Big spenders" }),
      fact("segments.recency.mean", 12.34, "days", { segment: "Big spenders" }),
      fact("segments.frequency.mean", 1.857, "count", { segment: "Big spenders" }),
      fact("segments.aov", 85.5, "currency", { segment: "Big spenders" }),
      fact("segments.repeat.share", 0.625, "ratio", { segment: "Big spenders" }),
      fact("segments.size", 600, "users", { segment: "Occasional" }),
      fact("segments.aov", null, "currency", { segment: "Occasional" }),
    ],
    series: {
      rfm_grid: [
        { r: 5, f: 5, segment: "Champions", customers: 3, revenue: 900 },
        { r: 1, f: 1, segment: "Lost", customers: 2, revenue: 100 },
      ],
      segment_profiles: [big, occasional],
      segment_method: [method],
      segment_points: [
        { segment: "Big spenders", recency_days: 10, orders: 2, revenue: 150 },
        { segment: "Occasional", recency_days: 200, orders: 1, revenue: 20 },
      ],
    },
    recommendations: [
      {
        subject: { segment: "Big spenders" },
        action: "retain",
        rule: "segment.best",
        numbers: {},
        limits: {},
        findings: [],
        confidence: "medium",
        importance: 2000,
        plan,
      },
      { subject: { source: "email" }, action: "keep", rule: "channel.pays-back", numbers: {}, limits: {}, findings: [], confidence: "high", importance: 5000 },
    ],
  });

describe("customersPage(site)", () => {
  // Built once (its charts rendered once) and only read by the tests below.
  const fullSite = siteContext(full(), []);
  const fullPage = customersPage(fullSite)!;

  it("is null, as are Segments and Hypotheses, and none is in the navigation, without customer data", () => {
    const site = buildSite(report({}));
    expect([site.sections.customers, site.sections.segments, site.sections.hypotheses]).toEqual([null, null, null]);
    expect(site.nav.map((n) => n.slug)).not.toContain("customers");
  });

  it("is a page of the customer count and the RFM segments with only the RFM facts, without Segments or Hypotheses", () => {
    const site = buildSite(report({ facts: rfm }));
    const page = site.sections.customers!;
    expect(page.kpis).toEqual([{ label: "Customers", value: "5", hint: "with an order in the period" }]);
    expect(page.charts.map((c) => c.id)).toEqual(["rfm-segments"]);
    expect(page.profiles).toBeNull();
    expect(page.method).toBeNull();
    const slugs = site.nav.map((n) => n.slug);
    expect(slugs).toContain("customers");
    expect(slugs).not.toContain("segments");
    expect(slugs).not.toContain("hypotheses");
  });

  it("shows the tiles and charts in order, and registers each chart's and the profiles' CSV", () => {
    expect(fullPage.kpis.map((k) => [k.label, k.value, k.hint])).toEqual([
      ["Customers", "5", "with an order in the period"],
      ["Segments", "3", "k-means, best silhouette among k ≥ 3"],
      // The silhouette of the chosen k = 3, to 2 decimals.
      ["Silhouette", "0.41", "of the chosen k"],
      // Amounts of 10,000 or more without cents.
      ["Revenue", "$12,346", "in the period"],
    ]);
    const charts = ["rfm-grid", "rfm-segments", "k-silhouette", "k-inertia", "segment-scatter"];
    expect(fullPage.charts.map((c) => c.id)).toEqual(charts);
    expect([...fullSite.downloads.keys()].sort()).toEqual([...charts, "segment-profiles"].sort());
  });

  it("tabulates the profiles with the optional columns some segment has, a missing value as n/a and an absent list as blank", () => {
    const t = fullPage.profiles!;
    // No segment has a city or country mix; each channel of the reach record is a column.
    expect(t.columns).toEqual([
      "segment",
      "customers",
      "revenue share",
      "recency (days)",
      "orders",
      "revenue",
      "AOV",
      "repeat",
      "age",
      "gender",
      "top categories",
      "email",
      "sms",
    ]);
    expect(t.numeric).toEqual([false, true, true, true, true, true, true, true, true, false, false, true, true]);
    expect(t.rows).toEqual([
      ["Big spenders", "400", "80%", "12", "1.9", "$2,000.50", "$85.50", "62.5%", "42", "female 60%, male 40%", "Wine 55%", "84%", MISSING],
      ["Occasional", "600", MISSING, "200", "1", "$83.30", MISSING, "0%", MISSING, "male 51%", "", "50%", "12.5%"],
    ]);
  });

  it("says how the segments were found, with the counts in the report's locale", () => {
    expect(fullPage.method).toBe(
      "k-means on recency_days, orders, revenue (standardised), k = 3 chosen by best silhouette among k ≥ 3; the best of 10 k-means++ starts per k on an even sample of 600 of the 1,000 customers, each customer then assigned to the nearest centre.",
    );
    const all = report({ facts: rfm, series: { segment_method: [{ ...method, chosen_by: "config", customers: 1500, sample: 1500 }] } });
    expect(customersPage(siteContext(all, []))!.method).toBe(
      "k-means on recency_days, orders, revenue (standardised), k = 3 chosen by config; the best of 10 k-means++ starts per k on all 1,500 customers.",
    );
  });
});

describe("segmentsPage(site)", () => {
  it("gives one card per segment in the profiles' order, with its tiles from the segment's facts", () => {
    const [a, b] = segmentsPage(siteContext(full(), []))!;
    expect([a!.name, a!.anchor, b!.name, b!.anchor]).toEqual(["Big spenders", "segment-1", "Occasional", "segment-2"]);
    expect(a!.kpis.map((k) => [k.label, k.value])).toEqual([
      ["Customers", "400"],
      ["Recency", "12.3 d"],
      ["Orders", "1.86"],
      ["AOV", "$85.50"],
      ["Repeat buyers", "62.5%"],
    ]);
    expect(a!.kpis[0]!.hint).toBe("80% of revenue");
    // Absent facts leave their tiles out; a null AOV is shown as missing.
    expect(b!.kpis.map((k) => [k.label, k.value])).toEqual([
      ["Customers", "600"],
      ["AOV", MISSING],
    ]);
    expect(b!.kpis[0]!.hint).toBe(`${MISSING} of revenue`);
  });

  it("lists the profile's optional values, leaving out a blank one but not a missing one", () => {
    const [a, b] = segmentsPage(siteContext(full(), []))!;
    expect(a!.profile).toEqual([
      { label: "age", value: "42" },
      { label: "gender", value: "female 60%, male 40%" },
      { label: "top categories", value: "Wine 55%" },
      { label: "reach: email", value: "84%" },
      { label: "reach: sms", value: MISSING },
    ]);
    expect(b!.profile.map((p) => p.label)).toEqual(["age", "gender", "reach: email", "reach: sms"]);
    expect(b!.profile[0]!.value).toBe(MISSING);
  });

  it("words the segment's plan from its recommendation's rule and channel, and gives none without a recommendation", () => {
    const [a, b] = segmentsPage(siteContext(full(), []))!;
    // segment.best: lower churn, said on the app as an in-app banner.
    expect(a).toMatchObject({ action: "retain", confidence: "medium" });
    expect(a!.plan).toEqual({
      kpi: "churn rate ↓",
      initiatives: ["loyalty tier with early access and free delivery", "a dedicated service contact", "thank-you gifts at order milestones"],
      channel: "app",
      format: "in-app banner",
      reach: "reaches 84%",
    });
    expect(b).toMatchObject({ action: "", confidence: "low", why: "", plan: null });
  });
});

const hypothesis = (o: Partial<SeriesRow<"hypotheses">>): SeriesRow<"hypotheses"> =>
  row("hypotheses", { metric: "aov", by: "repeat", test: "mann-whitney-asymptotic", effect_name: "rank-biserial", ...o });

describe("hypothesesPage(site)", () => {
  const r = report({
    series: {
      hypotheses: [
        hypothesis({
          hypothesis: "aov-repeat-vs-one-time",
          groups: [
            { label: "repeat buyers", customers: 300 },
            { label: "one-time buyers", customers: 700 },
          ],
          statistic: 1234.5678,
          p_value: 0.0004,
          p_adjusted: 0.0496,
          supported: true,
          effect: 0.31234,
          shapiro: [0.001, 0.2],
          means: [50, 40],
          medians: [45, 38],
        }),
        hypothesis({ hypothesis: "aov-by-age", by: "age", test: null, untested: "no-grouping", effect_name: null }),
      ],
    },
  });

  it("formats each test's numbers, with p below 0.001 as such, an adjusted p to 3 significant digits, and untested values as missing", () => {
    const [tested, untested] = hypothesesPage(siteContext(r, []))!.rows;
    expect(tested).toMatchObject({
      statistic: "1,234.568",
      p: "< 0.001",
      // Holm-adjusted p just under 0.05 keeps its digits: 0.0496, not 0.05.
      adjusted: "0.0496",
      effect: "0.312",
      effectName: "rank-biserial correlation",
      supported: true,
    });
    expect(untested).toMatchObject({ statistic: MISSING, p: MISSING, adjusted: MISSING, effect: MISSING, supported: false });
  });

  it("tabulates the hypotheses in their order and registers the table's CSV", () => {
    const site = siteContext(r, []);
    const t = hypothesesPage(site)!.table;
    expect(t.id).toBe("hypotheses");
    expect(t.columns).toEqual(["hypothesis", "groups", "test", "why this test", "statistic", "p", "adjusted p", "effect", "effect size", "conclusion"]);
    expect(t.rows.map((x) => x[0])).toEqual(["Spend per order differs between repeat buyers and one-time buyers", "Spend per order differs by age"]);
    expect(t.rows[1]!.slice(4, 8)).toEqual([MISSING, MISSING, MISSING, MISSING]);
    expect(site.downloads.has("hypotheses")).toBe(true);
  });
});

describe("pValue(p, fmt)", () => {
  it("is 3 significant digits, < 0.001 below 0.001, and missing for null", () => {
    const fmt = makeFormatter("en-US", "USD");
    expect([0.5, 0.1765, 0.0496, 0.01234, 0.001, 0.000999, null].map((p) => pValue(p, fmt))).toEqual([
      "0.5",
      "0.177",
      "0.0496",
      "0.0123",
      "0.001",
      "< 0.001",
      MISSING,
    ]);
  });
});
