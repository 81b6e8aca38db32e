import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DuckDbEngine } from "../../src/engine/duckdb.ts";
import { DATE_PATTERN, dateValue, flagValue, numberValue, parseSql } from "../../src/read/rules.ts";
import { KIND_SPECS } from "../../src/schema/kinds.ts";

let engine: DuckDbEngine;
beforeAll(async () => {
  engine = await DuckDbEngine.open({ threads: 1 });
});
afterAll(() => engine.close());

type Parse = "timestamp" | "date" | "number" | "flag";

/** The value the row rules give `text` (trimmed first, as every field is), NaN for NULL. */
async function values(kind: Parse, texts: readonly string[], zone = "UTC"): Promise<number[]> {
  const d = engine.dialect;
  const expr = (t: string): string => {
    if (kind === "date") return dateValue(d, d.captures(t, DATE_PATTERN, 3));
    return kind === "number" ? numberValue(d, t) : flagValue(d, t);
  };
  const rows = texts.map((t, i) => `(${i}, ${d.string(t)})`).join(", ");
  // A timestamp is read as the row rules read a session's start: with the dialect's fast path where it has one.
  const sql =
    kind === "timestamp"
      ? `SELECT rec AS i, v0 AS v FROM (${parseSql(d, `(SELECT 0 AS file, i AS rec, i + 1 AS line, raw AS c0 FROM (VALUES ${rows}) AS x(i, raw))`, [{ role: "start", spec: KIND_SPECS.visits.roles["start"]!, column: "c0" }], KIND_SPECS.visits, zone)}) AS p ORDER BY i`
      : `SELECT i, CAST(${expr("t")} AS DOUBLE) AS v FROM (SELECT i, ${d.trim("raw")} AS t FROM (VALUES ${rows}) AS x(i, raw)) AS y ORDER BY i`;
  return Array.from((await engine.columns(sql, new Set(["i", "v"])))["v"] as Float64Array);
}
const one = async (kind: Parse, text: string, zone = "UTC"): Promise<number> => (await values(kind, [text], zone))[0]!;

const at = (iso: string): number => Date.parse(`${iso}Z`);

describe("timestampValue(dialect, captures, zone)", () => {
  it("reads dates with and without time, seconds and fractions as wall-clock ms", async () => {
    expect(await one("timestamp", "2017-12-20 17:38:00")).toBe(at("2017-12-20T17:38:00"));
    expect(await one("timestamp", "2017-12-20T17:38")).toBe(at("2017-12-20T17:38:00"));
    expect(await one("timestamp", "2017-01-02 13:42:05.378582")).toBe(at("2017-01-02T13:42:05.379"));
    expect(await one("timestamp", "2017-01-02 13:42:05,5")).toBe(at("2017-01-02T13:42:05.500"));
    // Digits past the ninth are read but ignored.
    expect(await one("timestamp", "2017-01-02 13:42:05.0004999999")).toBe(at("2017-01-02T13:42:05.000"));
    expect(await one("timestamp", "2017-12-20")).toBe(at("2017-12-20T00:00:00"));
    expect(await one("timestamp", "\u00a0 2017-12-20 \t")).toBe(at("2017-12-20T00:00:00"));
    expect(await one("timestamp", "1969-12-31 23:59:59")).toBe(-1000);
  });

  it("converts a timestamp with a zone to the report timezone's wall clock", async () => {
    expect(await one("timestamp", "2024-01-01T12:00:00Z")).toBe(at("2024-01-01T12:00:00"));
    expect(await one("timestamp", "2024-01-01T12:00:00+03:00")).toBe(at("2024-01-01T09:00:00"));
    expect(await one("timestamp", "2024-01-01T12:00:00-0530")).toBe(at("2024-01-01T17:30:00"));
    expect(await one("timestamp", "2024-01-01T12:00:00+03")).toBe(at("2024-01-01T09:00:00"));
    // 12:00 UTC is 13:00 in Berlin in winter, 14:00 in summer.
    expect(await one("timestamp", "2024-01-01T12:00:00Z", "Europe/Berlin")).toBe(at("2024-01-01T13:00:00"));
    expect(await one("timestamp", "2024-07-01T12:00:00Z", "Europe/Berlin")).toBe(at("2024-07-01T14:00:00"));
    // Without a zone the text is wall-clock time already.
    expect(await one("timestamp", "2024-07-01T12:00:00", "Europe/Berlin")).toBe(at("2024-07-01T12:00:00"));
  });

  it("gives NULL, never a default, for text that is not a valid timestamp", async () => {
    const bad = ["", "2017-13-01", "2017-02-30", "2023-02-29", "1900-02-29", "20/12/2017 17:38", "2017-12-20 25:00", "2017-12-20 10:60"];
    const more = ["2017-12-20 10:00 garbage", "1.03293E+19", "2017-12-20T", "2017-12-20 10:00:00.", "２０１７-12-20", "2017-12-20t10:00"];
    expect(await values("timestamp", [...bad, ...more])).toEqual([...bad, ...more].map(() => NaN));
  });

  it("accepts leap days of leap years only", async () => {
    expect(await values("timestamp", ["2024-02-29", "2000-02-29"])).toEqual([at("2024-02-29T00:00:00"), at("2000-02-29T00:00:00")]);
  });

  it("reads YYYY-MM-DD HH:MM:SS text of any field values as Date.UTC does, on the fast path and off it", async () => {
    // Fields drawn from each one's valid range and past it (a 13th month, a 31st of April, hour 24, second 60), years 0 … 9999.
    let seed = 7;
    const draw = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const pad = (v: number, w: number): string => String(v).padStart(w, "0");
    const texts: string[] = [];
    const expected: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const [y, m, day, h, mi, sec] = [draw(4) === 0 ? draw(10000) : 1900 + draw(200), draw(14), draw(33), draw(26), draw(62), draw(62)];
      const sep = draw(2) === 0 ? " " : "T";
      texts.push(`${pad(y, 4)}-${pad(m, 2)}-${pad(day, 2)}${sep}${pad(h, 2)}:${pad(mi, 2)}:${pad(sec, 2)}`);
      const date = new Date(0);
      date.setUTCFullYear(y, m - 1, day);
      const realDay = m >= 1 && m <= 12 && date.getUTCMonth() === m - 1 && date.getUTCDate() === day;
      // A 60th second is read (as the next minute's first), as a leap second would be; 61 is not.
      expected.push(realDay && h <= 23 && mi <= 59 && sec <= 60 ? date.getTime() + ((h * 60 + mi) * 60 + sec) * 1000 : NaN);
    }
    expect(await values("timestamp", texts)).toEqual(expected);
  });
});

