/**
 * Conformance across engines: the demo data and every dataset in
 * ../shared/data are read by DuckDB and by ClickHouse (chdb), each from the
 * files, and every analysis's reductions run on each. The row accounting
 * (rows, rejections with their places, merged labels, dictionaries) must
 * be the same, each reduction's rows the same text, and the report the
 * same bytes. It skips with a message when chdb or ../shared is absent.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Reducer, ResultTable } from "../../src/analyses/analysis.ts";
import { ChdbEngine, loadChdb } from "../../src/engine/chdb.ts";
import { DuckDbEngine } from "../../src/engine/duckdb.ts";
import type { Engine } from "../../src/engine/engine.ts";
import { parseConfig } from "../../src/read/config.ts";
import { loadDataDir, type LoadResult } from "../../src/read/load.ts";
import { engineReducer, inPeriod } from "../../src/read/sources.ts";
import { ROW_KINDS } from "../../src/report/analyses.ts";
import { assembleReport } from "../../src/report/assemble.ts";
import { resolvePeriod } from "../../src/report/period.ts";
import { zone } from "../../src/time/zone.ts";
import { allLabels } from "../helpers.ts";

const chdbPresent = await loadChdb().then(
  () => true,
  () => false,
);
const SHARED = new URL("../../../shared/data", import.meta.url).pathname;
const DEMO = new URL("../../data", import.meta.url).pathname;
const folders = [
  { name: "demo", dir: DEMO },
  ...(existsSync(SHARED)
    ? readdirSync(SHARED)
        .sort()
        .map((name) => ({ name, dir: join(SHARED, name) }))
    : []),
];
if (!chdbPresent) console.warn("skipping the engine conformance suite: chdb is not installed (npm install --no-save chdb)");
else if (!existsSync(SHARED)) console.warn(`the engine conformance suite runs on the demo data only: ${SHARED} is absent`);

/** A reducer that keeps every reduction's rows as sorted lines of text, in the order they run. */
function recording(reducer: Reducer, log: Map<string, string>): Reducer {
  let n = 0;
  return {
    ...reducer,
    sources: (range, tables) => reducer.sources(range, tables),
    table: (name, sql) => reducer.table(name, sql),
    run: async (reduction) => {
      // Exact sums as the engine's own text (not `exact`'s numbers), to compare byte for byte.
      const result = await reducer.run({ sql: reduction.sql, numeric: reduction.numeric });
      log.set(`reduction ${n++} (${Object.keys(result).join(", ")})`, rowsText(result));
      return result;
    },
  };
}

/** A result's rows as sorted lines: numbers by their shortest text, NaN as "null". */
function rowsText(t: ResultTable): string {
  const names = Object.keys(t);
  const length = names.length > 0 ? t[names[0]!]!.length : 0;
  const lines: string[] = [];
  for (let i = 0; i < length; i++) lines.push(names.map((c) => JSON.stringify(Number.isNaN(t[c]![i]) ? null : t[c]![i])).join(","));
  return `${names.join(",")}\n${lines.sort().join("\n")}`;
}

/** What a user learns of a load: every dataset's files, rows, rejections (with their places), merged labels, and the dictionaries. */
function accounting(loaded: LoadResult, labels: Readonly<Record<string, string[]>>): string {
  return JSON.stringify({
    errors: loaded.errors,
    ignored: loaded.ignored,
    datasets: loaded.datasets.map((d) => ({ ...d, rejections: d.rejections.list() })),
    dicts: labels,
  });
}

describe.skipIf(!chdbPresent).each(folders)("DuckDB and ClickHouse on $name", ({ name, dir }) => {
  it("read the files into the same row accounting, give the same rows for every reduction and the same report bytes", async () => {
    const config = parseConfig({}, "defaults");
    const logs = [new Map<string, string>(), new Map<string, string>()];
    const accounts: string[] = [];
    const reports: string[] = [];
    for (const [k, open] of [() => DuckDbEngine.open({ threads: 2 }), () => ChdbEngine.open({ threads: 2 })].entries()) {
      const engine: Engine = await open();
      try {
        const loaded = await loadDataDir(dir, config, zone(config.timezone), engine);
        const period = loaded.errors.length === 0 ? resolvePeriod(loaded.datasets, config) : null;
        const { used, tables } = period ? await inPeriod(engine, loaded.datasets, period.range, ROW_KINDS) : { used: [], tables: [] };
        accounts.push(accounting(loaded, await allLabels(engine)));
        if (!period) continue;
        const reducer = recording(engineReducer(engine, loaded.datasets), logs[k]!);
        reports.push(JSON.stringify(await assembleReport(loaded, { period, used, tables }, config, "romi conformance", reducer)));
      } finally {
        engine.close();
      }
    }
    expect(accounts[1]).toBe(accounts[0]);
    // The demo has every kind: the funnel, budget, forecast and experiments each reduce it.
    if (name === "demo") expect(logs[0]!.size).toBeGreaterThanOrEqual(20);
    expect([...logs[1]!.keys()]).toEqual([...logs[0]!.keys()]);
    for (const [key, text] of logs[0]!) expect(logs[1]!.get(key), key).toBe(text);
    expect(reports[1]).toBe(reports[0]);
  }, 300_000);
});

describe("DuckDB on several threads", () => {
  it("gives the same report bytes with 1 and 4 threads, on more sessions than a row group (122,880) per thread", async () => {
    const { spawnSync } = await import("node:child_process");
    const { runEngine } = await import("../../src/engine.ts");
    const dir = mkdtempSync(join(tmpdir(), "romi-threads-"));
    try {
      const bin = new URL("../../bin/romi.js", import.meta.url).pathname;
      const made = spawnSync(process.execPath, [bin, "demo-data", "--out", dir, "--scale", "1.7"], { encoding: "utf8" });
      expect(made.status, made.stderr).toBe(0);
      const runs = [];
      for (const threads of [1, 4]) {
        const run = await runEngine({ dataDir: dir, configPath: null, limits: { threads } });
        expect(run.loaded.datasets.find((d) => d.kind === "visits")!.used).toBeGreaterThan(4 * 122_880);
        runs.push(JSON.stringify(run.report));
      }
      expect(runs[1]).toBe(runs[0]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
