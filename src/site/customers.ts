/**
 * The Customers, Segments and Hypotheses pages as data: tiles, charts,
 * tables and segment plans, from the report alone.
 */
import { type SeriesRow } from "../analyses/series.ts";
import * as charts from "../charts/customers.ts";
import type { ChartSpec } from "../charts/spec.ts";
import type { SegmentRule } from "../rules/segments.ts";
import { ALPHA } from "../analyses/customers/hypotheses.ts";
import type { SiteContext } from "./context.ts";
import type { Formatter } from "../words/format.ts";
import { CHANNEL_FORMAT, STRATEGY, why } from "../words/why.ts";
import type { ChartPage, Kpi, Table } from "./views.ts";

export interface SegmentView {
  readonly name: string;
  readonly anchor: string;
  readonly kpis: readonly Kpi[];
  readonly profile: readonly { label: string; value: string }[];
  readonly action: string;
  readonly why: string;
  readonly confidence: string;
  /** The segment's strategy, worded; null when no rule gave it one. */
  readonly plan: {
    /** "churn rate ↓" */
    readonly kpi: string;
    readonly initiatives: readonly string[];
    readonly channel: string;
    /** "in-app banner" */
    readonly format: string;
    /** "reaches 84%" or "reach unknown" */
    readonly reach: string;
  } | null;
}

/** The Customers page: tiles and charts, the segment profiles and how the segments were found (`method`, a sentence). */
export interface CustomersPage extends ChartPage {
  readonly profiles: Table | null;
  readonly method: string | null;
}

/** One hypothesis as the page shows it: every number formatted. */
export interface HypothesisView {
  readonly statement: string;
  readonly groups: string;
  readonly test: string;
  readonly why: string;
  readonly statistic: string;
  readonly p: string;
  readonly adjusted: string;
  readonly effect: string;
  readonly effectName: string;
  readonly conclusion: string;
  readonly supported: boolean;
}

export interface HypothesesPage {
  readonly rows: readonly HypothesisView[];
  readonly table: Table;
}

type Profile = SeriesRow<"segment_profiles">;

const present = (...specs: (ChartSpec | null)[]): ChartSpec[] => specs.filter((c): c is ChartSpec => c !== null);

/** The customer attributes whose most common labels the profiles show. */
const MIXES = ["gender", "city", "country"];

/** null without customers (no RFM facts and no customer charts). */
export function customersPage({ report, facts, fmt, pieces, charts: ctx }: SiteContext): CustomersPage | null {
  const profiles = report.series.segment_profiles ?? [];
  const method = (report.series.segment_method ?? [])[0] ?? null;
  const rfmCustomers = facts.list("rfm.customers", ["segment"]);
  const totalCustomers = rfmCustomers.reduce((s, f) => s + (f.value ?? 0), 0);
  const page = pieces.page(
    [
      rfmCustomers.length ? { label: "Customers", value: fmt.number(totalCustomers, 0), hint: "with an order in the period" } : null,
      pieces.kpi("segments.k", method ? `k-means, ${chosenBy(method)}` : "k-means"),
      facts.has("segments.k") ? pieces.kpi("segments.silhouette", "of the chosen k", { k: String(facts.value("segments.k")) }) : null,
      pieces.kpi("revenue", "in the period"),
    ],
    present(
      charts.buyerRetention(ctx),
      charts.revenuePerCustomer(ctx),
      charts.activity(ctx),
      charts.rfmGrid(ctx),
      charts.rfmSegments(ctx),
      charts.kSilhouette(ctx),
      charts.kInertia(ctx),
      charts.segmentScatter(ctx),
    ),
  );
  if (!page) return null;
  const extra = profileColumns(profiles, fmt);
  const table =
    profiles.length === 0
      ? null
      : pieces.table({
          id: "segment-profiles",
          caption: "Segment profiles",
          columns: ["segment", "customers", "revenue share", "recency (days)", "orders", "revenue", "AOV", "repeat", ...extra.map((c) => c.name)],
          numeric: [false, true, true, true, true, true, true, true, ...extra.map((c) => c.numeric)],
          rows: profiles.map((p) => [
            p.segment,
            fmt.number(p.customers, 0),
            fmt.percent(p.revenue_share),
            fmt.number(p.recency_days, 0),
            fmt.number(p.orders, 1),
            fmt.money(p.revenue),
            fmt.money(p.aov),
            fmt.percent(p.repeat_share),
            ...extra.map((c) => c.value(p)),
          ]),
        });
  return { ...page, profiles: table, method: method ? methodText(method, fmt) : null };
}

