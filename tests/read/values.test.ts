import { describe, expect, it } from "vitest";
import { parseDate, parseNumber, parseTimestamp } from "../../src/read/values.ts";
import { zone } from "../../src/time/zone.ts";

const utc = zone("UTC");
const at = (iso: string): number => Date.parse(`${iso}Z`);

describe("parseTimestamp(text, zone)", () => {
  it("reads dates with and without time, seconds and fractions as wall-clock time", () => {
    expect(parseTimestamp("2017-12-20 17:38:00", utc)).toBe(at("2017-12-20T17:38:00"));
    expect(parseTimestamp("2017-12-20T17:38", utc)).toBe(at("2017-12-20T17:38:00"));
    expect(parseTimestamp("2017-01-02 13:42:05.378582", utc)).toBe(at("2017-01-02T13:42:05.379"));
    expect(parseTimestamp("2017-12-20", utc)).toBe(at("2017-12-20T00:00:00"));
  });

  it("converts a timestamp with a zone to the report timezone's wall clock", () => {
    expect(parseTimestamp("2024-01-01T12:00:00Z", utc)).toBe(at("2024-01-01T12:00:00"));
    expect(parseTimestamp("2024-01-01T12:00:00+03:00", utc)).toBe(at("2024-01-01T09:00:00"));
    // 12:00 UTC is 13:00 in Berlin in winter, 14:00 in summer.
    expect(parseTimestamp("2024-01-01T12:00:00Z", zone("Europe/Berlin"))).toBe(at("2024-01-01T13:00:00"));
    expect(parseTimestamp("2024-07-01T12:00:00Z", zone("Europe/Berlin"))).toBe(at("2024-07-01T14:00:00"));
  });

  it("returns NaN for text that is not a valid timestamp", () => {
    for (const bad of ["", "2017-13-01", "2017-02-30", "20/12/2017 17:38", "2017-12-20 25:00", "2017-12-20 10:00 garbage", "1.03293E+19"]) {
      expect(parseTimestamp(bad, utc)).toBeNaN();
    }
  });
});

describe("parseDate(text)", () => {
  it("reads a date as a day number and ignores a time of day", () => {
    expect(parseDate("1970-01-03")).toBe(2);
    expect(parseDate("2017-06-01 00:00:00")).toBe(Date.UTC(2017, 5, 1) / 86_400_000);
    expect(parseDate("2017-06-31")).toBeNaN();
  });
});

describe("parseNumber(text)", () => {
  it("reads dot decimals and exponents", () => {
    expect(parseNumber(" 17.0 ")).toBe(17);
    expect(parseNumber("0.55")).toBe(0.55);
    expect(parseNumber("-469.04")).toBe(-469.04);
    expect(parseNumber("1.429999948")).toBe(1.429999948);
    expect(parseNumber("1e3")).toBe(1000);
  });

  it("returns NaN, never 0, for empty or foreign number text", () => {
    for (const bad of ["", "  ", "1,5", "$3", "NaN", "Infinity", "1 000", "abc"]) expect(parseNumber(bad)).toBeNaN();
  });
});
