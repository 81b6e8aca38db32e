/**
 * The version archive as page data: snapshots in order, each with its
 * headline KPIs and its diff against the one before (the same diff code as
 * `romi diff`), and the current report's changes since the latest snapshot.
 */
import type { MetricId } from "../analyses/catalogue.ts";
import { countsLine, diffReports, type FactChange, type ReportDiff } from "../diff/compare.ts";
import { changeFormat, changeLabel } from "../diff/markdown.ts";
import type { Report } from "../schema/report.ts";
import { FactIndex } from "../facts/index.ts";
import { makeFormatter } from "../words/format.ts";
import { kpiTile } from "./tile.ts";
import type { Kpi } from "./views.ts";

export interface DiffView {
  readonly against: string;
  readonly summary: string;
  readonly rows: readonly { direction: FactChange["direction"]; metric: string; base: string; head: string; change: string }[];
  readonly more: number;
  readonly recommendations: readonly string[];
  readonly data: readonly string[];
}

export interface VersionView {
  readonly label: string;
  readonly slug: string;
  readonly id: string;
  readonly period: string;
  readonly commit: string | null;
  readonly headlines: readonly Kpi[];
  readonly diff: DiffView | null;
}

/** A snapshot's headline tiles, labelled and formatted by the catalogue (an archived share written as a ratio still reads as a percent). */
const HEADLINES: readonly MetricId[] = ["revenue", "buyers", "cost", "cac", "romi", "conversion.rate"];

const labelOf = (r: Report): string => r.version.label ?? r.version.id;

function headlines(r: Report): Kpi[] {
  const fmt = makeFormatter(r.locale, r.currency);
  const facts = new FactIndex(r.facts);
  return HEADLINES.map((id) => kpiTile(facts, fmt, id, "")).filter((k): k is Kpi => k !== null);
}

export function diffView(diff: ReportDiff, base: Report, head: Report, maxRows = 12): DiffView {
  const f = changeFormat(head.locale, head.currency);
  const n = (v: number | undefined): string => makeFormatter(head.locale, head.currency).number(v ?? null, 0);
  return {
    against: labelOf(base),
    summary: diff.summary.changed === 0 ? "No metric changed." : `${countsLine(diff.summary)}.`,
    rows: diff.facts
      .slice(0, maxRows)
      .map((c) => ({ direction: c.direction, metric: changeLabel(c), base: f.value(c.base, c.unit), head: f.value(c.head, c.unit), change: f.change(c) })),
    more: Math.max(0, diff.facts.length - maxRows),
    recommendations: diff.recommendations.map((r) => `${r.subject}: ${r.base ?? "none"} → ${r.head ?? "none"}`),
    data: [
      ...(diff.base.period !== diff.head.period ? [`Period: ${diff.base.period ?? "none"} → ${diff.head.period ?? "none"}`] : []),
      ...diff.datasets.map((d) => `${d.name}: ${n(d.base?.rows)} → ${n(d.head?.rows)} rows, ${n(d.base?.rejected)} → ${n(d.head?.rejected)} rejected`),
    ],
  };
}

/** Snapshots ordered by period end, then label. */
export function orderSnapshots(snapshots: readonly Report[]): Report[] {
  return [...snapshots].sort((a, b) => (a.period?.to ?? "").localeCompare(b.period?.to ?? "") || labelOf(a).localeCompare(labelOf(b)));
}

export function versionsModel(current: Report, snapshots: readonly Report[]): { list: VersionView[]; sinceLast: DiffView | null } {
  const ordered = orderSnapshots(snapshots);
  const list = ordered.map((r, i) => {
    const previous = ordered[i - 1];
    return {
      label: labelOf(r),
      slug: labelOf(r).replace(/[^\w.-]/g, "-"),
      id: r.version.id,
      period: r.period ? `${r.period.from} – ${r.period.to}` : "no period",
      commit: r.version.commit ?? null,
      headlines: headlines(r),
      diff: previous ? diffView(diffReports(previous, r), previous, r) : null,
    };
  });
  // The latest snapshot that is not the current report itself.
  const last = [...ordered].reverse().find((r) => r.version.id !== current.version.id);
  return { list, sinceLast: last ? diffView(diffReports(last, current), last, current, 5) : null };
}