/** One card per k-means segment, with its plan; null without segments. */
export function segmentsPage({ report, fmt, pieces }: SiteContext): readonly SegmentView[] | null {
  const profiles = report.series.segment_profiles ?? [];
  if (profiles.length === 0) return null;
  const extra = profileColumns(profiles, fmt);
  const recs = new Map(report.recommendations.filter((r) => r.plan && r.subject.segment !== undefined).map((r) => [r.subject.segment!, r]));
  return profiles.map((p, i) => {
    const name = p.segment;
    const rec = recs.get(name);
    const dims = { segment: name };
    const strategy = rec?.plan && Object.hasOwn(STRATEGY, rec.rule) ? STRATEGY[rec.rule as SegmentRule] : undefined;
    const plan =
      rec?.plan && strategy
        ? {
            kpi: `${strategy.kpi} ${rec.plan.direction === "up" ? "↑" : "↓"}`,
            initiatives: strategy.initiatives,
            channel: rec.plan.channel,
            format: CHANNEL_FORMAT[rec.plan.channel],
            reach: rec.plan.reach === null ? "reach unknown" : `reaches ${fmt.percent(rec.plan.reach)}`,
          }
        : null;
    return {
      name,
      anchor: `segment-${i + 1}`,
      kpis: [
        pieces.kpi("segments.size", `${fmt.percent(p.revenue_share)} of revenue`, dims),
        pieces.kpi("segments.recency.mean", "days since the last order", dims),
        pieces.kpi("segments.frequency.mean", "orders per customer", dims),
        pieces.kpi("segments.aov", "revenue ÷ orders", dims),
        pieces.kpi("segments.repeat.share", "2 or more orders", dims),
      ].filter((k): k is Kpi => k !== null),
      profile: extra.map((c) => ({ label: c.label, value: c.value(p) })).filter((x) => x.value !== ""),
      action: rec?.action ?? "",
      why: rec ? why(rec, fmt) : "",
      confidence: rec?.confidence ?? "low",
      plan,
    };
  });
}

/** The hypothesis tests as rows and a table; null without any. */
export function hypothesesPage({ report, fmt, pieces }: SiteContext): HypothesesPage | null {
  const rows = report.series.hypotheses ?? [];
  if (rows.length === 0) return null;
  const views: HypothesisView[] = rows.map((h) => hypothesisView(h, fmt));
  return {
    rows: views,
    table: pieces.table({
      id: "hypotheses",
      caption: "Hypotheses, tests and conclusions (two-sided; Holm-adjusted over the tested hypotheses)",
      columns: ["hypothesis", "groups", "test", "why this test", "statistic", "p", "adjusted p", "effect", "effect size", "conclusion"],
      numeric: [false, false, false, false, true, true, true, true, false, false],
      rows: views.map((v) => [v.statement, v.groups, v.test, v.why, v.statistic, v.p, v.adjusted, v.effect, v.effectName, v.conclusion]),
    }),
  };
}

/** The profiles' optional columns: age, the label mixes shown, top categories, then each channel's reach. */
function profileColumns(profiles: readonly Profile[], fmt: Formatter) {
  const mix = (list: readonly { label: string; share: number }[] | undefined): string =>
    (list ?? []).map((m) => `${m.label} ${fmt.percent(m.share, 0)}`).join(", ");
  const column = (name: string, numeric: boolean, value: (p: Profile) => string, label = name) => ({ name, label, numeric, value });
  return [
    ...(profiles.some((p) => p.age !== undefined) ? [column("age", true, (p) => fmt.number(p.age, 0))] : []),
    ...MIXES.filter((k) => profiles.some((p) => (p.mixes[k] ?? []).length > 0)).map((k) => column(k, false, (p) => mix(p.mixes[k]))),
    ...(profiles.some((p) => (p.top_categories ?? []).length > 0) ? [column("top categories", false, (p) => mix(p.top_categories))] : []),
    ...Object.keys(profiles[0]?.reach ?? {}).map((k) => column(k, true, (p) => fmt.percent(p.reach[k]), `reach: ${k}`)),
  ];
}

