/**
 * What moved between two reports: facts matched by id and dims, the
 * recommendations, and the datasets and period. Pure.
 *
 * Float noise is not a change: two values are equal when
 * |head − base| ≤ 1e-9 × max(|base|, |head|) (they agree to about nine
 * significant digits; metrics.json carries twelve), or both are null.
 */
import { metricOf } from "../analyses/catalogue.ts";
import { changesBetween, METRIC_HISTORY, type MetricChange } from "../facts/history.ts";
import { factKey } from "../facts/metric.ts";
import type { Fact, Recommendation, Report } from "../schema/report.ts";
import type { SectionSlug } from "../schema/sections.ts";

export const NOISE = 1e-9;

export type ChangeKind =
  /** Both sides have a number, and they differ. */
  | "changed"
  /** Only head has the fact. */
  | "added"
  /** Only base has the fact. */
  | "removed"
  /** The fact was null in base and is a number in head. */
  | "appeared"
  /** The fact was a number in base and is null in head. */
  | "vanished";

export type Direction = "improvement" | "regression" | "neutral";

export interface FactChange {
  readonly id: string;
  readonly dims: Readonly<Record<string, string>>;
  readonly label: string;
  /** The metric's section; "other" for a metric this romi does not know. */
  readonly section: SectionSlug | "other";
  readonly unit: Fact["unit"];
  readonly kind: ChangeKind;
  readonly base: number | null;
  readonly head: number | null;
  /** head − base; null unless both are numbers. */
  readonly abs: number | null;
  /** (head − base) ÷ |base|; null when base is 0 or not a number: no invented percentage. */
  readonly rel: number | null;
  readonly direction: Direction;
  /** When the metric was renamed or redefined between the two reports' romi versions: what changed, and why. A redefined metric's move is neutral. */
  readonly note?: string;
  /** The metric's definition changed between the two reports' romi versions: its move is not judged. */
  readonly redefined?: true;
}

export interface RecommendationChange {
  readonly subject: string;
  readonly base: Recommendation["action"] | null;
  readonly head: Recommendation["action"] | null;
}

export interface DatasetChange {
  readonly name: string;
  readonly base: { rows: number; used: number; rejected: number } | null;
  readonly head: { rows: number; used: number; rejected: number } | null;
}

export interface Side {
  readonly id: string;
  readonly label: string | undefined;
  readonly commit: string | undefined;
  readonly period: string | null;
}

export interface ReportDiff {
  readonly base: Side;
  readonly head: Side;
  readonly facts: readonly FactChange[];
  readonly recommendations: readonly RecommendationChange[];
  readonly datasets: readonly DatasetChange[];
  readonly summary: { readonly changed: number; readonly regressions: number; readonly improvements: number; readonly added: number; readonly removed: number };
}

/**
 * The diff's counts in words.
 * @example countsLine({ changed: 12, regressions: 3, improvements: 1, added: 0, removed: 0 }); // => "12 metrics changed: 3 regressions, 1 improvement"
 */
export function countsLine(s: ReportDiff["summary"]): string {
  const n = (count: number, word: string): string => `${count} ${word}${count === 1 ? "" : "s"}`;
  return `${n(s.changed, "metric")} changed: ${n(s.regressions, "regression")}, ${n(s.improvements, "improvement")}`;
}

/** @example sameValue(0.1 + 0.2, 0.3); // => true */
export function sameValue(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= NOISE * Math.max(Math.abs(a), Math.abs(b));
}

function direction(better: Fact["better"], abs: number | null, kind: ChangeKind): Direction {
  if (!better) return "neutral";
  if (kind === "changed" && abs !== null) return abs > 0 === (better === "up") ? "improvement" : "regression";
  return "neutral";
}

const describe = (r: Report): Side => ({
  id: r.version.id,
  label: r.version.label,
  commit: r.version.commit,
  period: r.period ? `${r.period.from} – ${r.period.to}` : null,
});

/** Magnitude of a change: relative when known; a change from 0 is larger than any. */
export function magnitude(c: FactChange): number {
  if (c.rel !== null) return Math.abs(c.rel);
  return c.kind === "changed" ? Infinity : 0;
}

/**
 * Headline facts first: totals (no dims), then per-source facts, then
 * cohort and age cells, which move the most and matter the least.
 */
export function tier(c: Pick<FactChange, "dims">): number {
  const names = Object.keys(c.dims);
  return names.length === 0 ? 0 : names.length === 1 && names[0] === "source" ? 1 : 2;
}