describe("dateValue(dialect, captures)", () => {
  it("reads a date as a day number and ignores a time of day", async () => {
    expect(await one("date", "1970-01-03")).toBe(2);
    expect(await one("date", "2017-06-01 00:00:00")).toBe(Date.UTC(2017, 5, 1) / 86_400_000);
    expect(await one("date", "2017-06-01T23:59")).toBe(Date.UTC(2017, 5, 1) / 86_400_000);
    expect(await one("date", "2017-06-31")).toBeNaN();
    expect(await one("date", "2017-06-01x")).toBeNaN();
  });

  it("gives the same day number as Date.UTC for every day of 1899 … 2101", async () => {
    const texts: string[] = [];
    const expected: number[] = [];
    for (let day = Date.UTC(1899, 0, 1) / 86_400_000; day <= Date.UTC(2101, 11, 31) / 86_400_000; day += 1) {
      texts.push(new Date(day * 86_400_000).toISOString().slice(0, 10));
      expected.push(day);
    }
    expect(await values("date", texts)).toEqual(expected);
  });
});

describe("numberValue(dialect, text)", () => {
  it("reads dot decimals and exponents", async () => {
    expect(await values("number", [" 17.0 ", "0.55", "-469.04", "1.429999948", "1e3", "+5", ".5", "5.", "1E-2"])).toEqual([
      17, 0.55, -469.04, 1.429999948, 1000, 5, 0.5, 5, 0.01,
    ]);
  });

  it("gives NULL, never 0, for empty or foreign number text", async () => {
    const bad = ["", "  ", "1,5", "$3", "NaN", "Infinity", "1 000", "abc", "0x10", "1e", "--1"];
    expect(await values("number", bad)).toEqual(bad.map(() => NaN));
  });
});

describe("flagValue(dialect, text)", () => {
  it("reads yes/no spellings in any case and nothing else", async () => {
    expect(await values("flag", ["1", "0", "TRUE", "false", "Yes", "no", "Y", "n", "t", "F", "maybe", "", "2"])).toEqual([
      1,
      0,
      1,
      0,
      1,
      0,
      1,
      0,
      1,
      0,
      NaN,
      NaN,
      NaN,
    ]);
  });
});
