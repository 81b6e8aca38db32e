/**
 * A tile for one fact: its label and unit come from the metric's definition
 * in the catalogue, so a page never restates them; the page gives only the
 * hint under the value.
 */
import { metricOf, type MetricId } from "../analyses/catalogue.ts";
import { factKey } from "../facts/metric.ts";
import type { FactIndex } from "../facts/index.ts";
import type { Formatter } from "../words/format.ts";
import type { Kpi } from "./views.ts";

/**
 * The fact's tile: the metric's tile label (else its label) and its value in
 * the metric's unit; null when the report has no such fact.
 * @throws `unknown metric: …` for an id and dims no metric of the catalogue has
 * @example kpiTile(facts, fmt, "conversion.rate", "visitors who bought"); // => { label: "Conversion rate", value: "4.1%", hint: "visitors who bought" }
 */
export function kpiTile(facts: FactIndex, fmt: Formatter, id: MetricId, hint: string, dims?: Readonly<Record<string, string>>): Kpi | null {
  const def = metricOf({ id, dims });
  if (!def) throw new Error(`unknown metric: ${factKey(id, dims)}`);
  if (!facts.has(id, dims)) return null;
  return { label: def.tile ?? def.label, value: fmt(facts.value(id, dims) ?? null, def.unit), hint };
}