const chosenBy = (m: SeriesRow<"segment_method">): string => (m.chosen_by === "config" ? "config" : "best silhouette among k ≥ 3");

function methodText(m: SeriesRow<"segment_method">, fmt: Formatter): string {
  const n = (v: number): string => fmt.number(v, 0);
  const on =
    m.sample === m.customers
      ? ` on all ${n(m.customers)} customers.`
      : ` on an even sample of ${n(m.sample)} of the ${n(m.customers)} customers, each customer then assigned to the nearest centre.`;
  return `k-means on ${m.features.join(", ")} (standardised), k = ${n(m.k)} chosen by ${chosenBy(m)}; the best of ${n(m.starts)} k-means++ starts per k${on}`;
}

/**
 * A p-value for reading: 3 significant digits, or "< 0.001".
 * @example pValue(0.0496, makeFormatter("en-US", "USD")); // => "0.0496"
 */
export function pValue(p: number | null, fmt: Formatter): string {
  if (p === null) return fmt.number(null, 0);
  return p < 0.001 ? "< 0.001" : fmt.significant(p, 3);
}

type Hypothesis = SeriesRow<"hypotheses">;

const GROUP_WORDS: Readonly<Record<string, string>> = { segment: "segments", rfm: "RFM segments" };

const METRIC_WORDS: Readonly<Record<NonNullable<Hypothesis["metric"]>, string>> = {
  aov: "spend per order",
  frequency: "orders per customer",
  monetary: "revenue per customer",
  recency: "days since the last order",
  repeat: "repeat-purchase rate",
};

const TEST_WORDS: Readonly<Record<NonNullable<Hypothesis["test"]>, string>> = {
  "chi-square": "chi-square test of independence",
  "chi-square-yates": "chi-square test of independence (Yates-corrected)",
  "z-proportions": "two-proportion z-test (pooled)",
  welch: "Welch's t-test",
  "mann-whitney-exact": "Mann–Whitney U test (exact)",
  "mann-whitney-asymptotic": "Mann–Whitney U test (asymptotic)",
};

const EFFECT_WORDS: Readonly<Record<NonNullable<Hypothesis["effect_name"]>, string>> = {
  "cramers-v": "Cramér's V",
  "proportion-difference": "difference in proportions",
  "cohens-d": "Cohen's d",
  "rank-biserial": "rank-biserial correlation",
};

/** A hypothesis as the page shows it: its statement, the test and why, every number formatted, and the conclusion. */
export function hypothesisView(h: Hypothesis, fmt: Formatter): HypothesisView {
  const [a, b] = [h.groups[0]?.label ?? "", h.groups[1]?.label ?? ""];
  const metric = h.metric === null ? null : METRIC_WORDS[h.metric];
  const statement =
    h.mix !== null
      ? `The ${h.mix} mix differs between ${Object.hasOwn(GROUP_WORDS, h.by) ? GROUP_WORDS[h.by] : `${h.by} groups`}`
      : h.groups.length === 0
        ? `${capital(metric ?? "")} differs by ${h.by}`
        : `${capital(metric ?? "")} differs between ${a || "?"} and ${b || "?"}`;
  const groups = h.mix !== null ? h.groups.map((g) => g.label).join(", ") : h.groups.map((g) => `${g.label} (${fmt.number(g.customers, 0)})`).join(" vs ");
  const why = testReason(h, fmt);
  return {
    statement,
    groups,
    test: h.test === null ? "not tested" : TEST_WORDS[h.test],
    why,
    statistic: fmt.number(h.statistic, 3),
    p: pValue(h.p_value, fmt),
    adjusted: pValue(h.p_adjusted, fmt),
    // A difference in proportions reads in percentage points.
    effect:
      h.effect === null ? fmt.number(null, 0) : h.effect_name === "proportion-difference" ? `${fmt.number(h.effect * 100, 1)} pts` : fmt.number(h.effect, 3),
    effectName: h.effect_name === null ? "" : EFFECT_WORDS[h.effect_name],
    conclusion: conclusion(h, why, fmt),
    supported: h.supported === true,
  };
}

