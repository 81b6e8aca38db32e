/**
 * The Customers, Segments and Hypotheses pages as data: tiles, charts,
 * tables and segment plans, from the report alone.
 */
import { SERIES, type SeriesRow } from "../analyses/series.ts";
import * as charts from "../charts/customers.ts";
import type { ChartContext } from "../charts/common.ts";
import type { ChartSpec } from "../charts/spec.ts";
import type { Plan, Report } from "../schema/report.ts";
import type { Formatter } from "./format.ts";
import type { PagePieces } from "./pieces.ts";
import type { FactIndex } from "./facts.ts";
import type { ChartPage, Kpi, Table } from "./model.ts";

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

const present = (...specs: (ChartSpec | null)[]): ChartSpec[] => specs.filter((c): c is ChartSpec => c !== null);
const text = (v: unknown): string => (v === null || v === undefined ? "" : String(v));

export interface CustomerPages {
  readonly customers: (ChartPage & { readonly profiles: Table | null; readonly method: SeriesRow | null }) | null;
  readonly segments: readonly SegmentView[] | null;
  readonly hypotheses: { readonly rows: readonly HypothesisView[]; readonly table: Table } | null;
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

export function customersPages(report: Report, facts: FactIndex, fmt: Formatter, ctx: ChartContext, pieces: PagePieces): CustomerPages {
  const profiles = report.series[SERIES.segmentProfiles] ?? [];
  const method = (report.series[SERIES.segmentMethod] ?? [])[0] ?? null;
  const rfmCustomers = facts.list("rfm.customers", ["segment"]);
  const totalCustomers = rfmCustomers.reduce((s, f) => s + (f.value ?? 0), 0);

  const page = pieces.page(
    [
      rfmCustomers.length ? { label: "Customers", value: fmt.number(totalCustomers, 0), hint: "with an order in the period" } : null,
      pieces.kpi("segments.k", "Segments", "count", method ? `k-means, ${text(method["chosen_by"])}` : "k-means"),
      facts.has("segments.k") ? pieces.kpi("segments.silhouette", "Silhouette", "ratio", "of the chosen k", { k: String(facts.value("segments.k")) }) : null,
      pieces.kpi("revenue", "Revenue", "currency", "in the period"),
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

  const optional = (key: string): boolean => profiles.some((p) => p[key] !== undefined && p[key] !== "");
  const extra = ["age", "gender", "city", "country", "top_categories"].filter(optional);
  const reachCols = Object.keys(profiles[0] ?? {}).filter((k) => k.startsWith("reach_"));
  const profileTable =
    profiles.length === 0
      ? null
      : pieces.table({
          id: "segment-profiles",
          caption: "Segment profiles",
          columns: [
            "segment",
            "customers",
            "revenue share",
            "recency (days)",
            "orders",
            "revenue",
            "AOV",
            "repeat",
            ...extra.map((k) => k.replace("_", " ")),
            ...reachCols.map((k) => k.slice(6)),
          ],
          numeric: [false, true, true, true, true, true, true, true, ...extra.map((k) => k === "age"), ...reachCols.map(() => true)],
          rows: profiles.map((p: SeriesRow) => [
            text(p["segment"]),
            fmt.number(p["customers"] as number, 0),
            fmt.percent(p["revenue_share"] as number | null),
            fmt.number(p["recency_days"] as number, 0),
            fmt.number(p["orders"] as number, 1),
            fmt.money(p["revenue"] as number),
            fmt.money(p["aov"] as number | null),
            fmt.percent(p["repeat_share"] as number),
            ...extra.map((k) => (k === "age" ? fmt.number(p[k] as number | null, 0) : text(p[k]))),
            ...reachCols.map((k) => fmt.percent(p[k] as number | null)),
          ]),
        });

  const recs = new Map(report.recommendations.filter((r) => r.plan && r.subject["segment"] !== undefined).map((r) => [r.subject["segment"]!, r]));
  const segments: SegmentView[] = profiles.map((p, i) => {
    const name = text(p["segment"]);
    const rec = recs.get(name);
    const dims = { segment: name };
    const plan: Plan = rec?.plan ?? { kpi: "", direction: "up", initiatives: [], channel: "", format: "", reach: null };
    return {
      name,
      anchor: `segment-${i + 1}`,
      kpis: [
        pieces.kpi("segments.size", "Customers", "users", `${fmt.percent(p["revenue_share"] as number | null)} of revenue`, dims),
        pieces.kpi("segments.recency.mean", "Recency", "days", "mean days since last order", dims),
        pieces.kpi("segments.frequency.mean", "Orders", "ratio", "mean per customer", dims),
        pieces.kpi("segments.aov", "AOV", "currency", "revenue ÷ orders", dims),
        pieces.kpi("segments.repeat.share", "Repeat buyers", "percent", "2 or more orders", dims),
      ].filter((k): k is Kpi => k !== null),
      profile: [
        ...extra
          .filter((k) => text(p[k]) !== "")
          .map((k) => ({ label: k.replace("_", " "), value: k === "age" ? fmt.number(p[k] as number | null, 0) : text(p[k]) })),
        ...reachCols.map((k) => ({ label: `reach: ${k.slice(6)}`, value: fmt.percent(p[k] as number | null) })),
      ],
      action: rec?.action ?? "",
      why: rec?.why ?? "",
      confidence: rec?.confidence ?? "low",
      plan,
      kpiText: plan.kpi ? `${plan.kpi} ${plan.direction === "up" ? "↑" : "↓"}` : "",
      reachText: plan.reach === null ? "reach unknown" : `reaches ${fmt.percent(plan.reach)}`,
    };
  });

  const rows = report.series[SERIES.hypotheses] ?? [];
  const views: HypothesisView[] = rows.map((h) => ({
    statement: text(h["statement"]),
    groups: text(h["groups"]),
    test: text(h["test"]),
    why: text(h["why"]),
    statistic: fmt.number(h["statistic"] as number | null, 3),
    p: pValue(h["p_value"] as number | null, fmt),
    adjusted: pValue(h["p_adjusted"] as number | null, fmt),
    effect: h["effect"] === null ? fmt.number(null, 0) : fmt.number(h["effect"] as number, 3),
    effectName: text(h["effect_name"]),
    conclusion: text(h["conclusion"]),
    supported: text(h["conclusion"]).startsWith("Supported"),
  }));
  const hypotheses =
    views.length === 0
      ? null
      : {
          rows: views,
          table: pieces.table({
            id: "hypotheses",
            caption: "Hypotheses, tests and conclusions (two-sided; Holm-adjusted over the tested hypotheses)",
            columns: ["hypothesis", "groups", "test", "why this test", "statistic", "p", "adjusted p", "effect", "effect size", "conclusion"],
            numeric: [false, false, false, false, true, true, true, true, false, false],
            rows: views.map((v) => [v.statement, v.groups, v.test, v.why, v.statistic, v.p, v.adjusted, v.effect, v.effectName, v.conclusion]),
          }),
        };

  return {
    customers: page ? { ...page, profiles: profileTable, method } : null,
    segments: segments.length ? segments : null,
    hypotheses,
  };
}

/** A p-value for reading: 3 significant digits, or "< 0.001". */
export function pValue(p: number | null, fmt: Formatter): string {
  if (p === null) return fmt.number(null, 0);
  return p < 0.001 ? "< 0.001" : fmt.number(p, 3);
}
