/**
 * The report period and the calendar units that lie wholly inside it.
 */
import { completeIsoWeeks, completeMonths, monthOfDay, type DayRange } from "./calendar.ts";

export interface PeriodFrame {
  readonly range: DayRange;
  /** Days in the period, both ends included. */
  readonly days: number;
  /** Complete calendar months, as consecutive month keys (possibly none). */
  readonly months: readonly number[];
  /** Complete ISO weeks, as the day numbers of their Mondays. */
  readonly weeks: readonly number[];
  /** For each day of the period (0 = `range.from`), the index of its complete month, or -1. */
  readonly completeMonthOfDay: Int32Array;
}

export function periodFrame(range: DayRange): PeriodFrame {
  const days = range.to - range.from + 1;
  const months = completeMonths(range);
  const completeMonthOfDay = new Int32Array(days).fill(-1);
  const first = months[0];
  if (first !== undefined) {
    for (let d = 0; d < days; d++) {
      const i = monthOfDay(range.from + d) - first;
      if (i >= 0 && i < months.length) completeMonthOfDay[d] = i;
    }
  }
  return { range, days, months, weeks: completeIsoWeeks(range), completeMonthOfDay };
}

/** Index among the complete months of the month of day number `day`, or -1 (also outside the period). */
export function completeMonthIndex(frame: PeriodFrame, day: number): number {
  const d = day - frame.range.from;
  return d >= 0 && d < frame.days ? frame.completeMonthOfDay[d]! : -1;
}
