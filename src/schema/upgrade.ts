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
 * - schema 2 → 3: a recommendation no longer carries its sentence (`why`)
 *   but its `limits` and `findings`, and a segment's plan no longer its
 *   KPI, initiatives and format, which the site words from the rule. An
 *   older recommendation keeps its action, rule, numbers and confidence,
 *   with no limits or findings (the archive shows actions, not sentences).
 *   Series rows gained decided flags (a campaign comparison's `worse`, an
 *   experiment's `srm` …); a series that lacks them is dropped, as above.
 *   A share fact of an older report says `ratio`: it is valid as it is,
 *   and the diff reads a known metric's unit from the catalogue, so its
 *   shares still show as percents.
 * - schema 3 → 4: a warning carries its code and values, and the site
 *   words it. An older warning carried its sentence: it becomes an
 *   `archived` warning whose text is that sentence, its `{name}` numbers
 *   filled in, and keeps its dims.
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
  if (schema < 3 && Array.isArray(doc["recommendations"])) doc = { ...doc, recommendations: doc["recommendations"].map(recommendationOf2) };
  if (schema < 4 && Array.isArray(doc["warnings"])) doc = { ...doc, warnings: doc["warnings"].map(warningOf3) };
  if (schema < REPORT_SCHEMA_VERSION) {
    const series: Record<string, unknown> = {};
    for (const [name, rows] of Object.entries((doc["series"] ?? {}) as Record<string, unknown>)) {
      const row = Object.hasOwn(SERIES_ROWS, name) ? (SERIES_ROWS[name as keyof typeof SERIES_ROWS] as z.ZodType) : undefined;
      const read = row && Array.isArray(rows) ? z.array(row).safeParse(rows.map((r: unknown) => flagsAsBooleans(row, r))) : null;
      if (read?.success) series[name] = read.data;
      else dropped.push(name);
    }
    doc = { ...doc, series: series as Series };
  }
  doc = { ...doc, schema: REPORT_SCHEMA_VERSION };
  const parsed = ReportSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { error: `not a valid romi metrics.json: ${issue.path.join(".") || "(top level)"}: ${issue.message}` };
  }
  return { report: parsed.data, dropped };
}

/** A schema-2 recommendation as schema 3: no sentence, empty limits and findings, the plan's channel and reach only. */
function recommendationOf2(rec: unknown): unknown {
  if (typeof rec !== "object" || rec === null) return rec;
  const { plan, ...rest } = rec as Record<string, unknown>;
  const out: Record<string, unknown> = { ...rest, limits: {}, findings: [] };
  delete out["why"];
  if (typeof plan === "object" && plan !== null) {
    const { direction, channel, reach } = plan as Record<string, unknown>;
    out["plan"] = { direction, channel, reach };
  }
  return out;
}

/** A schema-3 warning (a sentence with `{name}` numbers) as an archived warning of schema 4. */
function warningOf3(w: unknown): unknown {
  if (typeof w !== "object" || w === null) return w;
  const { message, values, dims } = w as Record<string, unknown>;
  if (typeof message !== "string") return w;
  const numbers = (typeof values === "object" && values !== null ? values : {}) as Record<string, unknown>;
  const text = message.replace(/\{(\w+)\}/g, (all, name: string) => (Object.hasOwn(numbers, name) ? String(numbers[name]) : all));
  return { code: "archived", ...(dims === undefined ? {} : { dims }), values: { text } };
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
