/**
 * Metric definitions and the collector that analyses emit facts through.
 * A fact's unit and direction come from its definition, so they are stated
 * once; the data page renders the formulas from the same definitions.
 */
import type { Fact, Unit } from "../schema/report.ts";

export interface MetricDef {
  readonly id: string;
  /** The report page the metric belongs to; the PR diff groups by it. */
  readonly section: "product" | "sales" | "marketing" | "customers" | "hypotheses" | "basket" | "forecast" | "clv" | "budget" | "campaigns" | "experiments";
  readonly label: string;
  readonly unit: Unit;
  /** Which way is good; absent when neither is. */
  readonly better?: "up" | "down";
  /** The dims the metric is broken down by, in order. */
  readonly dims: readonly string[];
  /**
   * When a folder holds several datasets of the metric's kind, each fact
   * also carries a `dataset` dim (the file name), last; with one there is none.
   */
  readonly perDataset?: boolean;
  readonly formula: string;
  /** When the metric is not emitted, or is null. */
  readonly empty: string;
}

/** The dim naming the dataset (file) of a fact, when a folder holds several of its kind. */
export const DATASET_DIM = "dataset";

/** A metric is an id with a set of dims: `cost`, `cost{source}` and `cost{month}` are three metrics. */
export const metricKey = (id: string, dims: readonly string[]): string => (dims.length ? `${id}{${[...dims].sort().join(",")}}` : id);

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
  add(id: string, value: number | null, dims?: Readonly<Record<string, string>>): void {
    const dataset = dims?.[DATASET_DIM];
    const key = metricKey(
      id,
      Object.keys(dims ?? {}).filter((d) => d !== DATASET_DIM),
    );
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

/** `a / b`, or null when b is 0 or either side is missing. @example ratio(1, 4); // => 0.25 */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined || b === 0) return null;
  const v = a / b;
  return Number.isFinite(v) ? v : null;
}
