/**
 * Calendar arithmetic on "day numbers": whole days since 1970-01-01 in the
 * report's timezone (1970-01-01 is day 0, a Thursday).
 *
 * Timestamps inside romi are wall-clock milliseconds in the report timezone
 * (see `zone.ts`), so a day number is `Math.floor(wallMs / DAY_MS)` and no
 * timezone lookup is needed after reading.
 */

export const DAY_MS = 86_400_000;

/** Day number of a wall-clock timestamp. @example dayOf(Date.UTC(1970, 0, 2, 5)); // => 1 */
export function dayOf(wallMs: number): number {
  return Math.floor(wallMs / DAY_MS);
}

/** Day number of a calendar date. @example dayFromYmd(1970, 1, 2); // => 1 */
export function dayFromYmd(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** `YYYY-MM-DD` of a day number. @example dayLabel(0); // => "1970-01-01" */
export function dayLabel(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Month key: `year * 12 + (month - 1)`, so consecutive months are consecutive
 * integers and "cohort + age" is plain addition.
 * @example monthOfDay(dayFromYmd(2017, 6, 30)); // => 2017 * 12 + 5
 */
export function monthOfDay(day: number): number {
  const d = new Date(day * DAY_MS);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

/** `YYYY-MM` of a month key. @example monthLabel(2017 * 12 + 5); // => "2017-06" */
export function monthLabel(month: number): string {
  const year = Math.floor(month / 12);
  const m = month - year * 12 + 1;
  return `${String(year).padStart(4, "0")}-${String(m).padStart(2, "0")}`;
}

/** First day number of a month key. */
export function monthFirstDay(month: number): number {
  const year = Math.floor(month / 12);
  return dayFromYmd(year, month - year * 12 + 1, 1);
}

/** Last day number of a month key. */
export function monthLastDay(month: number): number {
  return monthFirstDay(month + 1) - 1;
}

/**
 * ISO week key: the day number of the week's Monday.
 * @example isoWeekOf(dayFromYmd(2024, 1, 7)); // => dayFromYmd(2024, 1, 1) (Sunday → that week's Monday)
 */
export function isoWeekOf(day: number): number {
  // Day 0 (1970-01-01) is a Thursday: Monday-based weekday = (day + 3) mod 7.
  return day - ((((day + 3) % 7) + 7) % 7);
}

/** Inclusive range of day numbers. */
export interface DayRange {
  from: number;
  to: number;
}

/**
 * Months lying wholly inside a day range, as month keys in order.
 * @example completeMonths({ from: dayFromYmd(2017, 6, 1), to: dayFromYmd(2017, 8, 30) }); // => [June, July] keys
 */
export function completeMonths(range: DayRange): number[] {
  const months: number[] = [];
  for (let m = monthOfDay(range.from); m <= monthOfDay(range.to); m++) {
    if (monthFirstDay(m) >= range.from && monthLastDay(m) <= range.to) months.push(m);
  }
  return months;
}

/** ISO weeks (Monday keys) lying wholly inside a day range, in order. */
export function completeIsoWeeks(range: DayRange): number[] {
  const weeks: number[] = [];
  for (let w = isoWeekOf(range.from); w + 6 <= range.to; w += 7) {
    if (w >= range.from) weeks.push(w);
  }
  return weeks;
}
