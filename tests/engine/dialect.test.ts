/**
 * The dialects on their engines: each case runs on DuckDB and, when chdb
 * is installed, on ClickHouse, and must give the same answer on both. The
 * ClickHouse traps each show the query that gives the wrong answer without
 * the dialect's fix.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromNanos } from "../../src/engine/dialect.ts";
import { ChdbEngine, loadChdb } from "../../src/engine/chdb.ts";
import { bytes } from "../../src/engine/engine.ts";
import { JS_WHITESPACE } from "../../src/engine/dialect.ts";
import { DuckDbEngine } from "../../src/engine/duckdb.ts";
import type { Engine } from "../../src/engine/engine.ts";

const chdbPresent = await loadChdb().then(
  () => true,
  () => false,
);
if (!chdbPresent) console.warn("skipping the ClickHouse dialect tests: chdb is not installed (npm install --no-save chdb)");

const ENGINES: readonly { name: string; open: () => Promise<Engine> }[] = [
  { name: "duckdb", open: () => DuckDbEngine.open({ threads: 2 }) },
  ...(chdbPresent ? [{ name: "clickhouse", open: () => ChdbEngine.open({ threads: 2 }) }] : []),
];

/** A relation of literal rows in any dialect: `SELECT … UNION ALL SELECT …`. */
const literal = (engine: Engine, rows: readonly Readonly<Record<string, string | number>>[]): string =>
  `(${rows
    .map(
      (r) =>
        `SELECT ${Object.entries(r)
          .map(([k, v]) => `${typeof v === "number" ? String(v) : engine.dialect.string(v)} AS ${k}`)
          .join(", ")}`,
    )
    .join(" UNION ALL ")})`;

