/**
 * What a team's own page shows of the report, through romi's components
 * (`romi/components/Fact.astro`, `Kpi.astro`, `Chart.astro`,
 * `Recommendations.astro`): a fact, a tile, one of romi's charts, the
 * recommendations of one kind. Every id is checked against the catalogue
 * and the report at build time: an unknown metric, dim or chart fails the
 * build, naming the page and the id; a known metric the report has no value
 * for shows "n/a", with a warning.
 */
import { METRICS, metricOf } from "../analyses/catalogue.ts";
import { FactIndex } from "../facts/index.ts";
import { factKey, metricKey } from "../facts/metric.ts";
import type { Report, Unit } from "../schema/report.ts";
import { makeFormatter, MISSING } from "../words/format.ts";
import type { Chart, Kpi, RecommendationView } from "./views.ts";

/** The kinds of recommendation, by the dim that names their subject. */
export const SUBJECTS = { channel: "source", segment: "segment", campaign: "campaign", clv: "band" } as const;
export type Subject = keyof typeof SUBJECTS;

export interface EmbeddedFact {
  readonly label: string;
  /** Formatted in the report's locale and currency; "n/a" when the report has no value. */
  readonly value: string;
  /** Why the value is missing, for a build warning; null when it is there. */
  readonly missing: string | null;
}

export interface Embeds {
  fact(page: string, id: string, dims?: Readonly<Record<string, string>>, unit?: Unit): EmbeddedFact;
  kpi(page: string, id: string, dims?: Readonly<Record<string, string>>, hint?: string): Kpi & { readonly missing: string | null };
  chart(page: string, id: string): Chart;
  recommendations(page: string, subject: string): readonly RecommendationView[];
}

/** `charts`: every chart the site drew, by id; `recommendations`: every card, most important first. */
export function embeds(report: Report, charts: ReadonlyMap<string, Chart>, recommendations: readonly RecommendationView[]): Embeds {
  const facts = new FactIndex(report.facts);
  const fmt = makeFormatter(report.locale, report.currency);
  const fact = (
    page: string,
    id: string,
    dims: Readonly<Record<string, string>> = {},
    unit?: Unit,
  ): EmbeddedFact & { def: { label: string; tile?: string } } => {
    const forId = METRICS.filter((m) => m.id === id);
    if (forId.length === 0) throw new Error(`romi: ${page}: unknown metric id "${id}" (the metrics are listed in docs/metrics.md)`);
    const def = metricOf({ id, dims });
    if (!def) {
      const known = forId.map((m) => metricKey(m.id, m.dims)).join(", ");
      throw new Error(`romi: ${page}: ${id} has no dims {${Object.keys(dims).join(", ")}}: its metrics are ${known}`);
    }
    const value = facts.value(def.id, dims);
    const missing =
      value === undefined ? `${factKey(id, dims)} is not in this report` : value === null ? `${factKey(id, dims)} is unknown in this report` : null;
    return { def, label: def.label, value: value == null ? MISSING : fmt(value, unit ?? def.unit), missing };
  };
  return {
    fact: (page, id, dims, unit) => {
      const { label, value, missing } = fact(page, id, dims, unit);
      return { label, value, missing };
    },
    kpi: (page, id, dims, hint = "") => {
      const f = fact(page, id, dims);
      return { label: f.def.tile ?? f.def.label, value: f.value, hint, missing: f.missing };
    },
    chart: (page, id) => {
      const chart = charts.get(id);
      if (!chart) throw new Error(`romi: ${page}: no chart "${id}" in this report (its charts: ${[...charts.keys()].join(", ")})`);
      return chart;
    },
    recommendations: (page, subject) => {
      if (!Object.hasOwn(SUBJECTS, subject)) throw new Error(`romi: ${page}: unknown subject "${subject}" (expected ${Object.keys(SUBJECTS).join(", ")})`);
      const dim = SUBJECTS[subject as Subject];
      return recommendations.filter((r) => Object.hasOwn(r.key, dim));
    },
  };
}
