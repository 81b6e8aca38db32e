/**
 * Number formatting for the report's locale and currency. Every formatter
 * shows a missing value as "n/a", never as 0.
 */
import type { Unit } from "../schema/report.ts";

export const MISSING = "n/a";

/**
 * A count with its noun, the noun singular for one.
 * @example counted(makeFormatter("en-US", "USD"), 1200, "row"); // => "1,200 rows"
 * @example counted(makeFormatter("en-US", "USD"), 1, "row has", "rows have"); // => "1 row has"
 */
export const counted = (fmt: Formatter, n: number, one: string, many = `${one}s`): string => `${fmt.number(n, 0)} ${n === 1 ? one : many}`;

export interface Formatter {
  /** A value in its unit: money, users, a ratio as a number, a share as a percentage, seconds, days, months. */
  (value: number | null | undefined, unit: Unit): string;
  /** Money with cents. */
  money(value: number | null | undefined): string;
  /** A share as a percentage, with up to `digits` decimals (default 1). */
  percent(value: number | null | undefined, digits?: number): string;
  /** A rate as a percentage to 3 significant digits, so that a CTR of 0.018% does not read as 0%. */
  rate(value: number | null | undefined): string;
  /** A plain number with up to `digits` decimals. */
  number(value: number | null | undefined, digits?: number): string;
  /** A plain number with exactly `digits` decimals (ratios compared in a sentence: "0.70"). */
  fixed(value: number | null | undefined, digits: number): string;
  /** A plain number to `digits` significant digits (a model parameter). */
  significant(value: number | null | undefined, digits: number): string;
  /** A number in scientific notation to `digits` significant digits: a parameter at the edge of its space ("9.5E11"). */
  scientific(value: number | null | undefined, digits: number): string;
  /** A number in the locale's compact notation, 3 significant digits: an axis tick ("1.2K", "0.2", "3M"). */
  compact(value: number | null | undefined): string;
  /** A number already written as text, with the currency's symbol where the locale puts it: "$4.0k", "4,0k €". */
  inCurrency(text: string): string;
}

/**
 * @example makeFormatter("en-US", "USD")(1234.5, "currency"); // => "$1,234.50"
 * @example makeFormatter("en-US", "USD")(0.1234, "share"); // => "12.3%"
 * @example makeFormatter("en-US", "USD")(null, "ratio"); // => "n/a"
 * @example makeFormatter("en-US", "USD").number(0.24251, 4); // => "0.2425"
 */
export function makeFormatter(locale: string, currency: string): Formatter {
  /**
   * Intl with the minus sign (U+2212) for negatives, as the tables' hand-made
   * signs: "−$29.47", never "-$29.47"; and no sign on a value that rounds to
   * zero ("$0.00", not "-$0.00").
   */
  const format = (options: Intl.NumberFormatOptions): { format: (v: number) => string } => {
    const f = new Intl.NumberFormat(locale, { ...options, signDisplay: "negative" });
    return { format: (v) => f.format(v).replace("-", "\u2212") };
  };
  const money = format({ style: "currency", currency, maximumFractionDigits: 2, minimumFractionDigits: 2 });
  const moneyBig = format({ style: "currency", currency, maximumFractionDigits: 0 });
  const percents = [0, 1, 2].map((d) => format({ style: "percent", maximumFractionDigits: d }));
  const numbers = new Map<number, { format: (v: number) => string }>();
  const missing = (v: number | null | undefined): v is null | undefined => v === null || v === undefined || !Number.isFinite(v);
  const num = (v: number | null | undefined, digits = 2): string => {
    if (missing(v)) return MISSING;
    const d = Math.min(20, Math.max(0, Math.round(digits)));
    let f = numbers.get(d);
    if (!f) numbers.set(d, (f = format({ maximumFractionDigits: d })));
    return f.format(v);
  };
  const fmt = ((value: number | null | undefined, unit: Unit): string => {
    if (missing(value)) return MISSING;
    switch (unit) {
      case "currency":
        return Math.abs(value) >= 10_000 ? moneyBig.format(value) : money.format(value);
      case "ratio":
        return num(value, 2);
      case "share":
        return percents[1]!.format(value);
      case "users":
      case "count":
        return num(value, value >= 100 ? 0 : 1);
      case "seconds":
        return value >= 120 ? `${num(value / 60, 1)} min` : `${num(value, 0)} s`;
      case "days":
        return `${num(value, 1)} d`;
      case "months":
        return `${num(value, 0)} mo`;
    }
  }) as Formatter;
  fmt.money = (v) => (missing(v) ? MISSING : money.format(v));
  fmt.percent = (v, digits = 1) => (missing(v) ? MISSING : percents[Math.min(2, Math.max(0, digits))]!.format(v));
  fmt.number = num;
  const rate = format({ style: "percent", maximumSignificantDigits: 3 });
  fmt.rate = (v) => (missing(v) ? MISSING : rate.format(v));
  /** A formatter by digits, each made once: `options(digits)` are its Intl options. */
  const byDigits = (options: (digits: number) => Intl.NumberFormatOptions): ((v: number | null | undefined, digits: number) => string) => {
    const made = new Map<number, { format: (v: number) => string }>();
    return (v, digits) => {
      if (missing(v)) return MISSING;
      let f = made.get(digits);
      if (!f) made.set(digits, (f = format(options(digits))));
      return f.format(v);
    };
  };
  fmt.fixed = byDigits((d) => ({ minimumFractionDigits: d, maximumFractionDigits: d }));
  fmt.significant = byDigits((d) => ({ maximumSignificantDigits: d }));
  fmt.scientific = byDigits((d) => ({ notation: "scientific", maximumSignificantDigits: d }));
  const compact = format({ notation: "compact", maximumSignificantDigits: 3 });
  fmt.compact = (v) => (missing(v) ? MISSING : compact.format(v));
  // What Intl writes before and after the digits of an amount: "$" and "" in en-US, "" and " €" in de-DE.
  const parts = new Intl.NumberFormat(locale, { style: "currency", currency }).formatToParts(1);
  const digits = (t: string): boolean => t === "integer" || t === "decimal" || t === "fraction" || t === "group";
  const first = parts.findIndex((p) => digits(p.type));
  const last = parts.length - 1 - [...parts].reverse().findIndex((p) => digits(p.type));
  const before = parts
    .slice(0, first)
    .map((p) => p.value)
    .join("");
  const after = parts
    .slice(last + 1)
    .map((p) => p.value)
    .join("");
  fmt.inCurrency = (text) => (text === MISSING ? text : text.startsWith("\u2212") ? `\u2212${before}${text.slice(1)}${after}` : `${before}${text}${after}`);
  return fmt;
}