describe.each(ENGINES)("the $name dialect", ({ open }) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await open();
  });
  afterAll(() => engine.close());
  const value = async (sql: string): Promise<unknown> => Object.values((await engine.rows(`SELECT ${sql} AS v`))[0]!)[0];

  it("divides 7 / 2 as 3.5, and idiv truncates toward zero", async () => {
    const d = engine.dialect;
    expect(await value("7 / 2")).toBe(3.5);
    expect(await value(d.idiv("7", "2"))).toBe(3);
    expect(await value(d.idiv("-7", "2"))).toBe(-3);
  });

  it("exactSum(x) adds exactly where a DOUBLE sum loses the small term, in whole nanos", async () => {
    const d = engine.dialect;
    const rows = d.values(
      ["i", "k"],
      [[1], [2], [3], [4], [5]].map(([i]) => [i!, i!]),
    );
    const x = "CASE WHEN i = 1 THEN 1e16 WHEN i = 2 THEN 1 WHEN i = 3 THEN -1e16 WHEN i = 4 THEN 0.1 ELSE 15.299999999999999 END";
    // A double sum in file order loses the 1.
    expect(1e16 + 1 - 1e16).toBe(0);
    // 1 + 0.1 + 15.3 (the double nearest 2.55 × 6, taken to 9 decimals)
    expect((await engine.rows(`SELECT ${d.exactSum(x)} AS v FROM ${rows} AS r`))[0]!["v"]).toBe("16400000000");
    expect((await engine.rows(`SELECT ${d.exactSum(x)} AS v FROM ${rows} AS r WHERE i > 5`))[0]!["v"]).toBeNull();
  });

  it("columns(sql, numeric, exact) reads exact sums as the numbers of their text, NULL as NaN, over many batches", async () => {
    const d = engine.dialect;
    // 5,000 groups (DuckDB hands results over 2,048 rows at a time): group g sums g + 0.25 and −g / 1000, and 0 has no second.
    const rows = d.values(
      ["g"],
      Array.from({ length: 5000 }, (_, g) => [g]),
    );
    const sql = `SELECT g, ${d.exactSum("CAST(g AS DOUBLE) + 0.25")} AS s, ${d.exactSum("CASE WHEN g > 0 THEN -g / 1000 END")} AS t FROM ${rows} AS r GROUP BY g ORDER BY g`;
    const read = await engine.columns(sql, new Set(["g"]), new Set(["s", "t"]));
    const text = await engine.columns(sql, new Set(["g"]));
    expect(read["s"]).toBeInstanceOf(Float64Array);
    // The numbers are those of the text.
    expect(Array.from(read["s"] as Float64Array)).toEqual((text["s"] as string[]).map(fromNanos));
    expect((read["s"] as Float64Array)[4999]).toBe(4999.25);
    expect((read["t"] as Float64Array)[0]).toBeNaN();
    expect((read["t"] as Float64Array)[4999]).toBe(-4.999);
  });

  it("nanos(x) rounds a half nano away from zero on every engine", async () => {
    const d = engine.dialect;
    expect(await value(d.nanoSum(d.nanos("2.5e-9")))).toBe("3");
    expect(await value(d.nanoSum(d.nanos("-2.5e-9")))).toBe("-3");
  });

  it("lower(x) folds Cyrillic, as label merging of the bank data needs", async () => {
    expect(await value(engine.dialect.lower(engine.dialect.string("МОСКВА Kazan")))).toBe("москва kazan");
  });

  it("trim(x) strips exactly what JavaScript's trim strips, NBSP and U+FEFF included", async () => {
    const d = engine.dialect;
    // White space at both ends, at one end only, and text whose ends are printable, non-ASCII or empty.
    const texts = [...JS_WHITESPACE]
      .flatMap((c) => [`${c}a b${c}`, `a b${c}`, `${c}a b`, `${c}é😀${c}${c}`])
      .concat(["\u200b x \u200b", "plain", " \u00a0 ", "à\u00a0", "é", "😀", "!~", "\u007fa\u007f", "", " ", "\u0085a\u0085"]);
    const rows = literal(
      engine,
      texts.map((t, i) => ({ i, t })),
    );
    const got = await engine.rows(`SELECT i, ${d.trim("t")} AS v FROM ${rows} AS x ORDER BY i`);
    expect(got.map((r) => r["v"])).toEqual(texts.map((t) => t.trim()));
  });

  it("ident(x) and string(x) quote names and text so that they stay names and text, backslashes too", async () => {
    const d = engine.dialect;
    const name = `a"; DROP TABLE x; --`;
    const text = `it's '); DROP TABLE x; -- \\' \\n`;
    const rows = await engine.rows(`SELECT ${d.string(text)} AS ${d.ident(name)}`);
    expect(rows).toEqual([{ [name]: text }]);
  });

  it("matches and captures read RE2 patterns in full, with empty text for a group that took no part", async () => {
    const d = engine.dialect;
    expect(await value(`${d.matches(d.string("ab"), "a")}`)).toBeFalsy();
    expect(await value(`${d.matches(d.string("ab"), "a|ab")}`)).toBeTruthy();
    const c = d.captures(d.string("ab12"), "([a-z]+)([0-9]+)(x)?", 3);
    expect(await value(d.group(c, 2))).toBe("12");
    expect(await value(d.group(c, 3))).toBe("");
    expect(await value(d.group(d.captures(d.string("!!"), "([a-z]+)", 1), 1))).toBe("");
  });

  it("wallMs(instant, zone) converts an instant to the zone's wall clock, across daylight saving", async () => {
    const d = engine.dialect;
    // 2024-03-31 00:30 UTC is 01:30 in Berlin (CET); 01:30 UTC is 03:30 (CEST).
    expect(Number(await value(d.wallMs(String(Date.UTC(2024, 2, 31, 0, 30)), "Europe/Berlin")))).toBe(Date.UTC(2024, 2, 31, 1, 30));
    expect(Number(await value(d.wallMs(String(Date.UTC(2024, 2, 31, 1, 30)), "Europe/Berlin")))).toBe(Date.UTC(2024, 2, 31, 3, 30));
  });

  it("instantMs(wall, zone) gives the instant Zone.toInstant gives, every 15 minutes around daylight-saving changes", async () => {
    const { zone } = await import("../../src/time/zone.ts");
    const d = engine.dialect;
    for (const [name, days] of [
      ["Europe/Berlin", ["2024-03-31", "2024-10-27"]],
      ["America/New_York", ["2024-03-10", "2024-11-03"]],
      ["Australia/Lord_Howe", ["2024-04-07", "2024-10-06"]],
    ] as const) {
      const walls: number[] = [];
      for (const day of days) for (let q = 0; q < 96; q++) walls.push(Date.parse(`${day}T00:00:00Z`) + q * 900_000);
      const rows = d.values(
        ["i", "w"],
        walls.map((w, i) => [i, w]),
      );
      const got = await engine.rows(`SELECT i, ${d.instantMs("w", name)} AS t FROM ${rows} AS x ORDER BY i`);
      const z = zone(name);
      expect(
        got.map((r) => Number(r["t"])),
        name,
      ).toEqual(walls.map((w) => z.toInstant(w)));
    }
  });

  it("values(columns, rows) and argMin give the same rows on every engine", async () => {
    const d = engine.dialect;
    const rows = d.values(
      ["k", "v", "o"],
      [
        [1, 10, 3],
        [1, 20, 1],
        [2, 30, 2],
      ],
    );
    const got = await engine.rows(`SELECT k, ${d.argMin("v", "o")} AS v FROM ${rows} AS r GROUP BY k ORDER BY k`);
    expect(got.map((r) => [Number(r["k"]), Number(r["v"])])).toEqual([
      [1, 20],
      [2, 30],
    ]);
  });
});

