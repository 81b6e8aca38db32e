/**
 * The one shape of an analysis, and what the registry hands it.
 *
 * An analysis declares the dataset kinds it reads, whether it needs the
 * report period, and the named outputs of other analyses it uses (and those
 * it provides); `run` is a pure function from its inputs to facts, series
 * and warnings. `src/report/analyses.ts` lists every analysis in one array
 * and runs them in one loop, checking the declarations; nothing builds a
 * context by hand for one analysis.
 */
import type { Table } from "../read/table.ts";
import type { Dicts } from "../read/table.ts";
import { concatTables } from "../read/table.ts";
import type { Annotation } from "../schema/annotations.ts";
import type { Config } from "../schema/config.ts";
import type { Kind } from "../schema/kinds.ts";
import type { Fact, Warning } from "../schema/report.ts";
import type { PeriodFrame } from "../time/period.ts";
import type { Series } from "./series.ts";

/** The named outputs one analysis lends to others, by name. */
export interface Outputs {
  /**
   * Each customer's segments by user index, `[RFM segment, k-means segment]`
   * (empty for a user who is not a customer of the period): the customer
   * analysis provides them; the basket filter and the CLV bands use them.
   */
  readonly segments: (user: number) => readonly string[];
}
export type OutputName = keyof Outputs;

export interface AnalysisInput {
  /** Every dataset's table by kind, clipped to the report period (kinds with their own period are whole). */
  readonly tables: Readonly<Partial<Record<Kind, readonly Table[]>>>;
  readonly dicts: Dicts;
  /** The report period; null only for analyses that do not need it, when no dataset is dated. */
  readonly frame: PeriodFrame | null;
  readonly config: Config;
  readonly annotations: readonly Annotation[];
  /** The outputs this analysis declared in `uses`, when the analysis providing them ran. */
  readonly outputs: Partial<Outputs>;
}

export interface AnalysisResult {
  readonly facts: Fact[];
  readonly warnings: Warning[];
  readonly series: Series;
  readonly outputs?: Partial<Outputs>;
}

export interface Analysis {
  readonly name: string;
  /** Kinds that must each have a dataset for the analysis to run. */
  readonly requires: readonly Kind[];
  /** Whether it needs the report period: it runs only when some dataset is dated. */
  readonly period: boolean;
  /** Outputs of analyses listed before it that it reads, when they ran. */
  readonly uses: readonly OutputName[];
  /** Outputs it gives to analyses listed after it. */
  readonly provides: readonly OutputName[];
  run(input: AnalysisInput): AnalysisResult;
}

/** The tables of a kind stacked into one (roles missing from some become empty values); null when there are none. */
export function merged(input: AnalysisInput, kind: Kind): Table | null {
  const list = input.tables[kind] ?? [];
  return list.length > 0 ? concatTables(list) : null;
}

/** The report period, which the registry guarantees to an analysis that declares `period: true`. */
export function periodOf(input: AnalysisInput): PeriodFrame {
  if (!input.frame) throw new Error("an analysis with period: true ran without a report period");
  return input.frame;
}
