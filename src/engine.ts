/**
 * The engine: data folder + config → report document. This is the one way
 * through the code that `romi metrics`, `romi validate` and the site share.
 */
import pkg from "../package.json" with { type: "json" };
import type { EngineLimits } from "./engine/engine.ts";
import { openEngine } from "./engine/open.ts";
import { contentPath, DEFAULT_CONFIG, loadAnnotations, loadConfig, parseConfig } from "./read/config.ts";
import { loadDataDir, type LoadResult } from "./read/load.ts";
import type { Reducer } from "./analyses/analysis.ts";
import { engineReducer, inPeriod } from "./read/sources.ts";
import { ROW_KINDS } from "./report/analyses.ts";
import { resolvePeriod } from "./report/period.ts";
import { assembleReport, type Stamp } from "./report/assemble.ts";
import type { Config, EngineName } from "./schema/config.ts";
import { KIND_SPECS } from "./schema/kinds.ts";
import type { Report } from "./schema/report.ts";
import { zone } from "./time/zone.ts";

export const GENERATOR = `romi ${pkg.version}`;

export interface EngineOptions {
  readonly dataDir: string;
  /** Path of report.yaml; when absent, `content/report.yaml` if it exists; null: all defaults. */
  readonly configPath?: string | null | undefined;
  /** The version's label (overrides `label` in the config) and git commit. */
  readonly stamp?: Stamp;
  /** The SQL engine (overrides `engine` in the config). */
  readonly engine?: EngineName | undefined;
  /** How much of the machine the SQL engine may use. */
  readonly limits?: EngineLimits;
}

export interface EngineRun {
  readonly config: Config;
  readonly loaded: LoadResult;
  /** null when a file cannot be used (see `loaded.errors`) or the period cannot be set. */
  readonly report: Report | null;
  /** Problems that stop the report: unusable files, or a period that cannot be set. */
  readonly errors: readonly string[];
  /** Wall time in ms: reading the files (with the row rules), the analyses' SQL, and the rest of the analyses (the models). */
  readonly timings: { readonly read: number; readonly sql: number; readonly models: number };
}

/** A reducer that adds the time its engine work takes to `spent.ms`. */
function timed(reducer: Reducer, spent: { ms: number }): Reducer {
  const time = async <T>(step: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await step();
    } finally {
      spent.ms += performance.now() - t0;
    }
  };
  return { sources: reducer.sources, run: (r) => time(() => reducer.run(r)), table: (n, sql) => time(() => reducer.table(n, sql)) };
}

/** Reads and computes; never throws for bad data, but lists every problem. */
export async function runEngine(options: EngineOptions): Promise<EngineRun> {
  const config =
    options.configPath === null ? parseConfig({}, "defaults") : await loadConfig(options.configPath ?? DEFAULT_CONFIG, options.configPath === undefined);
  const annotations = options.configPath === null ? [] : await loadAnnotations(contentPath(options.configPath, "annotations.yaml"));
  const started = performance.now();
  const engine = await openEngine(options.engine ?? config.engine, config.clickhouse, options.limits);
  const sql = { ms: 0 };
  let read = 0;
  const timings = () => ({ read, sql: sql.ms, models: performance.now() - started - read - sql.ms });
  try {
    const loaded = await loadDataDir(options.dataDir, config, zone(config.timezone), engine);
    read = performance.now() - started;
    const errors = [...loaded.errors];
    for (const d of loaded.datasets) {
      if (d.used === 0 && d.rows > 0) {
        const reasons = d.rejections
          .list()
          .map((r) => `${r.count} ${r.reason} (first at ${r.examples[0]})`)
          .join(", ");
        errors.push(`${d.files.map((f) => f.file).join(", ")}: no usable rows: ${reasons}`);
      }
    }
    if (!loaded.datasets.some((d) => KIND_SPECS[d.kind].when !== null) && errors.length === 0) {
      errors.push(`${options.dataDir}: no visits, orders, costs, campaigns or experiment files found`);
    }
    if (errors.length > 0) return { config, loaded, report: null, errors, timings: timings() };
    try {
      const period = resolvePeriod(loaded.datasets, config);
      const { used, tables } = await inPeriod(engine, loaded.datasets, period?.range ?? null, ROW_KINDS);
      read = performance.now() - started;
      const report = await assembleReport(
        loaded,
        { period, used, tables },
        config,
        options.stamp?.generator ?? GENERATOR,
        timed(engineReducer(engine, loaded.datasets), sql),
        options.stamp,
        annotations,
      );
      return { config, loaded, report, errors, timings: timings() };
    } catch (e) {
      return { config, loaded, report: null, errors: [(e as Error).message], timings: timings() };
    }
  } finally {
    await engine.close();
  }
}
