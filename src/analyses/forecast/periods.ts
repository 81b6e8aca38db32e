/**
 * The series the forecast runs on: revenue and orders per day, complete
 * ISO week or complete month of the period.
 *
 * Reduction (SQL, over the orders of every orders dataset): the exact
 * revenue and purchases per day with orders.
 */
import { decimals, numbers, type Reduction, type ResultTable, type Sources } from "../analysis.ts";
import { orderRelation } from "../orders.ts";
import { dayLabel, isoWeekOf, monthLabel, monthOfDay } from "../../time/calendar.ts";
import type { PeriodFrame } from "../../time/period.ts";

export type Grain = "day" | "week" | "month";

/** The seasonal period of each grain: a week of days, a year of weeks or of months. */
export const SEASON: Readonly<Record<Grain, number>> = { day: 7, week: 52, month: 12 };

/**
 * Periods forecast when `forecast.horizon` is not set: 8 weeks of days, a
 * year of weeks or of months. One season of days (a week) is a sliver at
 * the edge of a year's chart; 8 weeks show the weekly pattern 8 times over
 * the next two months, as far as a model of a weekly season says much.
 * Weeks and months keep one season, a year: the next yearly peak is what
 * their 2 to 5 years (or more) of history are forecast for, and a year is
 * already a fifth to a half of a weekly chart.
 */
export const DEFAULT_HORIZON: Readonly<Record<Grain, number>> = { day: 56, week: 52, month: 12 };

/** Periods shorter than this many days are forecast by day, then by week, then by month. */
export const DAY_GRAIN_BELOW_DAYS = 2 * 365.25;
export const WEEK_GRAIN_BELOW_DAYS = 5 * 365.25;

/**
 * The default grain: day when the period is under 2 years (730.5 days),
 * week when under 5 years (1,826.25 days), month otherwise.
 * @example defaultGrain(365); // => "day"
 * @example defaultGrain(1000); // => "week"
 */
export function defaultGrain(days: number): Grain {
  return days < DAY_GRAIN_BELOW_DAYS ? "day" : days < WEEK_GRAIN_BELOW_DAYS ? "week" : "month";
}

export interface PeriodSeries {
  readonly grain: Grain;
  /** Period keys in order: day numbers (days), Monday day numbers (weeks) or month keys (months). */
  readonly keys: readonly number[];
  /** `YYYY-MM-DD` for days and weeks (the Monday), `YYYY-MM` for months. */
  readonly labels: readonly string[];
  readonly revenue: Float64Array;
  readonly orders: Float64Array;
}

/** Sales per day with orders, in day order. */
export interface DailySales {
  readonly day: Float64Array;
  readonly revenue: Float64Array;
  /** Purchases: orders, or the rows' counts without order ids (`orderRelation`). */
  readonly orders: Float64Array;
}

/** The daily sales reduction, or none without orders. */
export function salesReductions(sources: Sources): Record<string, Reduction> {
  const o = orderRelation(sources);
  if (!o) return {};
  const d = sources.dialect;
  return {
    sales: { sql: `SELECT day, ${d.nanoSum("r")} AS revenue, ${d.exactSum("n")} AS orders FROM ${o} AS o GROUP BY day ORDER BY day`, numeric: ["day"] },
  };
}

/** The daily sales reduction's rows, or null without orders. */
export function dailySales(reduced: Readonly<Record<string, ResultTable>>): DailySales | null {
  const t = reduced["sales"];
  return t ? { day: numbers(t, "day"), revenue: decimals(t, "revenue"), orders: decimals(t, "orders") } : null;
}

/**
 * Sums revenue and orders (an order's purchases) per period. Every day of
 * the period is a period; weeks and months are the complete ones only, so
 * a partial first or last week is not read as a drop. Periods without orders
 * are 0.
 *
 * Empty-data policy: a period with no complete week or month gives empty series.
 */
export function periodSeries(sales: DailySales, frame: PeriodFrame, grain: Grain): PeriodSeries {
  const { from, to } = frame.range;
  const keys = grain === "day" ? Array.from({ length: frame.days }, (_, i) => from + i) : grain === "week" ? frame.weeks : frame.months;
  const index = new Map(keys.map((k, i) => [k, i]));
  const keyOf = grain === "day" ? (d: number) => d : grain === "week" ? isoWeekOf : monthOfDay;
  const revenue = new Float64Array(keys.length);
  const count = new Float64Array(keys.length);
  for (let i = 0; i < sales.day.length; i++) {
    const day = sales.day[i]!;
    if (day < from || day > to) continue;
    const slot = index.get(keyOf(day));
    if (slot === undefined) continue;
    revenue[slot]! += sales.revenue[i]!;
    count[slot]! += sales.orders[i]!;
  }
  return { grain, keys, labels: keys.map((k) => periodLabel(grain, k)), revenue, orders: count };
}

/** @example periodLabel("month", 2011 * 12 + 11); // => "2011-12" */
export function periodLabel(grain: Grain, key: number): string {
  return grain === "month" ? monthLabel(key) : dayLabel(key);
}

/** The key `steps` periods after `key`. @example nextKey("week", 0, 2); // => 14 */
export function nextKey(grain: Grain, key: number, steps: number): number {
  return grain === "day" ? key + steps : grain === "week" ? key + 7 * steps : key + steps;
}
