/**
 * One tolerant reader for a metrics.json written by any romi: the version
 * archive (`content/versions/*.json`) and `romi diff` read old reports
 * through it, so that a schema bump never breaks an archive.
 *
 * What changed between schemas, and what an older report becomes:
 * - schema 1 → 2: series rows are typed (booleans, lists, nested records
 *   where schema 1 had 1/0 and joined text). A schema-1 flag (1/0) is read
 *   as a boolean; a series that still does not match today's rows is
 *   dropped, with its name in `dropped`. Facts, recommendations, warnings
 *   and the row accounting did not change, and are kept whole.
 * - within schema 2, the `share` unit: a report written before it says
 *   `ratio` for a share. It is valid as it is; the diff reads a known
 *   metric's unit from the catalogue, so its shares still show as percents.
 */
import { z } from "zod";
import { SERIES_ROWS, type Series } from "../analyses/series.ts";
import { REPORT_SCHEMA_VERSION, ReportSchema, type Report } from "./report.ts";

export type Upgraded = { readonly report: Report; readonly dropped: readonly string[] } | { readonly error: string };

/** `raw` (a parsed metrics.json) as a report of the current schema, or why it cannot be read. */
export function upgradeReport(raw: unknown): Upgraded {
  if (typeof raw !== "object" || raw === null || !("schema" in raw) || !("facts" in raw)) return { error: "not a romi metrics.json (no schema or facts)" };
  const schema = (raw as { schema: unknown }).schema;
  if (typeof schema !== "number" || !Number.isInteger(schema) || schema < 1 || schema > REPORT_SCHEMA_VERSION) {
    return { error: `unknown metrics.json schema version ${JSON.stringify(schema)} (this romi reads 1 to ${REPORT_SCHEMA_VERSION})` };
  }
  const dropped: string[] = [];
  let doc = raw as Record<string, unknown>;
  if (schema < REPORT_SCHEMA_VERSION) {
    const series: Record<string, unknown> = {};
    for (const [name, rows] of Object.entries((doc["series"] ?? {}) as Record<string, unknown>)) {
      const row = SERIES_ROWS[name as keyof typeof SERIES_ROWS] as z.ZodType | undefined;
      const read = row && Array.isArray(rows) ? z.array(row).safeParse(rows.map((r: unknown) => flagsAsBooleans(row, r))) : null;
      if (read?.success) series[name] = read.data;
      else dropped.push(name);
    }
    doc = { ...doc, schema: REPORT_SCHEMA_VERSION, series: series as Series };
  }
  const parsed = ReportSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { error: `not a valid romi metrics.json: ${issue.path.join(".") || "(top level)"}: ${issue.message}` };
  }
  return { report: parsed.data, dropped };
}

/** A schema-1 row with its 1/0 flags as booleans where today's row declares a boolean. */
function flagsAsBooleans(schema: z.ZodType, row: unknown): unknown {
  if (!(schema instanceof z.ZodObject) || typeof row !== "object" || row === null) return row;
  const out: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const v = out[key];
    if ((v === 0 || v === 1) && accepts(field, true) && !accepts(field, v)) out[key] = v === 1;
  }
  return out;
}

const accepts = (field: z.ZodType, value: unknown): boolean => field.safeParse(value).success;
