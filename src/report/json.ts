/**
 * Deterministic JSON for the report: facts in a stable order and values
 * rounded to 12 significant digits, so the same inputs give the same bytes
 * and float noise from summation order never shows.
 */
import type { Fact, Report } from "../schema/report.ts";

/** @example roundValue(252057.19999999998); // => 252057.2 */
export function roundValue(v: number | null): number | null {
  if (v === null) return null;
  const r = Number(v.toPrecision(12));
  return Object.is(r, -0) ? 0 : r;
}

const isInteger = (s: string): boolean => /^-?\d+$/.test(s);

/** Text order, except that two whole numbers (such as ages) compare as numbers. */
function compareValues(a: string, b: string): number {
  if (isInteger(a) && isInteger(b)) return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** By id, then dim names, then dim values. */
export function compareFacts(a: Fact, b: Fact): number {
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  const ak = Object.keys(a.dims ?? {});
  const bk = Object.keys(b.dims ?? {});
  const names = compareValues(ak.join(","), bk.join(","));
  if (names !== 0) return names;
  for (const k of ak) {
    const c = compareValues(a.dims![k]!, b.dims![k]!);
    if (c !== 0) return c;
  }
  return 0;
}

/** The report as JSON; series keep their row order, with numbers (at any depth) rounded like facts. */
export function stringifyReport(report: Report): string {
  const facts = report.facts.map((f) => ({ ...f, value: roundValue(f.value) })).sort(compareFacts);
  const series = Object.fromEntries(
    Object.entries(report.series)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([name, rows]) => [name, roundDeep(rows)]),
  );
  return `${JSON.stringify({ ...report, facts, series }, null, 2)}\n`;
}

function roundDeep(value: unknown): unknown {
  if (typeof value === "number") return roundValue(value);
  if (Array.isArray(value)) return value.map(roundDeep);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundDeep(v)]));
  return value;
}
