import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DuckDbEngine } from "../../src/engine/duckdb.ts";
import { parseConfig } from "../../src/read/config.ts";
import { dictLabels, loadDataDir } from "../../src/read/load.ts";
import { zone } from "../../src/time/zone.ts";
import { readTable } from "../../src/read/sources.ts";
import { dataDir, ENGINES, lines, loadTables } from "../helpers.ts";

const defaults = parseConfig({}, "test");
const rejected = (d: { rejections: { list(): { reason: string; count: number; examples: string[] }[] } }) =>
  Object.fromEntries(d.rejections.list().map((r) => [r.reason, [r.count, r.examples]]));

let engine: DuckDbEngine;
beforeAll(async () => {
  engine = await DuckDbEngine.open({ threads: 1 });
});
afterAll(() => engine.close());

/** Writes a Parquet file from a SQL query, with DuckDB (the fixture's own writer, not romi's reader). */
async function parquet(dir: string, name: string, select: string): Promise<void> {
  await engine.run(`COPY (${select}) TO ${engine.dialect.string(join(dir, name))} (FORMAT parquet)`);
}

describe.each(ENGINES)("loadDataDir() with Parquet files on $name", (on) => {
  it("recognises visits.parquet from its column names and reads typed columns with the row rules", async () => {
    const dir = dataDir({});
    await parquet(
      dir,
      "visits.parquet",
      `SELECT * FROM (VALUES ('7', TIMESTAMP '2024-01-01 10:00:00', TIMESTAMP '2024-01-01 10:05:00', 'ads'),
        ('8', TIMESTAMP '2024-01-02 11:00:00', NULL, 'mail'), (NULL, TIMESTAMP '2024-01-02 11:00:00', NULL, 'ads'),
        ('9', TIMESTAMP '2024-01-03 12:00:00', TIMESTAMP '2024-01-03 11:00:00', 'ads')) AS t("Uid", "Start Ts", "End Ts", "Source Id")`,
    );
    await parquet(
      dir,
      "orders.parquet",
      `SELECT * FROM (VALUES ('7', DATE '2024-01-01', 12.5), ('8', DATE '2024-01-02', -1.0)) AS t(user_id, order_date, revenue)`,
    );
    const r = await loadTables(dir, defaults, false, on);
    expect(r.errors).toEqual([]);
    const [orders, visits] = r.datasets;
    expect(visits!.columns).toEqual({ user: "Uid", start: "Start Ts", end: "End Ts", source: "Source Id" });
    expect(visits!.table.length).toBe(2);
    expect(Array.from(visits!.table.num["start"]!)).toEqual([Date.parse("2024-01-01T10:00:00Z"), Date.parse("2024-01-02T11:00:00Z")]);
    expect(Array.from(visits!.table.num["end"]!)).toEqual([Date.parse("2024-01-01T10:05:00Z"), NaN]);
    // A Parquet row's place is its 1-based row number.
    expect(rejected(visits!)).toEqual({ "missing id": [1, ["visits.parquet:3"]], "session end before start": [1, ["visits.parquet:4"]] });
    expect(Array.from(orders!.table.num["revenue"]!)).toEqual([12.5]);
    expect(Array.from(orders!.table.num["time"]!)).toEqual([Date.parse("2024-01-01T00:00:00Z")]);
    expect(rejected(orders!)).toEqual({ "negative revenue": [1, ["orders.parquet:2"]] });
  });

  it("reads a Parquet timestamp with a zone as an instant and one without as a wall-clock time, in the report timezone", async () => {
    const dir = dataDir({});
    await parquet(
      dir,
      "orders.parquet",
      `SELECT * FROM (VALUES ('1', TIMESTAMPTZ '2024-01-01 10:00:00+00', TIMESTAMP '2024-01-01 10:00:00', 5.0)) AS t(uid, buy_ts, paid_at, revenue)`,
    );
    const moscow = parseConfig({ timezone: "Europe/Moscow", datasets: { "orders.parquet": { columns: { time: "buy_ts" } } } }, "test");
    const r = await loadTables(dir, moscow, false, on);
    expect(r.errors).toEqual([]);
    // 10:00 UTC is 13:00 in Moscow (UTC+3).
    expect(Array.from(r.datasets[0]!.table.num["time"]!)).toEqual([Date.parse("2024-01-01T13:00:00Z")]);
    const wall = parseConfig({ timezone: "Europe/Moscow", datasets: { "orders.parquet": { columns: { time: "paid_at" } } } }, "test");
    expect(Array.from((await loadTables(dir, wall, false, on)).datasets[0]!.table.num["time"]!)).toEqual([Date.parse("2024-01-01T10:00:00Z")]);
  });

  it("reads a Parquet column of text (revenue stored as text) with the same rules as CSV text", async () => {
    const dir = dataDir({});
    await parquet(
      dir,
      "orders.parquet",
      `SELECT * FROM (VALUES ('1', '2024-01-01 10:00', '17.50'), ('2', '2024-01-01 11:00', '17,50')) AS t(uid, buy_ts, revenue)`,
    );
    const r = await loadTables(dir, defaults, false, on);
    expect(Array.from(r.datasets[0]!.table.num["revenue"]!)).toEqual([17.5]);
    expect(rejected(r.datasets[0]!)).toEqual({ "unparseable number": [1, ["orders.parquet:2"]] });
  });

  it("fails a corrupt or truncated Parquet file with one message naming the file", async () => {
    const dir = dataDir({ "junk.parquet": "PAR1 this is not parquet" });
    await parquet(dir, "whole.parquet", `SELECT range AS uid, TIMESTAMP '2024-01-01' + INTERVAL (range) MINUTE AS buy_ts, 1.5 AS revenue FROM range(1000)`);
    const { readFileSync } = await import("node:fs");
    const bytes = readFileSync(join(dir, "whole.parquet"));
    writeFileSync(join(dir, "cut.parquet"), bytes.subarray(0, Math.floor(bytes.length / 2)));
    const r = await loadTables(dir, defaults, false, on);
    expect(r.errors).toHaveLength(2);
    expect(r.errors[0]).toMatch(/^cut\.parquet: not a readable Parquet file: /);
    expect(r.errors[1]).toMatch(/^junk\.parquet: not a readable Parquet file: /);
    expect(r.datasets.map((d) => d.files.map((f) => f.file))).toEqual([["whole.parquet"]]);
  });
});

