/**
 * Parsers for single field values. Each returns NaN for text it cannot read,
 * never a default: the caller turns NaN into a rejected row.
 */
import { DAY_MS, dayFromYmd } from "../time/calendar.ts";
import type { Zone } from "../time/zone.ts";

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};
const int2 = (s: string, i: number): number => digit(s, i) * 10 + digit(s, i + 1);
const int4 = (s: string, i: number): number => int2(s, i) * 100 + int2(s, i + 2);

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** @example daysInMonth(2024, 2); // => 29 */
const daysInMonth = (y: number, m: number): number => (m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]!);

/**
 * A timestamp as wall-clock ms in the report timezone.
 *
 * Accepts `YYYY-MM-DD`, then optionally `T` or a space and `HH:MM`, `:SS`,
 * a fraction of a second, and a zone (`Z`, `+HH:MM`, `+HHMM`, `+HH`).
 * Without a zone the time is already wall-clock time; with one it is
 * converted to the report timezone.
 *
 * @example parseTimestamp("1970-01-02 00:00:01", utc); // => 86_401_000
 * @example parseTimestamp("2017-13-01", utc); // => NaN
 */
export function parseTimestamp(text: string, zone: Zone): number {
  const s = text.trim();
  if (s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  const y = int4(s, 0);
  const mo = int2(s, 5);
  const d = int2(s, 8);
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo))) return NaN;
  let ms = dayFromYmd(y, mo, d) * DAY_MS;
  let i = 10;
  if (i < s.length) {
    const sep = s[i];
    if (sep !== " " && sep !== "T") return NaN;
    const h = int2(s, i + 1);
    if (s[i + 3] !== ":") return NaN;
    const mi = int2(s, i + 4);
    let sec = 0;
    i += 6;
    if (s[i] === ":") {
      sec = int2(s, i + 1);
      i += 3;
      if (s[i] === "." || s[i] === ",") {
        let j = i + 1;
        let frac = 0;
        let scale = 1;
        while (j < s.length && !Number.isNaN(digit(s, j))) {
          if (scale < 1e9) {
            frac = frac * 10 + digit(s, j);
            scale *= 10;
          }
          j++;
        }
        if (j === i + 1) return NaN;
        sec += frac / scale;
        i = j;
      }
    }
    if (!(h >= 0 && h <= 23 && mi >= 0 && mi <= 59 && sec >= 0 && sec < 61)) return NaN;
    ms += h * 3_600_000 + mi * 60_000 + Math.round(sec * 1000);
    if (i < s.length) {
      const offset = parseOffset(s.slice(i));
      if (Number.isNaN(offset)) return NaN;
      return zone.toWall(ms - offset);
    }
  }
  return ms;
}

/** `Z`, `+HH:MM`, `+HHMM` or `+HH` in ms; NaN otherwise. */
function parseOffset(s: string): number {
  if (s === "Z" || s === "z") return 0;
  const m = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(s);
  if (!m) return NaN;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return (m[1] === "-" ? -1 : 1) * minutes * 60_000;
}

/**
 * A calendar date as a day number. A time part after the date is ignored,
 * so `2017-06-01 00:00:00` is a date too.
 * @example parseDate("1970-01-03"); // => 2
 */
export function parseDate(text: string): number {
  const s = text.trim();
  if (s.length < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return NaN;
  if (s.length > 10 && s[10] !== " " && s[10] !== "T") return NaN;
  const y = int4(s, 0);
  const mo = int2(s, 5);
  const d = int2(s, 8);
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo))) return NaN;
  return dayFromYmd(y, mo, d);
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A decimal number with a dot separator; empty text, thousands separators,
 * currency signs and `NaN`/`Infinity` are not numbers.
 * @example parseNumber(" 17.0 "); // => 17
 * @example parseNumber("1,5"); // => NaN
 */
export function parseNumber(text: string): number {
  const s = text.trim();
  return NUMBER.test(s) ? Number(s) : NaN;
}

const FLAGS: ReadonlyMap<string, number> = new Map(Object.entries({ "1": 1, "0": 0, true: 1, false: 0, yes: 1, no: 0, y: 1, n: 0, t: 1, f: 0 }));

/**
 * A yes/no value as 1 or 0; NaN for anything else.
 * @example parseFlag("Yes"); // => 1
 * @example parseFlag("0"); // => 0
 * @example parseFlag("maybe"); // => NaN
 */
export function parseFlag(text: string): number {
  return FLAGS.get(text.trim().toLowerCase()) ?? NaN;
}
