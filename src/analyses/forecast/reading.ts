/**
 * The one-line reading of a forecast: "next quarter: 1.2M ± 0.1M, driven by
 * December seasonality".
 */
import type { Band } from "../../forecast/index.ts";
import { dayFromYmd } from "../../time/calendar.ts";
import type { Grain } from "./periods.ts";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** A period drives the forecast when its value is at least this many times the horizon's mean per period. */
export const PEAK_RATIO = 1.25;

export interface ReadingInput {
  readonly grain: Grain;
  /** The forecast periods' labels (`YYYY-MM-DD`, or `YYYY-MM` for months) and point forecasts, in order. */
  readonly periods: readonly { readonly label: string; readonly value: number }[];
  /** The horizon's total with its intervals. */
  readonly total: Band;
  readonly point: "mean" | "median";
}

/**
 * `<horizon>: <total> ± <half the 95% interval of the total>[, driven by <season>
 * seasonality]`, numbers in k/M/B with one decimal (none when the total is
 * 100 or more of its unit). The clause names the season of the
 * period with the largest forecast (its month, weekday or ISO week) when
 * that forecast is at least 1.25 times the horizon's mean per period;
 * " (median)" follows the total when the point forecast is a median.
 *
 * @example forecastReading({ grain: "month", periods: [{ label: "2024-10", value: 300e3 }, { label: "2024-11", value: 350e3 }, { label: "2024-12", value: 550e3 }], total: { value: 1.2e6, lo95: 1.1e6, hi95: 1.3e6, lo80: 1.15e6, hi80: 1.25e6 }, point: "mean" }); // => "next quarter: 1.2M ± 0.1M, driven by December seasonality"
 */
export function forecastReading(input: ReadingInput): string {
  const { grain, periods, total } = input;
  const h = periods.length;
  const half = (total.hi95 - total.lo95) / 2;
  const unit = compactUnit(Math.max(Math.abs(total.value), Math.abs(half)));
  const digits = Math.abs(total.value) / unit.divisor >= 100 ? 0 : 1;
  let text = `${horizonPhrase(grain, h)}: ${compact(total.value, unit, digits)}${input.point === "median" ? " (median)" : ""} ± ${compact(half, unit, digits)}`;
  if (h > 1) {
    const mean = periods.reduce((s, p) => s + p.value, 0) / h;
    let peak = periods[0]!;
    for (const p of periods) if (p.value > peak.value) peak = p;
    if (mean > 0 && peak.value >= PEAK_RATIO * mean) text += `, driven by ${seasonName(grain, peak.label)} seasonality`;
  }
  return text;
}

/** @example horizonPhrase("month", 3); // => "next quarter" */
function horizonPhrase(grain: Grain, h: number): string {
  if (grain === "month" && h === 3) return "next quarter";
  if (grain === "month" && h === 12) return "next 12 months";
  return h === 1 ? `next ${grain}` : `next ${h} ${grain}s`;
}

function seasonName(grain: Grain, label: string): string {
  const year = Number(label.slice(0, 4));
  const month = Number(label.slice(5, 7));
  if (grain === "month") return MONTHS[month - 1]!;
  const day = dayFromYmd(year, month, Number(label.slice(8, 10)));
  if (grain === "day") return WEEKDAYS[(((day + 3) % 7) + 7) % 7]!;
  return `week ${isoWeekNumber(day)}`;
}

/** ISO 8601 week number of a day number (its Thursday's year). */
function isoWeekNumber(day: number): number {
  const weekday = (((day + 3) % 7) + 7) % 7; // Monday 0
  const thursday = day - weekday + 3;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  return Math.floor((thursday - dayFromYmd(year, 1, 1)) / 7) + 1;
}

interface Unit {
  readonly divisor: number;
  readonly suffix: string;
}

function compactUnit(magnitude: number): Unit {
  if (magnitude >= 1e9) return { divisor: 1e9, suffix: "B" };
  if (magnitude >= 1e6) return { divisor: 1e6, suffix: "M" };
  if (magnitude >= 1e3) return { divisor: 1e3, suffix: "k" };
  return { divisor: 1, suffix: "" };
}

/** `digits` decimals in the unit; two significant digits for a value that would round to 0. */
function compact(value: number, unit: Unit, digits: number): string {
  const v = value / unit.divisor;
  const text = v === 0 || Math.abs(v) >= 0.5 * 10 ** -digits ? v.toFixed(digits) : v.toPrecision(2);
  return `${text}${unit.suffix}`;
}