describe.each(ENGINES)("loadDataDir() with awkward CSV files on $name", (on) => {
  it("reads a file whose header ends in LF and records in CRLF, still rejecting records of the wrong width", async () => {
    const r = await loadTables(
      dataDir({
        "orders.csv":
          "customer_id,date,quantity,revenue\n1,1997-01-01,1,11.77\r\n2,1997-01-02,1\r\n3,1997-01-03,2,5.00,9\r\n4,1997-01-04,1,\r\n5,1997-01-05,1,3\r\n",
      }),
      defaults,
      false,
    );
    const d = r.datasets[0]!;
    expect(r.errors).toEqual([]);
    expect(Array.from(d.table.num["revenue"]!)).toEqual([11.77, 3]);
    expect(rejected(d)).toEqual({ "wrong number of fields": [2, ["orders.csv:3", "orders.csv:4"]], "missing revenue": [1, ["orders.csv:5"]] });
    expect(d.rows).toBe(5);
  });

  it("fails a file that is not UTF-8 with its line", async () => {
    const dir = dataDir({});
    writeFileSync(
      join(dir, "orders.csv"),
      Buffer.concat([Buffer.from("Uid,Buy Ts,Revenue\n1,2024-01-01,1\n2,2024-01-01,"), Buffer.from([0xa3, 0x35]), Buffer.from("\n")]),
    );
    const r = await loadTables(dir, defaults, false, on);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/^orders\.csv:3:\d+: is not valid UTF-8 text/);
  });

  it("names a text after a closing quote with its line and column", async () => {
    const r = await loadTables(dataDir({ "orders.csv": lines("Uid,Buy Ts,Revenue", "1,2024-01-01,1", '2,"2024-01-02"x,2') }), defaults, false, on);
    expect(r.errors).toEqual(['orders.csv:3:15: unexpected text after a closing quote: "x,2"']);
  });

  it("skips blank lines without counting them, reads \\N and spaces as text, and tells an empty field from a missing one", async () => {
    const r = await loadTables(
      dataDir({
        "orders.csv":
          "order_id,user_id,order_date,amount,note\n" +
          "A1,1,2024-01-01,1,\\N\n\r\n" +
          "A1,1,2024-01-01,1,\\N\n" +
          "A1,1,2024-01-01,1, \\N\n" +
          "A2,2,2024-01-02,2,\n\n" +
          "A3,3,2024-01-03,3\n" +
          'A4,"4",2024-01-04,,x\n',
      }),
      defaults,
      false,
      on,
    );
    const d = r.datasets[0]!;
    expect(r.errors).toEqual([]);
    expect(d.rows).toBe(6);
    // Lines count records, not blank lines. The second record repeats the first, \N and all; so does the third,
    // as fields compare trimmed, as the row rules read them.
    expect(rejected(d)).toEqual({
      duplicate: [2, ["orders.csv:3", "orders.csv:4"]],
      "wrong number of fields": [1, ["orders.csv:6"]],
      "missing revenue": [1, ["orders.csv:7"]],
    });
    expect(Array.from(d.table.line)).toEqual([2, 5]);
  });

  it("fails a line longer than 2 MB with its line", async () => {
    const r = await loadTables(
      dataDir({ "orders.csv": lines("Uid,Buy Ts,Revenue,Note", "1,2024-01-01,1,x", `2,2024-01-02,2,${"y".repeat(3_000_000)}`) }),
      defaults,
      false,
      on,
    );
    expect(r.errors).toEqual(["orders.csv:3:1: a line is longer than 2 MB"]);
  });

  it("fails an unterminated quote in the last record, which would run to the end of the file", async () => {
    const r = await loadTables(dataDir({ "orders.csv": 'Uid,Buy Ts,Revenue\n1,2024-01-01,1\n2,2024-01-02,"2\n3,2024-01-03,3\n' }), defaults, false, on);
    expect(r.errors).toEqual(["orders.csv:3:14: unterminated quoted field"]);
  });

  it("keeps a header that looks like SQL as a plain column name", async () => {
    const r = await loadTables(
      dataDir({ "customers.csv": lines(`customer_id,city,"a""; DROP TABLE raw_0; --"`, "1,Москва,x", "2,МОСКВА,y", "3,Kazan,x") }),
      defaults,
      false,
    );
    const d = r.datasets[0]!;
    expect(r.errors).toEqual([]);
    expect(d.columns).toEqual({ user: "customer_id", city: "city", 'attr.a"; DROP TABLE raw_0; --': 'a"; DROP TABLE raw_0; --' });
    expect(d.table.length).toBe(3);
  });
});

