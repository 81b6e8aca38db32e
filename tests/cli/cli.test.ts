/**
 * The command line as a user runs it: `bin/romi.js` in a child process, so
 * exit codes, stdout and stderr are the real ones.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chdbPresent, dataDir, lines } from "../helpers.ts";

const BIN = new URL("../../bin/romi.js", import.meta.url).pathname;
const romi = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const GOOD = { "orders.csv": lines("Uid,Buy Ts,Revenue", "1,2024-01-01 10:00,5", "2,2024-01-02 10:00,x") };

describe("romi CLI", () => {
  it("prints an overview with --help and exits 0", () => {
    const r = romi("--help");
    expect(r.code).toBe(0);
    for (const c of ["build", "metrics", "validate", "diff", "snapshot", "demo-data"]) expect(r.stdout).toMatch(new RegExp(`^  ${c} +\\S`, "m"));
  });

  it("exits 2 on usage errors: no command, unknown command, unknown flag, missing flag", () => {
    expect(romi().code).toBe(2);
    expect(romi("frobnicate").code).toBe(2);
    const flag = romi("metrics", "--data", ".", "--colour");
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/Unknown option '--colour'/);
    expect(romi("metrics").stderr).toMatch(/missing --data/);
  });

  it("prints each command's --help", () => {
    for (const c of ["build", "metrics", "validate", "diff", "snapshot", "demo-data"]) {
      const r = romi(c, "--help");
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`romi ${c}`);
    }
  });

  it("metrics writes metrics.json to --out, or to stdout", () => {
    const dir = dataDir(GOOD);
    const out = join(dir, "out", "metrics.json");
    expect(romi("metrics", "--data", dir, "--out", out).code).toBe(0);
    const viaStdout = romi("metrics", "--data", dir);
    expect(viaStdout.stdout).toBe(readFileSync(out, "utf8"));
    expect(JSON.parse(viaStdout.stdout).datasets[0].rejected).toEqual([{ reason: "unparseable number", count: 1, examples: ["orders.csv:3"] }]);
  });

  it("metrics fails with exit 1, one message and nothing written when a column is missing", () => {
    const dir = dataDir({ "orders.csv": lines("Uid,Buy Ts", "1,2024-01-01") });
    const out = join(dir, "metrics.json");
    const r = romi("metrics", "--data", dir, "--out", out);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^romi: orders\.csv: orders file lacks the revenue column .*found headers: "Uid", "Buy Ts"$/),
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it("metrics --engine picks the SQL engine, over engine in the config; a bad name is a usage error", () => {
    const dir = dataDir(GOOD);
    const bad = romi("metrics", "--data", dir, "--engine", "postgres");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/invalid --engine: postgres \(expected duckdb or clickhouse\)/);
    const config = join(dir, "report.yaml");
    writeFileSync(config, "engine: oracle\n");
    expect(romi("metrics", "--data", dir, "--config", config).stderr).toMatch(/engine/);
    writeFileSync(config, "engine: clickhouse\n");
    const duck = romi("metrics", "--data", dir, "--config", config, "--engine", "duckdb");
    expect(duck.code).toBe(0);
    // With chdb installed, ClickHouse gives the same bytes; without, one message says how to install it.
    const click = romi("metrics", "--data", dir, "--config", config);
    if (chdbPresent) expect(click.stdout).toBe(duck.stdout);
    else expect(click.stderr).toMatch(/^romi metrics: the clickhouse engine needs chdb, ClickHouse embedded: npm install chdb$/m);
  });

  it("metrics fails a renamed config key with exit 1 and one message naming the new key, as any config error", () => {
    const dir = dataDir(GOOD);
    const config = join(dir, "report.yaml");
    writeFileSync(config, "recommendations:\n  minBuyers: 10\n");
    const renamed = romi("metrics", "--data", dir, "--config", config);
    expect(renamed.code).toBe(1);
    expect(renamed.stderr).toBe(`romi metrics: ${config}: recommendations.minBuyers is now recommendations.min_buyers (see "Config migration" in README.md)\n`);
    writeFileSync(config, "margin: 2\n");
    expect(romi("metrics", "--data", dir, "--config", config).code).toBe(1);
  });

  it("validate prints the accounting, and exits 1 when a dataset cannot be used", () => {
    const ok = romi("validate", "--data", dataDir(GOOD));
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain("orders (orders): 2 rows, 1 used, 1 rejected");
    expect(ok.stdout).toContain("rejected 1 × unparseable number: orders.csv:3");
    const bad = romi("validate", "--data", dataDir({ ...GOOD, "costs.csv": lines("dt,source_id,costs", "01.06.2017,1,5", "02.06.2017,1,5") }));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("error: costs.csv: no usable rows: 2 unparseable date (first at costs.csv:2)");
  });

  it("demo-data writes the same bytes for the same seed", () => {
    const a = dataDir({});
    const b = dataDir({});
    expect(romi("demo-data", "--out", a, "--seed", "7", "--scale", "0.01").code).toBe(0);
    expect(romi("demo-data", "--out", b, "--seed", "7", "--scale", "0.01").code).toBe(0);
    for (const f of ["visits.csv", "orders.csv", "costs.csv"]) expect(readFileSync(join(a, f))).toEqual(readFileSync(join(b, f)));
    expect(romi("demo-data", "--out", a, "--scale", "-1").code).toBe(2);
  });

  it("demo-data --kind funnel is the default, and --kind bank writes the same bytes for the same seed", () => {
    const byDefault = dataDir({});
    const funnel = dataDir({});
    expect(romi("demo-data", "--out", byDefault, "--seed", "7", "--scale", "0.01").code).toBe(0);
    expect(romi("demo-data", "--out", funnel, "--kind", "funnel", "--seed", "7", "--scale", "0.01").code).toBe(0);
    for (const f of ["visits.csv", "orders.csv", "costs.csv"]) expect(readFileSync(join(funnel, f))).toEqual(readFileSync(join(byDefault, f)));

    const a = dataDir({});
    const b = dataDir({});
    const r = romi("demo-data", "--kind", "bank", "--out", a, "--seed", "7", "--scale", "0.05");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/customers\.csv 50 rows, transactions\.csv \d+ rows, mcc_codes\.csv \d+ rows/);
    expect(romi("demo-data", "--kind", "bank", "--out", b, "--seed", "7", "--scale", "0.05").code).toBe(0);
    for (const f of ["customers.csv", "transactions.csv", "mcc_codes.csv"]) expect(readFileSync(join(a, f))).toEqual(readFileSync(join(b, f)));
    expect(readFileSync(join(a, "mcc_codes.csv"), "utf8").split("\n")[0]).toBe("mcc_code;mcc_description");
    expect(existsSync(join(a, "visits.csv"))).toBe(false);

    const bad = romi("demo-data", "--kind", "shop", "--out", a);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("invalid --kind: shop (expected funnel, bank or campaigns)");
  });
});

describe("romi build", () => {
  it("fails with the engine's message and leaves the previous site untouched", () => {
    const dir = dataDir({ "orders.csv": lines("Uid,Buy Ts", "1,2024-01-01") });
    const out = join(dir, "site");
    writeFileSync(join(dir, "marker"), "");
    mkdirSync(out);
    writeFileSync(join(out, "index.html"), "previous");
    const r = romi("build", "--data", dir, "--out", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("orders.csv: orders file lacks the revenue column");
    expect(readFileSync(join(out, "index.html"), "utf8")).toBe("previous");
    expect(existsSync(`${out}.building`)).toBe(false);
  }, 60_000);

  it("rejects a base path that is not a URL path", () => {
    expect(romi("build", "--base", "a b<").code).toBe(2);
  });
});