describe.skipIf(!chdbPresent)("ClickHouse traps, each with the query that goes wrong without the fix", () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await ChdbEngine.open({ threads: 2 });
  });
  afterAll(() => engine?.close());
  const value = async (sql: string): Promise<unknown> => Object.values((await engine.rows(`SELECT ${sql} AS v`))[0]!)[0];

  it("an unmatched LEFT JOIN gives 0 unless join_use_nulls = 1, which the engine sets", async () => {
    const q = "SELECT r.b AS v FROM (SELECT 1 AS a) AS l LEFT JOIN (SELECT 2 AS a, 5 AS b) AS r ON r.a = l.a";
    expect((await engine.rows(`${q} SETTINGS join_use_nulls = 0`))[0]!["v"]).toBe(0);
    expect((await engine.rows(q))[0]!["v"]).toBeNull();
  });

  it("an alias hides the column of its name in WHERE unless prefer_column_name_to_alias = 1, which the engine sets", async () => {
    const q = "SELECT ifNull(c, '') AS c FROM (SELECT CAST(NULL AS Nullable(String)) AS c) AS t WHERE c IS NULL";
    expect(await engine.rows(`${q} SETTINGS prefer_column_name_to_alias = 0`)).toEqual([]);
    expect(await engine.rows(q)).toEqual([{ c: "" }]);
  });

  it("sum over Int64 wraps silently; nanoSum adds 128-bit integers", async () => {
    const rows = "(SELECT toInt64(9223372036854775807) AS n FROM numbers(2))";
    expect(await value(`(SELECT sum(n) FROM ${rows})`)).toBe(-2);
    expect((await engine.rows(`SELECT ${engine.dialect.nanoSum("toInt128(n)")} AS v FROM ${rows}`))[0]!["v"]).toBe("18446744073709551614");
  });

  it("round rounds a half to even; nanos rounds it away from zero, as DuckDB", async () => {
    expect(await value("round(2.5)")).toBe(2);
    expect(await value(engine.dialect.nanoSum(engine.dialect.nanos("2.5e-9")))).toBe("3");
  });

  it("lower is ASCII-only and trimBoth keeps NBSP; the dialect's lower and trim do not", async () => {
    const d = engine.dialect;
    expect(await value("lower('МОСКВА')")).toBe("МОСКВА");
    expect(await value(d.lower("'МОСКВА'"))).toBe("москва");
    expect(await value("trimBoth('\u00a0a\u00a0')")).toBe("\u00a0a\u00a0");
    expect(await value(d.trim("'\u00a0a\u00a0'"))).toBe("a");
  });

  it("a backslash in a text literal is an escape unless the dialect doubles it", async () => {
    expect(await value("'a\\nb'")).toBe("a\nb");
    expect(await value(engine.dialect.string("a\\nb"))).toBe("a\\nb");
  });

  it("toStartOfWeek starts on Sunday; romi's calendar takes ISO weeks from TypeScript", async () => {
    const { calendar } = await import("../../src/read/sources.ts");
    const { dayFromYmd } = await import("../../src/time/calendar.ts");
    expect(await value("toString(toStartOfWeek(toDate('2024-01-07')))")).toBe("2024-01-07");
    const sunday = dayFromYmd(2024, 1, 7);
    const rows = await engine.rows(
      `SELECT day, week FROM ${calendar({ from: dayFromYmd(2024, 1, 1), to: dayFromYmd(2024, 1, 14) }, engine.dialect)} AS c WHERE day = ${sunday}`,
    );
    // Sunday 7 January closes the first ISO week (Monday 1 January), week 0.
    expect(Number(rows[0]!["week"])).toBe(0);
  });

  it("quantile samples; romi reads quantiles from exact histograms in TypeScript instead", async () => {
    const { summariseCounts } = await import("../../src/stats/distribution.ts");
    const rows = "(SELECT number * number % 100003 AS x FROM numbers(200001))";
    const exact = Number(await value(`(SELECT quantileExactInclusive(0.5)(x) FROM ${rows})`));
    expect(Number(await value(`(SELECT quantile(0.5)(x) FROM ${rows})`))).not.toBe(exact);
    const hist = await engine.columns(`SELECT x, count() AS n FROM ${rows} GROUP BY x`, new Set(["x", "n"]));
    expect(summariseCounts(hist["x"] as Float64Array, hist["n"] as Float64Array).median).toBe(exact);
  });

  it("the session time zone is UTC, whatever the process's", async () => {
    expect(await value("timezone()")).toBe("UTC");
    expect(await value("toString(toDateTime(0))")).toBe("1970-01-01 00:00:00");
  });

  it("hash differs between engines, so no reduction samples or deduplicates by it", async () => {
    const duck = await DuckDbEngine.open({ threads: 1 });
    try {
      const theirs = String((await duck.rows("SELECT CAST(hash('a') AS VARCHAR) AS v"))[0]!["v"]);
      expect(String(await value("toString(cityHash64('a'))"))).not.toBe(theirs);
    } finally {
      duck.close();
    }
    const { readdirSync, readFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const root = new URL("../../src", import.meta.url).pathname;
    // The one exception: a server table's checksum for the version id, read only on ClickHouse, never a sample or a key.
    const checksum = "read/stage-table.ts";
    const sources = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts") && f !== checksum);
    for (const f of sources) expect(readFileSync(join(root, f), "utf8"), f).not.toMatch(/\b(hash|cityHash64|sipHash64|md5)\(/i);
    expect(readFileSync(join(root, checksum), "utf8").match(/\b(hash|cityHash64|sipHash64|md5)\(/gi)).toEqual(["cityHash64("]);
  });
});

describe("fromNanos(text)", () => {
  it("reads a whole count of 1e-9 as its decimal, with one rounding", () => {
    expect(fromNanos("16400000000")).toBe(16.4);
    expect(fromNanos("100000000")).toBe(0.1);
    expect(fromNanos("-5")).toBe(-5e-9);
    expect(fromNanos("0")).toBe(0);
    expect(fromNanos("-1500000000")).toBe(-1.5);
    // 10^26 nanos and change: Number of the decimal text, not a product of two roundings.
    expect(fromNanos("123456789012345678901234567")).toBe(Number("123456789012345678.901234567"));
  });
});

describe("bytes(size)", () => {
  it("reads the sizes --memory takes, in decimal and binary units", () => {
    expect(bytes("1KiB")).toBe(1024);
    expect(bytes("2GB")).toBe(2e9);
    expect(bytes("512MiB")).toBe(512 * 2 ** 20);
    expect(bytes("1.5 GiB")).toBe(1.5 * 2 ** 30);
    expect(() => bytes("lots")).toThrow("invalid memory limit: lots");
  });
});