describe("loadDataDir() on several threads", () => {
  it("gives the same rows, lines and rejections on 1 and 4 threads for a file of several row groups", async () => {
    // 400,000 records (more than DuckDB's 122,880-row groups × 3): every 1,000th
    // a duplicate of the one before, every 997th with a bad revenue.
    const rows = ["order_id,user_id,order_date,amount"];
    let duplicates = 0;
    for (let i = 0; i < 400_000; i++) {
      if (i % 1000 === 999 && i % 997 !== 0 && (i - 1) % 997 !== 0) duplicates++;
      const id = i % 1000 === 999 ? i - 1 : i;
      rows.push(`A${id},${id % 5000},2024-01-${String((id % 28) + 1).padStart(2, "0")},${i % 997 === 0 ? "x" : id % 100}`);
    }
    const dir = dataDir({ "orders.csv": `${rows.join("\n")}\n` });
    const runs = [];
    for (const threads of [1, 4]) {
      const e = await DuckDbEngine.open({ threads });
      try {
        const loaded = await loadDataDir(dir, defaults, zone("UTC"), e);
        runs.push({
          ...loaded,
          users: await dictLabels(e, "user"),
          datasets: [{ ...loaded.datasets[0]!, table: await readTable(e, loaded.datasets[0]!, null) }],
        });
      } finally {
        e.close();
      }
    }
    const [one, four] = runs.map((r) => r.datasets[0]!);
    expect(rejected(four!)).toEqual(rejected(one!));
    expect(rejected(one!)["duplicate"]![0]).toBe(duplicates);
    expect(rejected(one!)["unparseable number"]![0]).toBe(402);
    expect(four!.table.length).toBe(one!.table.length);
    expect(Buffer.from(four!.table.line.buffer).equals(Buffer.from(one!.table.line.buffer))).toBe(true);
    expect(Buffer.from(four!.table.ref["user"]!.buffer).equals(Buffer.from(one!.table.ref["user"]!.buffer))).toBe(true);
    expect(runs[1]!.users).toEqual(runs[0]!.users);
    // Lines are the records' own: record i (0-based) is on line i + 2.
    expect(Array.from(one!.table.line.subarray(0, 3))).toEqual([3, 4, 5]);
  });
});
