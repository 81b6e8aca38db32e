/**
 * What every section's builder reads: the report, its facts, the formatter,
 * the chart context, the pieces that render tiles, charts and tables (and
 * register their CSV downloads), the recommendations as views, and the
 * version archive.
 */
import { withAnnotations, type ChartContext } from "../charts/common.ts";
import { renderChart } from "../charts/render.ts";
import type { ChartSpec } from "../charts/spec.ts";
import { NARROW, WIDE } from "../charts/theme.ts";
import type { Report } from "../schema/report.ts";
import { csvOf, tableCsv } from "./csv.ts";
import { FactIndex } from "../facts/index.ts";
import { makeFormatter, type Formatter } from "../words/format.ts";
import type { PagePieces } from "./pieces.ts";
import { recommendationViews } from "./recommendations.ts";
import { kpiTile } from "./tile.ts";
import { versionsModel, type DiffView, type VersionView } from "./versions.ts";
import type { Chart, Kpi, RecommendationView } from "./views.ts";

export interface SiteContext {
  readonly report: Report;
  readonly facts: FactIndex;
  readonly fmt: Formatter;
  readonly charts: ChartContext;
  readonly pieces: PagePieces;
  /** Every recommendation as a card, most important first. */
  readonly recommendations: readonly RecommendationView[];
  /** The snapshots in order, and the current report's changes since the latest. */
  readonly archive: { readonly list: readonly VersionView[]; readonly sinceLast: DiffView | null };
  /** Every CSV download registered so far, by id. */
  readonly downloads: Map<string, string>;
  /** Every chart drawn so far, by id (its CSV's name): what a team's page can show (`embed.ts`). */
  readonly drawn: ReadonlyMap<string, Chart>;
}

export function siteContext(report: Report, snapshots: readonly Report[]): SiteContext {
  const fmt = makeFormatter(report.locale, report.currency);
  const facts = new FactIndex(report.facts);
  const downloads = new Map<string, string>();
  const drawn = new Map<string, Chart>();
  const pieces: PagePieces = {
    kpi: (id, hint, dims) => kpiTile(facts, fmt, id, hint, dims),
    page: (kpis, specs) => {
      if (specs.length === 0) return null;
      for (const s of specs) downloads.set(s.id, csvOf(s.data));
      const charts = specs.map((s) => render(s, report.annotations));
      for (const c of charts) drawn.set(c.id, c);
      return { kpis: kpis.filter((k): k is Kpi => k !== null), charts };
    },
    table: (t) => {
      downloads.set(t.id, tableCsv(t));
      return t;
    },
  };
  return {
    report,
    facts,
    fmt,
    charts: { report, facts, format: fmt },
    pieces,
    recommendations: recommendationViews(report, fmt),
    archive: versionsModel(report, snapshots),
    downloads,
    drawn,
  };
}

function render(raw: ChartSpec, annotations: Report["annotations"]): Chart {
  // Every chart passes here: dated ones get the report's annotations.
  const spec = withAnnotations(raw, annotations);
  return {
    id: spec.id,
    title: spec.title,
    subtitle: spec.subtitle,
    description: spec.description,
    svgWide: renderChart(spec, WIDE),
    svgNarrow: renderChart(spec, NARROW),
  };
}