/** `history`: how metrics changed between romi versions (`METRIC_HISTORY`; a test gives its own). */
export function diffReports(base: Report, head: Report, history: readonly MetricChange[] = METRIC_HISTORY): ReportDiff {
  const spanned = changesBetween(base.generator, head.generator, history);
  // A renamed metric's base facts are read under today's id.
  const renamed = new Map(spanned.filter((c) => c.kind === "renamed" && c.from).map((c) => [c.from!, c]));
  const redefined = new Map(spanned.filter((c) => c.kind === "redefined").map((c) => [c.id, c]));
  const notes = new Map<string, string>();
  const baseFacts = new Map(
    base.facts.map((f) => {
      const rename = renamed.get(f.id);
      if (!rename) return [factKey(f.id, f.dims), f];
      const key = factKey(rename.id, f.dims);
      notes.set(key, `renamed from ${f.id} in romi ${rename.since}: ${rename.why}`);
      return [key, { ...f, id: rename.id }];
    }),
  );
  const headFacts = new Map(head.facts.map((f) => [factKey(f.id, f.dims), f]));
  const keys = [...new Set([...baseFacts.keys(), ...headFacts.keys()])];
  const facts: FactChange[] = [];
  for (const key of keys) {
    const b = baseFacts.get(key);
    const h = headFacts.get(key);
    const fact = (h ?? b)!;
    const bv = b ? b.value : null;
    const hv = h ? h.value : null;
    let kind: ChangeKind;
    if (!b) kind = "added";
    else if (!h) kind = "removed";
    else if (sameValue(bv, hv)) continue;
    else if (bv === null) kind = "appeared";
    else if (hv === null) kind = "vanished";
    else kind = "changed";
    const abs = bv !== null && hv !== null ? hv - bv : null;
    const rel = abs !== null && bv !== 0 && bv !== null ? abs / Math.abs(bv) : null;
    const def = metricOf(fact);
    const redefinition = b && h ? redefined.get(fact.id) : undefined;
    const note = redefinition ? `definition changed in romi ${redefinition.since}: ${redefinition.why}` : notes.get(key);
    facts.push({
      id: fact.id,
      dims: fact.dims ?? {},
      label: def?.label ?? fact.id,
      section: def?.section ?? "other",
      // This romi's unit for a metric it knows, so that an archived report whose shares were written as ratios reads as one written today.
      unit: def?.unit ?? fact.unit,
      kind,
      base: bv,
      head: hv,
      abs,
      rel,
      // A new definition moves the number without the business moving: neither better nor worse.
      direction: redefinition ? "neutral" : direction(fact.better, abs, kind),
      ...(note ? { note } : {}),
      ...(redefinition ? { redefined: true as const } : {}),
    });
  }
  facts.sort((x, y) => tier(x) - tier(y) || magnitude(y) - magnitude(x) || (factKey(x.id, x.dims) < factKey(y.id, y.dims) ? -1 : 1));

  const subject = (r: Recommendation): string =>
    Object.entries(r.subject)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
  const baseRecs = new Map(base.recommendations.map((r) => [subject(r), r.action]));
  const headRecs = new Map(head.recommendations.map((r) => [subject(r), r.action]));
  const recommendations = [...new Set([...baseRecs.keys(), ...headRecs.keys()])]
    .sort()
    .flatMap((s) => (baseRecs.get(s) === headRecs.get(s) ? [] : [{ subject: s, base: baseRecs.get(s) ?? null, head: headRecs.get(s) ?? null }]));

  const sideOf = (d: Report["datasets"][number] | undefined) => (d ? { rows: d.rows, used: d.used, rejected: d.rows - d.used } : null);
  const names = [...new Set([...base.datasets.map((d) => d.name), ...head.datasets.map((d) => d.name)])];
  const datasets = names.flatMap((name) => {
    const b = sideOf(base.datasets.find((d) => d.name === name));
    const h = sideOf(head.datasets.find((d) => d.name === name));
    return JSON.stringify(b) === JSON.stringify(h) ? [] : [{ name, base: b, head: h }];
  });

  return {
    base: describe(base),
    head: describe(head),
    facts,
    recommendations,
    datasets,
    summary: {
      changed: facts.length,
      regressions: facts.filter((f) => f.direction === "regression").length,
      improvements: facts.filter((f) => f.direction === "improvement").length,
      added: facts.filter((f) => f.kind === "added").length,
      removed: facts.filter((f) => f.kind === "removed").length,
    },
  };
}
