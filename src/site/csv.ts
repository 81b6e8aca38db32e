/**
 * The CSV downloads: a chart's rows or a table's cells. Rows are flattened
 * here and nowhere else: a nested object's fields become columns named
 * `field_key` (`reach_email`), a list becomes its JSON text, a boolean
 * `true`/`false`, and a missing value an empty cell, never 0.
 */
import { csvFormat } from "d3-dsv";
import type { DataRow } from "../charts/spec.ts";
import type { Table } from "./views.ts";

/** A chart's rows as CSV; the columns are every flattened key, in order of first appearance. */
export function csvOf(rows: readonly DataRow[]): string {
  const flat = rows.map((r) => flatten(r));
  const columns = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  return csvFormat(flat, columns);
}

/** A table's header and formatted cells as CSV. */
export function tableCsv(t: Table): string {
  return csvFormat(
    t.rows.map((row) => Object.fromEntries(t.columns.map((c, i) => [c, row[i] ?? ""]))),
    [...t.columns],
  );
}

/**
 * One row as flat text cells.
 * @example flatten({ segment: "A", reach: { email: 0.5 }, top: [{ label: "x", share: 1 }], ok: true, age: null }); // => { segment: "A", reach_email: "0.5", top: '[{"label":"x","share":1}]', ok: "true", age: "" }
 */
export function flatten(row: DataRow, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(row)) {
    const key = `${prefix}${k}`;
    if (v === null || v === undefined) out[key] = "";
    else if (Array.isArray(v)) out[key] = JSON.stringify(v);
    else if (typeof v === "object") Object.assign(out, flatten(v as DataRow, `${key}_`));
    else out[key] = String(v);
  }
  return out;
}
