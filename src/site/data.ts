/**
 * The Data page as data: the period, every dataset's row accounting, the
 * rejected rows by reason with their first places, merged spellings,
 * ignored files, warnings and the definitions of the metrics shown.
 */
import { METRICS } from "../analyses/catalogue.ts";
import { metricKey, metricKeyOf } from "../facts/metric.ts";
import type { SiteContext } from "./context.ts";
import { warningText } from "../words/warnings.ts";
import type { Kpi, Table } from "./views.ts";

export interface DataPage {
  readonly period: readonly Kpi[];
  readonly completeMonths: string;
  readonly datasets: Table;
  readonly rejections: Table;
  /** Per dataset, its labels merged from several spellings, one line each: "channel Facebook Ads ← Facebook Ads 605, facebook ads 33". */
  readonly merged: readonly { readonly dataset: string; readonly lines: readonly string[] }[];
  readonly ignored: readonly string[];
  readonly warnings: readonly string[];
  readonly definitions: Table;
}

export function dataPage({ report, fmt, pieces }: SiteContext): DataPage {
  const p = report.period;
  const shown = new Set(report.facts.map(metricKeyOf));
  return {
    period: p
      ? [
          { label: "Period", value: `${p.from} – ${p.to}`, hint: `${p.days} days, from ${p.activity}` },
          { label: "Complete months", value: String(p.completeMonths.length), hint: "used by monthly tables" },
          { label: "Complete ISO weeks", value: String(p.completeWeeks), hint: "used by weekly means" },
          { label: "Version", value: report.version.id, hint: report.generator },
        ]
      : [],
    completeMonths: p && p.completeMonths.length ? `${p.completeMonths[0]} … ${p.completeMonths[p.completeMonths.length - 1]}` : "none",
    datasets: pieces.table({
      id: "datasets",
      caption: "Datasets and row accounting",
      columns: ["dataset", "kind", "files", "rows", "used", "rejected"],
      numeric: [false, false, false, true, true, true],
      rows: report.datasets.map((d) => [
        d.name,
        d.kind,
        d.files.map((f) => f.file).join(", "),
        fmt.number(d.rows, 0),
        fmt.number(d.used, 0),
        fmt.number(d.rows - d.used, 0),
      ]),
    }),
    rejections: pieces.table({
      id: "rejections",
      caption: "Rejected rows by reason, with the first places as file:line",
      columns: ["dataset", "reason", "rows", "examples"],
      numeric: [false, false, true, false],
      rows: report.datasets.flatMap((d) =>
        d.rejected.map((r) => [d.name, r.reason, fmt.number(r.count, 0), r.examples.join(", ") + (r.count > r.examples.length ? ", …" : "")]),
      ),
    }),
    merged: report.datasets
      .filter((d) => d.merged && d.merged.length > 0)
      .map((d) => ({
        dataset: d.name,
        lines: d.merged!.map((m) => `${m.role} ${m.label} ← ${m.spellings.map((x) => `${x.text} ${fmt.number(x.rows, 0)}`).join(", ")}`),
      })),
    ignored: report.ignored.map((x) => x.reason),
    warnings: report.warnings.map((w) => warningText(w, fmt)),
    definitions: pieces.table({
      id: "definitions",
      caption: "Metric definitions",
      columns: ["metric", "name", "unit", "formula", "when absent or empty"],
      numeric: [false, false, false, false, false],
      identifiers: [true, false, false, false, false],
      rows: METRICS.filter((m) => shown.has(metricKey(m.id, m.dims))).map((m) => [
        m.dims.length ? `${m.id}{${m.dims.join(",")}}` : m.id,
        m.label,
        m.unit,
        m.formula,
        m.empty,
      ]),
    }),
  };
}