const capital = (s: string): string => `${s.slice(0, 1).toUpperCase()}${s.slice(1)}`;

/** A test statistic or measure for a sentence: whole from 100, two decimals from 1, else two significant digits. */
const measure = (v: number, fmt: Formatter): string => (Math.abs(v) >= 100 ? fmt.number(v, 0) : Math.abs(v) >= 1 ? fmt.fixed(v, 2) : fmt.significant(v, 2));

/** Why this test (or why none). */
function testReason(h: Hypothesis, fmt: Formatter): string {
  const shapiro = (i: 0 | 1): string => {
    const p = h.shapiro?.[i] ?? null;
    return `${h.groups[i]?.label ?? "?"} p ${p === null ? "undefined (all values equal)" : p < 0.001 ? "< 0.001" : `= ${measure(p, fmt)}`}`;
  };
  switch (h.test) {
    case "chi-square":
    case "chi-square-yates": {
      const cells = (h.table_rows ?? 0) * (h.table_columns ?? 0);
      const small = h.small_expected ?? 0;
      return (
        `${h.mix} is categorical and so is ${h.by}: a ${h.table_rows} × ${h.table_columns} table of customer counts` +
        (small > 0 ? `; ${small} of ${cells} expected counts are below 5, so the p-value is approximate` : "")
      );
    }
    case "z-proportions":
      return "bought again is yes or no, and each group has at least 5 of each: the normal approximation holds";
    case "welch":
      return `Shapiro–Wilk does not reject normality in either group (${shapiro(0)}, ${shapiro(1)}), and Welch's test does not assume equal variances`;
    case "mann-whitney-exact":
    case "mann-whitney-asymptotic": {
      // The groups where Shapiro–Wilk rejected normality at the analysis's ALPHA (or could not be computed).
      const rejected = ([0, 1] as const).filter((i) => {
        const p = h.shapiro?.[i] ?? null;
        return p === null || p < ALPHA;
      });
      return `Shapiro–Wilk rejects normality (${rejected.map(shapiro).join(", ")}), so a rank test, which needs no normality`;
    }
    case null:
      switch (h.untested) {
        case "no-grouping":
          return `no ${h.by} for these customers`;
        case "no-mix":
          return `no ${h.mix} for these customers`;
        case "small-table":
          return `needs at least 2 ${h.by} groups and 2 ${h.mix} values`;
        case "small-group":
          return "a group has fewer than 3 customers";
        case "few-outcomes":
          return "fewer than 5 repeat or one-time buyers in a group: the z-test's normal approximation does not hold";
        case null:
          return "";
      }
  }
}

/** Plain-language conclusion: what was seen, and whether it holds after Holm's adjustment. */
function conclusion(h: Hypothesis, why: string, fmt: Formatter): string {
  if (h.p_value === null || h.p_adjusted === null || h.supported === null) return `Not tested: ${why}.`;
  const [a, b] = [h.groups[0]?.label ?? "", h.groups[1]?.label ?? ""];
  const money = h.metric === "aov" || h.metric === "monetary";
  const value = (v: number): string => (money ? fmt.money(v) : measure(v, fmt));
  const seen = h.over
    ? `${h.over.group} has ${measure(h.over.ratio, fmt)}× the expected share of ${h.over.value}`
    : h.shares
      ? `${a} ${fmt.percent(h.shares[0], 0)} vs ${b} ${fmt.percent(h.shares[1], 0)} bought again`
      : h.means && h.medians
        ? `mean ${value(h.means[0])} in ${a} vs ${value(h.means[1])} in ${b} (medians ${value(h.medians[0])} and ${value(h.medians[1])})`
        : "";
  const p = h.p_adjusted < 0.001 ? "p < 0.001" : `p = ${measure(h.p_adjusted, fmt)}`;
  return h.supported
    ? `Supported: ${seen}; significant after Holm adjustment (${p}).`
    : `Not supported: ${seen}, but the difference could be chance after Holm adjustment (${p}).`;
}
