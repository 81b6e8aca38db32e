import { fromNanos } from "../../src/analyses/analysis.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JS_WHITESPACE } from "../../src/engine/dialect.ts";
import { DuckDbEngine } from "../../src/engine/duckdb.ts";

let engine: DuckDbEngine;
beforeAll(async () => {
  engine = await DuckDbEngine.open({ threads: 2 });
});
afterAll(() => engine.close());

const value = async (sql: string): Promise<unknown> => Object.values((await engine.rows(`SELECT ${sql} AS v`))[0]!)[0];

describe("the DuckDB dialect", () => {
  it("idiv(a, b) divides whole numbers, truncating toward zero, where / gives 3.5", async () => {
    const d = engine.dialect;
    expect(await value("7 / 2")).toBe(3.5);
    expect(await value(d.idiv("7", "2"))).toBe(3);
    expect(await value(d.idiv("-7", "2"))).toBe(-3);
  });

  it("exactSum(x) adds exactly where a DOUBLE sum loses the small term, in whole nanos", async () => {
    const d = engine.dialect;
    const rows = "(VALUES (1, 1e16), (2, 1), (3, -1e16), (4, 0.1), (5, 15.299999999999999)) AS t(i, x)";
    expect((await engine.rows(`SELECT sum(x ORDER BY i) AS v FROM ${rows} WHERE i <= 3`))[0]!["v"]).toBe(0);
    // 1 + 0.1 + 15.3 (the double nearest 2.55 × 6, taken to 9 decimals)
    expect((await engine.rows(`SELECT ${d.exactSum("x")} AS v FROM ${rows}`))[0]!["v"]).toBe("16400000000");
    expect((await engine.rows(`SELECT ${d.exactSum("x")} AS v FROM ${rows} WHERE FALSE`))[0]!["v"]).toBeNull();
  });

  it("lower(x) folds Cyrillic, as label merging of the bank data needs", async () => {
    expect(await value(engine.dialect.lower(engine.dialect.string("МОСКВА Kazan")))).toBe("москва kazan");
  });

  it("trim(x) strips exactly what JavaScript's trim strips, NBSP and U+FEFF included", async () => {
    const d = engine.dialect;
    const texts = [...JS_WHITESPACE].map((c) => `${c}a b${c}`).concat(["\u200b x \u200b", "plain", "", " \u00a0 "]);
    const rows = texts.map((t, i) => `(${i}, ${d.string(t)})`).join(", ");
    const got = await engine.rows(`SELECT i, ${d.trim("t")} AS v FROM (VALUES ${rows}) AS x(i, t) ORDER BY i`);
    expect(got.map((r) => r["v"])).toEqual(texts.map((t) => t.trim()));
  });

  it("ident(x) and string(x) quote names and text so that they stay names and text", async () => {
    const d = engine.dialect;
    const name = `a"; DROP TABLE x; --`;
    const text = `it's '); DROP TABLE x; --`;
    const rows = await engine.rows(`SELECT ${d.string(text)} AS ${d.ident(name)}`);
    expect(rows).toEqual([{ [name]: text }]);
  });

  it("the session timezone is UTC, whatever the process's", async () => {
    expect(await value("current_setting('TimeZone')")).toBe("UTC");
  });

  it("wallMs(instant, zone) converts an instant to the zone's wall clock, across daylight saving", async () => {
    const d = engine.dialect;
    // 2024-03-31 00:30 UTC is 01:30 in Berlin (CET); 01:30 UTC is 03:30 (CEST).
    expect(await value(d.wallMs(String(Date.UTC(2024, 2, 31, 0, 30)), "Europe/Berlin"))).toBe(Date.UTC(2024, 2, 31, 1, 30));
    expect(await value(d.wallMs(String(Date.UTC(2024, 2, 31, 1, 30)), "Europe/Berlin"))).toBe(Date.UTC(2024, 2, 31, 3, 30));
  });
});

describe("instantMs(wall, zone)", () => {
  it("gives the instant Zone.toInstant gives, every 15 minutes around daylight-saving changes", async () => {
    const { zone } = await import("../../src/time/zone.ts");
    const d = engine.dialect;
    for (const [name, days] of [
      ["Europe/Berlin", ["2024-03-31", "2024-10-27"]],
      ["America/New_York", ["2024-03-10", "2024-11-03"]],
      ["Australia/Lord_Howe", ["2024-04-07", "2024-10-06"]],
    ] as const) {
      const walls: number[] = [];
      for (const day of days) for (let q = 0; q < 96; q++) walls.push(Date.parse(`${day}T00:00:00Z`) + q * 900_000);
      const rows = walls.map((w, i) => `(${i}, ${w})`).join(", ");
      const got = await engine.rows(`SELECT i, ${d.instantMs("w", name)} AS t FROM (VALUES ${rows}) AS x(i, w) ORDER BY i`);
      const z = zone(name);
      expect(
        got.map((r) => Number(r["t"])),
        name,
      ).toEqual(walls.map((w) => z.toInstant(w)));
    }
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
