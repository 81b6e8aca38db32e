/** Test helpers: temporary data folders and fact look-up. */
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { ChdbEngine, loadChdb } from "../src/engine/chdb.ts";
import { DuckDbEngine } from "../src/engine/duckdb.ts";
import type { Engine } from "../src/engine/engine.ts";
import { dictLabels, loadDataDir, type LoadedDataset, type LoadResult } from "../src/read/load.ts";
import type { Analysis, ResultTable } from "../src/analyses/analysis.ts";
import { clipToPeriod, engineReducer, readTable } from "../src/read/sources.ts";
import type { Table } from "../src/read/table.ts";
import { sharedTables } from "../src/report/analyses.ts";
import { resolvePeriod, type ResolvedPeriod } from "../src/report/period.ts";
import type { Config } from "../src/schema/config.ts";
import { DICT_NAMES, type DictName } from "../src/schema/kinds.ts";
import type { Fact, Warning } from "../src/schema/report.ts";
import { periodFrame, type PeriodFrame } from "../src/time/period.ts";
import { zone } from "../src/time/zone.ts";
import { makeFormatter } from "../src/words/format.ts";
import { warningText } from "../src/words/warnings.ts";

/** Writes `files` (path → text; `.gz` paths are gzipped) into a new temporary folder. */
export function dataDir(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), "romi-test-"));
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, name.endsWith(".gz") ? gzipSync(Buffer.from(text)) : text);
  }
  return dir;
}

/** The value of the fact with this id and exactly these dims; throws when absent. */
/** A warning as the site words it in en-US: tests compare it with a sentence written by hand. */
export const said = (w: Warning): string => warningText(w, makeFormatter("en-US", "USD"));

export function fact(facts: readonly Fact[], id: string, dims: Readonly<Record<string, string>> = {}): number | null {
  const found = facts.find((f) => f.id === id && JSON.stringify(Object.entries(f.dims ?? {}).sort()) === JSON.stringify(Object.entries(dims).sort()));
  if (!found) throw new Error(`no fact ${id} ${JSON.stringify(dims)}`);
  return found.value;
}

/** Whether any fact has this id (with any dims). */
export const hasFact = (facts: readonly Fact[], id: string): boolean => facts.some((f) => f.id === id);

export const lines = (...rows: string[]): string => `${rows.join("\n")}\n`;

/** Whether chdb (ClickHouse, embedded) is installed; it is optional. */
export const chdbPresent = await loadChdb().then(
  () => true,
  () => false,
);

/** An engine for a test to open. */
export interface TestEngine {
  readonly name: string;
  open(threads?: number): Promise<Engine>;
}

export const DUCKDB: TestEngine = { name: "duckdb", open: (threads = 2) => DuckDbEngine.open({ threads }) };

/**
 * The engines a test that reads files runs on: DuckDB, and ClickHouse when
 * chdb is installed (the caller warns when it is not).
 */
export const ENGINES: readonly TestEngine[] = [DUCKDB, ...(chdbPresent ? [{ name: "clickhouse", open: (threads = 2) => ChdbEngine.open({ threads }) }] : [])];

/** Every dictionary's labels in index order, those that stay in the engine (`ENGINE_DICTS`) included. */
export async function allLabels(engine: Engine): Promise<Record<DictName, string[]>> {
  const out: Partial<Record<DictName, string[]>> = {};
  for (const name of DICT_NAMES) out[name] = await dictLabels(engine, name);
  return out as Record<DictName, string[]>;
}

/**
 * A data folder loaded as `romi metrics` loads it, with every dataset's rows
 * as a table: clipped to the report period (counting the rest as `outside
 * period`), or all rows used with `clip: false`.
 */
export async function loadTables(
  dir: string,
  config: Config,
  clip = true,
  on: TestEngine = DUCKDB,
): Promise<
  Omit<LoadResult, "datasets"> & { datasets: (LoadedDataset & { table: Table })[]; period: ResolvedPeriod | null; labels: Record<DictName, string[]> }
> {
  const engine = await on.open();
  try {
    const loaded = await loadDataDir(dir, config, zone(config.timezone), engine);
    const labels = await allLabels(engine);
    const period = clip && loaded.errors.length === 0 ? resolvePeriod(loaded.datasets, config) : null;
    const datasets = [];
    for (const d of loaded.datasets) {
      if (period) await clipToPeriod(engine, d, period.range);
      datasets.push({ ...d, table: await readTable(engine, d, period?.range ?? null) });
    }
    return { ...loaded, datasets, period, labels };
  } finally {
    engine.close();
  }
}

/**
 * A data folder loaded as `romi metrics` loads it, with `analysis`'s
 * engine tables and reductions run over it as the registry runs them (the
 * outputs of other analyses are absent): the reductions' rows by name, the
 * report period, the dictionaries and, by kind, the rows of the kinds it
 * still reads as rows (the first dataset of each).
 * @throws when the folder does not load or has no report period
 */
export async function reduceFor(
  dir: string,
  config: Config,
  analysis: Analysis,
): Promise<{ reduced: Record<string, ResultTable>; frame: PeriodFrame; dicts: LoadResult["dicts"]; tables: Partial<Record<string, Table>> }> {
  const engine = await DuckDbEngine.open({ threads: 2 });
  try {
    const loaded = await loadDataDir(dir, config, zone(config.timezone), engine);
    if (loaded.errors.length > 0) throw new Error(loaded.errors.join("; "));
    const period = resolvePeriod(loaded.datasets, config);
    if (!period) throw new Error(`${dir}: no report period`);
    const rows: Partial<Record<string, Table>> = {};
    for (const d of loaded.datasets) {
      await clipToPeriod(engine, d, period.range);
      if (analysis.rows.includes(d.kind)) rows[d.kind] = await readTable(engine, d, period.range);
    }
    const reducer = engineReducer(engine, loaded.datasets);
    const tables: Record<string, string | null> = await sharedTables(reducer, period.range);
    for (const [name, sql] of Object.entries(analysis.tables?.(reducer.sources(period.range, {}), config) ?? {})) {
      tables[name] = sql === null ? null : await reducer.table(`output_${name}`, sql);
    }
    const reduced: Record<string, ResultTable> = {};
    for (const [name, r] of Object.entries(analysis.reductions?.(reducer.sources(period.range, tables), config) ?? {})) reduced[name] = await reducer.run(r);
    return { reduced, frame: periodFrame(period.range), dicts: loaded.dicts, tables: rows };
  } finally {
    engine.close();
  }
}
