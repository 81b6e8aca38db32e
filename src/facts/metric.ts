/**
 * What a metric is: its definition in the catalogue (id, dims, unit, which
 * way is good, formula), and the keys that name a metric and a fact. The
 * one module below analyses, rules, diff, charts and site that they all
 * read facts through.
 */
import type { Unit } from "../schema/report.ts";
import type { SectionSlug } from "../schema/sections.ts";

/** A metric's definition; `I` is its id (a literal in the catalogues, from which `MetricId` is derived). */
export interface MetricDef<I extends string = string> {
  readonly id: I;
  /** The report section (page) the metric belongs to; the PR diff and docs/metrics.md group by it. */
  readonly section: SectionSlug;
  readonly label: string;
  /** The label on a site tile, when `label` is too long for one or names a breakdown the tile's page already gives ("Cost" for "Cost by source" on a source's section). */
  readonly tile?: string;
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

/** The metric of a fact: its id and dim names, leaving out the dataset dim. */
export const metricKeyOf = (fact: { readonly id: string; readonly dims?: Readonly<Record<string, string>> | undefined }): string =>
  metricKey(
    fact.id,
    Object.keys(fact.dims ?? {}).filter((d) => d !== DATASET_DIM),
  );

/**
 * One fact's key: `id{k=v,…}` with dims in the order given.
 * @example factKey("cost", { source: "3" }); // => "cost{source=3}"
 */
export function factKey(id: string, dims: Readonly<Record<string, string>> | undefined): string {
  const entries = Object.entries(dims ?? {});
  return entries.length ? `${id}{${entries.map(([k, v]) => `${k}=${v}`).join(",")}}` : id;
}
