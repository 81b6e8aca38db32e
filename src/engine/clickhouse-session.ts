/**
 * What the two ClickHouse engines (embedded chdb and a server) share: the
 * session settings that every reduction assumes of an engine, and the
 * reading of results as JSON rows.
 */
import { fromNanos } from "./dialect.ts";
import { bytes, type EngineLimits, type ResultColumn } from "./engine.ts";

/** The result format: a line of names, a line of types, then a JSON array per row. */
export const FORMAT = "JSONCompactEachRowWithNamesAndTypes";

/**
 * The settings of a romi session on ClickHouse: the session time zone is
 * UTC, an unmatched LEFT JOIN gives NULL (`join_use_nulls`), a column's name
 * means the column even where an alias of that name is in scope
 * (`prefer_column_name_to_alias`, as in standard SQL), a CAST keeps NULL
 * (`cast_keep_nullable`, so `CAST(NULL AS DOUBLE)` is NULL as in SQL), and
 * 64-bit integers come back as text, so none loses digits on the way. The
 * limits set the threads and, past half the memory limit, grouping and
 * sorting spill to disk.
 */
export function sessionSettings(limits: EngineLimits): Record<string, string | number> {
  const settings: Record<string, string | number> = {
    session_timezone: "UTC",
    join_use_nulls: 1,
    prefer_column_name_to_alias: 1,
    cast_keep_nullable: 1,
    output_format_json_quote_64bit_integers: 1,
    output_format_json_quote_denormals: 0,
  };
  if (limits.threads !== undefined) settings["max_threads"] = limits.threads;
  if (limits.memory !== undefined) {
    const limit = bytes(limits.memory);
    settings["max_memory_usage"] = limit;
    settings["max_bytes_before_external_group_by"] = Math.floor(limit / 2);
    settings["max_bytes_before_external_sort"] = Math.floor(limit / 2);
  }
  return settings;
}

/** ClickHouse types whose values come back as text in JSON: 64-bit and wider integers. */
const WIDE_INT = /^(Nullable\()?U?Int(64|128|256)\b/;

/** A result in `FORMAT`, parsed. */
export interface JsonResult {
  readonly names: string[];
  readonly types: string[];
  readonly rows: unknown[][];
}

export function parseResult(text: string): JsonResult {
  const lines = text.split("\n").filter((l) => l.length > 0);
  if (lines.length < 2) return { names: [], types: [], rows: [] };
  return { names: JSON.parse(lines[0]!) as string[], types: JSON.parse(lines[1]!) as string[], rows: lines.slice(2).map((l) => JSON.parse(l) as unknown[]) };
}

/** A result's rows as `Engine.rows` gives them: a wide integer as a number when exact, else a bigint. */
export function resultRows({ names, types, rows }: JsonResult): Record<string, unknown>[] {
  return rows.map((row) => Object.fromEntries(row.map((v, i) => [names[i]!, plain(v, types[i]!)])));
}

/** A result's columns as `Engine.columns` gives them. */
export function resultColumns({ names, rows }: JsonResult, numeric: ReadonlySet<string>, exact: ReadonlySet<string> = new Set()): Record<string, ResultColumn> {
  const out: Record<string, ResultColumn> = {};
  names.forEach((name, c) => {
    out[name] = numeric.has(name)
      ? Float64Array.from(rows, (row) => (row[c] === null ? NaN : Number(row[c])))
      : exact.has(name)
        ? Float64Array.from(rows, (row) => (row[c] === null ? NaN : fromNanos(String(row[c]))))
        : rows.map((row) => (row[c] === null ? null : String(row[c])));
  });
  return out;
}

function plain(v: unknown, type: string): unknown {
  if (v === null || typeof v !== "string" || !WIDE_INT.test(type)) return v;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : BigInt(v);
}
