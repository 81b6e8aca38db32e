/**
 * The funnel's pages as data: Product (activity and sessions), Sales
 * (orders, revenue, LTV), Marketing (cost, CAC, ROMI) and Channels (one
 * section per first-touch source with its funnel, payback and
 * recommendation).
 */
import type { MetricId } from "../analyses/catalogue.ts";
import * as charts from "../charts/funnel.ts";
import type { ChartSpec } from "../charts/spec.ts";
import type { SiteContext } from "./context.ts";
import { recommendationView } from "./recommendations.ts";
import type { ChartPage, Kpi, RecommendationView } from "./views.ts";

export interface ChannelView {
  readonly source: string;
  readonly anchor: string;
  readonly funnel: readonly Kpi[];
  readonly numbers: readonly Kpi[];
  readonly recommendation: RecommendationView | null;
}

const present = (...specs: (ChartSpec | null)[]): ChartSpec[] => specs.filter((c): c is ChartSpec => c !== null);

/** The DAU, WAU and MAU tiles, on the Product page and the overview. */
export const activeUserTiles = (pieces: SiteContext["pieces"]): (Kpi | null)[] => [
  pieces.kpi("dau", "mean daily active users"),
  pieces.kpi("wau", "mean weekly active users"),
  pieces.kpi("mau", "mean monthly active users"),
];

export function productPage({ pieces, charts: ctx }: SiteContext): ChartPage | null {
  return pieces.page(
    [
      ...activeUserTiles(pieces),
      pieces.kpi("sticky.dau_mau", "monthly users active on an average day"),
      pieces.kpi("sessions.per_user_day", "on days with sessions"),
      pieces.kpi("session.length.median_s", "end − start"),
    ],
    present(charts.activeUsers(ctx), charts.stickyFactor(ctx), charts.sessionsPerUser(ctx), charts.sessionLength(ctx), charts.retention(ctx)),
  );
}

export function salesPage({ pieces, charts: ctx }: SiteContext): ChartPage | null {
  return pieces.page(
    [
      pieces.kpi("revenue", "in the period"),
      pieces.kpi("orders.count", "in the period"),
      pieces.kpi("aov", "revenue ÷ orders"),
      pieces.kpi("conversion.delay.median_days", "median, from the first session"),
    ],
    present(charts.conversionDelay(ctx), charts.ordersPerBuyer(ctx), charts.aovMonthly(ctx), charts.ltvHeatmap(ctx), charts.ltvMean(ctx)),
  );
}

export function marketingPage({ pieces, charts: ctx }: SiteContext): ChartPage | null {
  return pieces.page(
    [pieces.kpi("cost", "in the period"), pieces.kpi("cac", "cost ÷ buyers"), pieces.kpi("romi", "revenue × margin ÷ cost")],
    present(charts.spendBySource(ctx), charts.cacBySource(ctx), charts.romiBySourceAge(ctx), charts.ltvVsCac(ctx)),
  );
}

/** One section per first-touch source, largest spend, then buyers, first; null without per-source facts. */
export function channelsPage({ report, facts, fmt, pieces }: SiteContext): readonly ChannelView[] | null {
  const sources = [...new Set([...facts.dimValues("buyers", ["source"], "source"), ...facts.dimValues("cost", ["source"], "source")])].sort(
    (a, b) =>
      (facts.value("cost", { source: b }) ?? -1) - (facts.value("cost", { source: a }) ?? -1) ||
      (facts.value("buyers", { source: b }) ?? 0) - (facts.value("buyers", { source: a }) ?? 0) ||
      (a < b ? -1 : 1),
  );
  if (sources.length === 0 || (!facts.has("buyers", { source: sources[0]! }) && !facts.has("cost", { source: sources[0]! }))) return null;
  const recBySource = new Map(report.recommendations.map((r) => [r.subject["source"], r]));
  return sources.map((source, i) => {
    const k = (id: MetricId, hint: string): Kpi | null => pieces.kpi(id, hint, { source });
    const rec = recBySource.get(source);
    return {
      source,
      anchor: anchorFor(source, i),
      funnel: [
        k("visits.users", "first touch"),
        k("conversion.rate", "visitors who bought"),
        k("buyers", "first touch"),
        k("revenue", "of those buyers"),
      ].filter((x): x is Kpi => x !== null),
      numbers: [
        k("cost", "in the period"),
        k("cac", "cost ÷ buyers"),
        k("romi", "revenue × margin ÷ cost"),
        k("payback.months", "cohort age where ROMI ≥ 1"),
        k("conversion.delay.median_days", "median, from the first session"),
      ].filter((x): x is Kpi => x !== null),
      recommendation: rec ? recommendationView(rec, fmt) : null,
    };
  });
}

/** A URL-safe anchor for a label (labels can be anything). */
export function anchorFor(label: string, index: number): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40);
  return `source-${index}${slug ? `-${slug}` : ""}`;
}
