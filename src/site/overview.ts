/**
 * The overview as data: headline tiles, the most important
 * recommendations, the changes since the latest snapshot and the data's
 * health in a sentence.
 */
import type { SiteContext } from "./context.ts";
import { warningText } from "../words/warnings.ts";
import { activeUserTiles } from "./funnel.ts";
import { topRecommendations } from "./recommendations.ts";
import type { DiffView } from "./versions.ts";
import type { Kpi, RecommendationView } from "./views.ts";

export interface OverviewPage {
  readonly kpis: readonly Kpi[];
  readonly top: readonly RecommendationView[];
  readonly health: string;
  readonly warnings: readonly string[];
  readonly sinceLast: DiffView | null;
}

export function overviewPage({ report, fmt, pieces, recommendations, archive }: SiteContext): OverviewPage {
  const rows = report.datasets.reduce((s, d) => s + d.rows, 0);
  const rejected = report.datasets.reduce((s, d) => s + d.rows - d.used, 0);
  const reasons = new Map<string, number>();
  for (const d of report.datasets) for (const r of d.rejected) reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + r.count);
  const reasonText = [...reasons]
    .sort((a, b) => b[1] - a[1])
    .map(([r, n]) => `${fmt.number(n, 0)} ${r}`)
    .join(", ");
  const health =
    `${report.datasets.length} dataset${report.datasets.length === 1 ? "" : "s"}, ${fmt.number(rows, 0)} rows, ` +
    `${fmt.number(rejected, 0)} rejected (${fmt.percent(rows ? rejected / rows : null)})${reasonText ? `: ${reasonText}` : ""}` +
    `${report.warnings.length ? `; ${report.warnings.length} warning${report.warnings.length === 1 ? "" : "s"}` : ""}.`;
  return {
    kpis: [
      pieces.kpi("revenue", "in the period"),
      pieces.kpi("buyers", "distinct"),
      pieces.kpi("aov", "revenue ÷ orders"),
      pieces.kpi("cost", "in the period"),
      pieces.kpi("cac", "cost ÷ buyers"),
      pieces.kpi("romi", "revenue × margin ÷ cost"),
      ...activeUserTiles(pieces),
      pieces.kpi("conversion.rate", "visitors who bought"),
    ].filter((k): k is Kpi => k !== null),
    top: topRecommendations(recommendations, 3),
    health,
    warnings: report.warnings.map((w) => warningText(w, fmt)),
    sinceLast: archive.sinceLast,
  };
}
