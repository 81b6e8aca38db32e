import { describe, expect, it } from "vitest";
import { completeIsoWeeks, completeMonths, dayFromYmd, dayLabel, isoWeekOf, monthLabel, monthOfDay } from "../../src/time/calendar.ts";
import { zone } from "../../src/time/zone.ts";

describe("calendar", () => {
  it("isoWeekOf(day) is the Monday of the ISO week", () => {
    // 2024-01-07 is a Sunday; 2021-01-03 a Sunday of ISO week 53 of 2020, whose Monday is 2020-12-28.
    expect(dayLabel(isoWeekOf(dayFromYmd(2024, 1, 7)))).toBe("2024-01-01");
    expect(dayLabel(isoWeekOf(dayFromYmd(2024, 1, 8)))).toBe("2024-01-08");
    expect(dayLabel(isoWeekOf(dayFromYmd(2021, 1, 3)))).toBe("2020-12-28");
    expect(dayLabel(isoWeekOf(dayFromYmd(1969, 12, 31)))).toBe("1969-12-29");
  });

  it("completeMonths(range) leaves out partial first and last months", () => {
    const months = completeMonths({ from: dayFromYmd(2017, 6, 1), to: dayFromYmd(2018, 6, 1) });
    expect(months.map(monthLabel)).toEqual([
      "2017-06",
      "2017-07",
      "2017-08",
      "2017-09",
      "2017-10",
      "2017-11",
      "2017-12",
      "2018-01",
      "2018-02",
      "2018-03",
      "2018-04",
      "2018-05",
    ]);
    expect(completeMonths({ from: dayFromYmd(2024, 2, 2), to: dayFromYmd(2024, 2, 29) })).toEqual([]);
    expect(completeMonths({ from: dayFromYmd(2024, 2, 1), to: dayFromYmd(2024, 2, 29) }).map(monthLabel)).toEqual(["2024-02"]);
  });

  it("completeIsoWeeks(range) counts only Monday-to-Sunday weeks inside", () => {
    // 2017-06-01 is a Thursday, 2018-06-01 a Friday: the first full week starts 2017-06-05, the last ends 2018-05-27.
    const weeks = completeIsoWeeks({ from: dayFromYmd(2017, 6, 1), to: dayFromYmd(2018, 6, 1) });
    expect(dayLabel(weeks[0]!)).toBe("2017-06-05");
    expect(dayLabel(weeks.at(-1)!)).toBe("2018-05-21");
    expect(weeks).toHaveLength(51);
  });

  it("monthOfDay(day) and monthLabel(month) round-trip", () => {
    expect(monthLabel(monthOfDay(dayFromYmd(2017, 12, 31)))).toBe("2017-12");
    expect(monthOfDay(dayFromYmd(2018, 1, 1)) - monthOfDay(dayFromYmd(2017, 12, 31))).toBe(1);
  });
});

describe("zone(name)", () => {
  it("toInstant() of a wall time across a DST change gives the true elapsed time", () => {
    const berlin = zone("Europe/Berlin");
    // Clocks go from 02:00 to 03:00 on 2024-03-31: 01:30 → 03:30 wall is one hour.
    const a = berlin.toInstant(Date.UTC(2024, 2, 31, 1, 30));
    const b = berlin.toInstant(Date.UTC(2024, 2, 31, 3, 30));
    expect((b - a) / 3_600_000).toBe(1);
    expect(a).toBe(Date.UTC(2024, 2, 31, 0, 30));
  });

  it("throws for an unknown timezone", () => {
    expect(() => zone("Mars/Base")).toThrow("invalid timezone: Mars/Base");
  });
});
