/**
 * The ClickHouse server path: `@clickhouse/client` against a loopback
 * stand-in (`standin.ts`) that passes each query to chdb. The demo's
 * visits, orders and costs are loaded into the server as typed tables (ids
 * as integers, times as DateTime, money as Float64, as ClickHouse infers
 * them from the files); romi reads those tables and must give the same row
 * accounting and the same facts as DuckDB reading the files, with each
 * rejected row named by its table and key.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runEngine } from "../../src/engine.ts";
import type { Fact } from "../../src/schema/report.ts";
import { chdbPresent } from "../helpers.ts";
import { startStandIn, type StandIn } from "./standin.ts";

if (!chdbPresent) console.warn("skipping the ClickHouse server tests: chdb is not installed (npm install --no-save chdb)");

const DEMO = new URL("../../data", import.meta.url).pathname;
const TABLES = ["visits", "orders", "costs"];

const factMap = (facts: readonly Fact[]): Map<string, number | null> =>
  new Map(facts.map((f) => [`${f.id} ${JSON.stringify(Object.entries(f.dims ?? {}).sort())}`, f.value]));

describe.skipIf(!chdbPresent)("romi on a ClickHouse server (a loopback stand-in backed by chdb)", () => {
  let server: StandIn;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "romi-server-"));
    server = await startStandIn(join(dir, "server"));
    server.session.query("CREATE DATABASE shop");
    for (const t of TABLES) {
      server.session.query(`CREATE TABLE shop.${t} ENGINE = MergeTree ORDER BY tuple() AS SELECT * FROM file('${join(DEMO, `${t}.csv`)}', CSVWithNames)`);
    }
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads the tables named in the config into the same row accounting and facts as DuckDB reading the files", async () => {
    const files = join(dir, "files");
    const empty = join(dir, "empty");
    for (const d of [files, empty]) rmSync(d, { recursive: true, force: true });
    mkdirSync(files);
    mkdirSync(empty);
    for (const t of TABLES) copyFileSync(join(DEMO, `${t}.csv`), join(files, `${t}.csv`));
    const config = join(dir, "report.yaml");
    writeFileSync(
      config,
      `engine: clickhouse\nclickhouse:\n  url: ${server.url}\n  tables:\n    shop.visits: {}\n    shop.orders: { key: [Uid, Buy Ts] }\n    shop.costs: {}\n`,
    );
    const types = server.session.query("SELECT name, type FROM system.columns WHERE database = 'shop' AND table = 'orders' ORDER BY position", "TSV");
    expect(types).toMatch(/^Buy Ts\tNullable\(DateTime/m);

    const onServer = await runEngine({ dataDir: empty, configPath: config });
    const onFiles = await runEngine({ dataDir: files, configPath: null });
    expect(onServer.errors).toEqual([]);
    expect(onServer.report).not.toBeNull();
    const accounting = (run: typeof onServer) =>
      run.loaded.datasets.map((d) => ({ kind: d.kind, rows: d.rows, used: d.used, rejected: d.rejections.list().map((r) => [r.reason, r.count]) }));
    expect(accounting(onServer)).toEqual(accounting(onFiles));

    // Each rejected row is named by its table and key.
    // orders.csv:2635 has no Uid: on the server it is named by its key (Uid, Buy Ts), its time an instant in UTC.
    const line = readFileSync(join(DEMO, "orders.csv"), "utf8").split("\n")[2634]!.split(",");
    const orders = onServer.loaded.datasets.find((d) => d.kind === "orders")!;
    expect(orders.rejections.list()).toEqual([{ reason: "missing id", count: 1, examples: [`shop.orders[Uid=, Buy Ts=${line[1]}Z]`] }]);
    const visits = onServer.loaded.datasets.find((d) => d.kind === "visits")!;
    const places = visits.rejections.list().flatMap((r) => r.examples);
    expect(places).toHaveLength(3);
    for (const place of places) expect(place).toMatch(/^shop\.visits\[Uid=\d+, Start Ts=\S+ \S+Z, End Ts=\S+ \S+Z, Source Id=\w+, Device=\w+\]$/);

    const server_ = factMap(onServer.report!.facts);
    const local = factMap(onFiles.report!.facts);
    expect([...server_.keys()].sort()).toEqual([...local.keys()].sort());
    for (const [key, value] of local) {
      const other = server_.get(key)!;
      if (value === null || other === null) expect(other, key).toBe(value);
      else expect(Math.abs(other - value), key).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(value)));
    }
    // romi's own database on the server is gone.
    expect(server.session.query("SELECT count() FROM system.databases WHERE name LIKE 'romi_%'", "TSV").trim()).toBe("0");
  }, 300_000);

  it("fails with one message naming a table that is not there, and a server that is not there", async () => {
    const config = join(dir, "bad.yaml");
    writeFileSync(config, `engine: clickhouse\nclickhouse:\n  url: ${server.url}\n  tables:\n    shop.nope: {}\n`);
    const missing = await runEngine({ dataDir: join(dir, "empty"), configPath: config });
    expect(missing.errors[0]).toMatch(/^shop\.nope: cannot be read: Table shop\.nope does not exist/);
    writeFileSync(config, `engine: clickhouse\nclickhouse:\n  url: http://127.0.0.1:9\n  tables:\n    shop.orders: {}\n`);
    await expect(runEngine({ dataDir: join(dir, "empty"), configPath: config })).rejects.toThrow(/^cannot reach ClickHouse at http:\/\/127\.0\.0\.1:9/);
  });
});
