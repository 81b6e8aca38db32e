/**
 * The Customers, Segments and Hypotheses pages as data: tiles, charts,
 * tables and segment plans, from the report alone.
 */
import { type SeriesRow } from "../analyses/series.ts";
import * as charts from "../charts/customers.ts";
import type { ChartSpec } from "../charts/spec.ts";
import type { Plan } from "../schema/report.ts";
import type { SiteContext } from "./context.ts";
import type { Formatter } from "../words/format.ts";
import type { ChartPage, Kpi, Table } from "./views.ts";

export interface SegmentView {
  readonly name: string;
  readonly anchor: string;
  readonly kpis: readonly Kpi[];
  readonly profile: readonly { label: string; value: string }[];
  readonly action: string;
  readonly why: string;
  readonly confidence: string;
  readonly plan: Plan;
  readonly kpiText: string;
  readonly reachText: string;
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
  return { ...page, profiles: table, method: method ? methodText(method) : null };
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
    const plan: Plan = rec?.plan ?? { kpi: "", direction: "up", initiatives: [], channel: "", format: "", reach: null };
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
      why: rec?.why ?? "",
      confidence: rec?.confidence ?? "low",
      plan,
      kpiText: plan.kpi ? `${plan.kpi} ${plan.direction === "up" ? "↑" : "↓"}` : "",
      reachText: plan.reach === null ? "reach unknown" : `reaches ${fmt.percent(plan.reach)}`,
    };
  });
}

/** The hypothesis tests as rows and a table; null without any. */
export function hypothesesPage({ report, fmt, pieces }: SiteContext): HypothesesPage | null {
  const rows = report.series.hypotheses ?? [];
  if (rows.length === 0) return null;
  const views: HypothesisView[] = rows.map((h) => ({
    statement: h.statement,
    groups: h.groups,
    test: h.test,
    why: h.why,
    statistic: fmt.number(h.statistic, 3),
    p: pValue(h.p_value, fmt),
    adjusted: pValue(h.p_adjusted, fmt),
    effect: h.effect === null ? fmt.number(null, 0) : fmt.number(h.effect, 3),
    effectName: h.effect_name,
    conclusion: h.conclusion,
    supported: h.conclusion.startsWith("Supported"),
  }));
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

function methodText(m: SeriesRow<"segment_method">): string {
  const on =
    m.sample === m.customers
      ? ` on all ${m.customers} customers.`
      : ` on an even sample of ${m.sample} of the ${m.customers} customers, each customer then assigned to the nearest centre.`;
  return `k-means on ${m.features.join(", ")} (standardised), k = ${m.k} chosen by ${chosenBy(m)}; the best of ${m.starts} k-means++ starts per k${on}`;
}

/** A p-value for reading: 3 significant digits, or "< 0.001". */
export function pValue(p: number | null, fmt: Formatter): string {
  if (p === null) return fmt.number(null, 0);
  return p < 0.001 ? "< 0.001" : fmt.number(p, 3);
}
