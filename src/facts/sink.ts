/**
 * The collector analyses emit facts through: a fact's unit and direction
 * come from its metric's definition, so they are stated once.
 */
import type { MetricId } from "../analyses/catalogue.ts";
import type { Fact } from "../schema/report.ts";
import { DATASET_DIM, metricKey, metricKeyOf, type MetricDef } from "./metric.ts";

export class FactSink {
  private readonly defs: ReadonlyMap<string, MetricDef>;
  readonly facts: Fact[] = [];

  constructor(catalogue: readonly MetricDef[]) {
    this.defs = new Map(catalogue.map((d) => [metricKey(d.id, d.dims), d]));
  }

  /**
   * Adds a fact. `value` null means "defined inputs, undefined value";
   * NaN and infinities are turned into null too, never into 0.
   */
  add(id: MetricId, value: number | null, dims?: Readonly<Record<string, string>>): void {
    const dataset = dims?.[DATASET_DIM];
    const key = metricKeyOf({ id, dims });
    const def = this.defs.get(key);
    if (!def) throw new Error(`unknown metric: ${dataset === undefined ? key : `${key} with a dataset dim`}`);
    if (dataset !== undefined && !def.perDataset) throw new Error(`metric ${key} has no dataset dim`);
    const fact: Fact = { id, value: value === null || !Number.isFinite(value) ? null : value, unit: def.unit };
    if (dims && (def.dims.length > 0 || dataset !== undefined)) {
      const ordered: Record<string, string> = {};
      for (const d of def.dims) ordered[d] = dims[d]!;
      if (dataset !== undefined) ordered[DATASET_DIM] = dataset;
      fact.dims = ordered;
    }
    if (def.better) fact.better = def.better;
    this.facts.push(fact);
  }
}
