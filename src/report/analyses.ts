/**
 * The registry: every analysis in one list, run in one loop. An analysis
 * runs when each kind it `requires` has a dataset and, if it needs the
 * report period, when there is one; it gets the outputs it `uses` from the
 * analyses before it that provide them. To add an analysis, add its folder
 * under `src/analyses/` with an `Analysis` entry, and list it here.
 * The reductions run on the engine through `reducer`; everything else is
 * pure: tables, reduction results and config in, facts, warnings and series out.
 */
import { TABLE_OUTPUTS, type Analysis, type Outputs, type Reducer, type ResultTable, type TableName, type TableOutput } from "../analyses/analysis.ts";
import { orderTable } from "../analyses/orders.ts";
import { basketAnalysis } from "../analyses/basket/index.ts";
import { budgetAnalysis } from "../analyses/budget/index.ts";
import { campaignsAnalysis } from "../analyses/campaigns/index.ts";
import { clvAnalysis } from "../analyses/clv/index.ts";
import { customersAnalysis } from "../analyses/customers/index.ts";
import { experimentsAnalysis } from "../analyses/experiments/index.ts";
import { forecastAnalysis } from "../analyses/forecast/index.ts";
import { funnelAnalysis } from "../analyses/funnel/index.ts";
import type { Series } from "../analyses/series.ts";
import type { Dicts, Table } from "../read/table.ts";
import type { Annotation } from "../schema/annotations.ts";
import type { Config } from "../schema/config.ts";
import type { Kind } from "../schema/kinds.ts";
import type { Fact, Warning } from "../schema/report.ts";
import type { DayRange } from "../time/calendar.ts";
import type { PeriodFrame } from "../time/period.ts";

/** Every analysis, in the order they run (an analysis comes after those whose outputs it uses). */
export const ANALYSES: readonly Analysis[] = [
  funnelAnalysis,
  customersAnalysis,
  basketAnalysis,
  clvAnalysis,
  forecastAnalysis,
  budgetAnalysis,
  campaignsAnalysis,
  experimentsAnalysis,
];

/**
 * Checks the registry: names are unique, and every output an analysis uses
 * is provided by exactly one analysis listed before it.
 * @throws naming the analysis and the output
 */
export function checkRegistry(analyses: readonly Analysis[]): void {
  const names = new Set<string>();
  const provided = new Map<string, string>();
  for (const a of analyses) {
    if (names.has(a.name)) throw new Error(`analysis ${a.name} is listed twice`);
    names.add(a.name);
    for (const name of a.uses) if (!provided.has(name)) throw new Error(`analysis ${a.name} uses ${name}, which no analysis before it provides`);
    for (const name of a.provides) {
      if (provided.has(name)) throw new Error(`analysis ${a.name} provides ${name}, which ${provided.get(name)} provides already`);
      provided.set(name, a.name);
    }
  }
}
checkRegistry(ANALYSES);

/** The entries of `record` whose key is in `keys`. */
const pick = <T extends object, K extends keyof T & string>(record: Partial<T>, keys: readonly K[]): Partial<Pick<T, K>> =>
  Object.fromEntries(keys.flatMap((k) => (record[k] === undefined ? [] : [[k, record[k]]]))) as Partial<Pick<T, K>>;

/** The kinds whose rows some analysis still reads as tables. */
export const ROW_KINDS: ReadonlySet<Kind> = new Set(ANALYSES.flatMap((a) => a.rows));

/** Builds the engine tables every analysis may read, once: the orders (`orderTable`). */
export async function sharedTables(reducer: Reducer, range: DayRange | null): Promise<Partial<Record<TableName, string | null>>> {
  const orders = orderTable(reducer.sources(range, {}));
  return { orders: orders === null ? null : await reducer.table("orders", orders) };
}

export interface AnalysesResult {
  readonly facts: Fact[];
  readonly warnings: Warning[];
  readonly series: Series;
}

/**
 * Series with every non-finite number (a model prediction at the edge of its
 * parameter space, say) replaced by null: as for facts, an undefined value is
 * null, never NaN and never 0. The analysis that produced it says why in a
 * warning.
 */
function finiteSeries(series: Series): Series {
  return finite(series) as Series;
}

/** A value with every non-finite number in it, at any depth, replaced by null; the same object when there is none. */
function finite(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (value === null || typeof value !== "object") return value;
  let copy: Record<string, unknown> | null = null;
  for (const [k, v] of Object.entries(value)) {
    const f = finite(v);
    if (f !== v) (copy ??= (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>)[k] = f;
  }
  return copy ?? value;
}

/**
 * Runs every analysis that can run. `datasets` names every dataset by kind;
 * `tables` are the rows of the kinds that analyses still read as rows
 * (`Analysis.rows`), clipped to the report period (those of kinds with
 * their own period are whole); `frame` is null when no dataset is dated;
 * `reducer` runs the reductions on the engine that holds the same datasets
 * (null: none may have any).
 */
export async function runAnalyses(
  tables: readonly Table[],
  datasets: Readonly<Partial<Record<Kind, readonly string[]>>>,
  dicts: Dicts,
  frame: PeriodFrame | null,
  config: Config,
  annotations: readonly Annotation[],
  reducer: Reducer | null,
  analyses: readonly Analysis[] = ANALYSES,
): Promise<AnalysesResult> {
  const byKind: Partial<Record<Kind, Table[]>> = {};
  for (const t of tables) (byKind[t.kind] ??= []).push(t);
  const outputs: Partial<Record<keyof Outputs, unknown>> = {};
  const parts = [];
  const shared = reducer ? await sharedTables(reducer, frame?.range ?? null) : {};
  for (const analysis of analyses) {
    if (analysis.period && !frame) continue;
    if (analysis.requires.some((kind) => !datasets[kind]?.length)) continue;
    const uses = Object.fromEntries(analysis.uses.flatMap((name) => (outputs[name] === undefined ? [] : [[name, outputs[name]]]))) as Partial<Outputs>;
    const reduced: Record<string, ResultTable> = {};
    if (analysis.reductions || analysis.tables) {
      if (!reducer) throw new Error(`analysis ${analysis.name} runs SQL, but there is no engine to run it`);
      const range = frame?.range ?? null;
      const tables: Partial<Record<TableName, string | null>> = { ...shared, ...pick(uses, TABLE_OUTPUTS) };
      for (const [name, sql] of Object.entries(analysis.tables?.(reducer.sources(range, tables), config) ?? {}) as [TableOutput, string | null][]) {
        tables[name] = outputs[name] = sql === null ? null : await reducer.table(`output_${name}`, sql);
      }
      const sources = reducer.sources(range, tables);
      for (const [name, reduction] of Object.entries(analysis.reductions?.(sources, config) ?? {})) reduced[name] = await reducer.run(reduction);
    }
    const result = analysis.run({ tables: byKind, datasets, dicts, frame, config, annotations, outputs: uses, reduced });
    for (const name of analysis.provides) {
      if (TABLE_OUTPUTS.includes(name as TableOutput)) {
        if (outputs[name] === undefined) throw new Error(`analysis ${analysis.name} did not provide table ${name}`);
        continue;
      }
      const value = result.outputs?.[name];
      if (value === undefined) throw new Error(`analysis ${analysis.name} did not provide ${name}`);
      outputs[name] = value;
    }
    parts.push(result);
  }
  return {
    facts: parts.flatMap((p) => p.facts),
    warnings: parts.flatMap((p) => p.warnings),
    series: finiteSeries(Object.assign({}, ...parts.map((p) => p.series)) as Series),
  };
}
