/**
 * ClickHouse, embedded: the `chdb` package runs ClickHouse in this process.
 * It is optional (a 500 MB native library): `npm install chdb` adds it, and
 * `ChdbEngine.open` says so when it is missing.
 *
 * Each session pins what reductions assume of any engine: the session time
 * zone is UTC, an unmatched LEFT JOIN gives NULL (`join_use_nulls`), a
 * column's name means the column even where an alias of that name is in
 * scope (`prefer_column_name_to_alias`, as in standard SQL), a CAST
 * keeps NULL (`cast_keep_nullable`, so `CAST(NULL AS DOUBLE)` is NULL as in
 * SQL), and 64-bit integers come back as text, so none loses digits on the
 * way.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { clickhouseDialect, type Dialect } from "./dialect.ts";
import { checkMemory, type Engine, type EngineLimits, type ResultColumn } from "./engine.ts";

/** The part of chdb's API romi uses. */
interface ChdbSession {
  query(sql: string, format?: string): string;
  queryAsync(sql: string, options?: { format?: string }): Promise<{ text(): string }>;
  cleanup(): void;
}
interface ChdbModule {
  Session: new (path?: string) => ChdbSession;
}

/** Loads chdb, or throws saying how to install it. */
export async function loadChdb(): Promise<ChdbModule> {
  const name = "chdb";
  try {
    return (await import(name)) as ChdbModule;
  } catch {
    throw new Error("the clickhouse engine needs chdb, ClickHouse embedded: npm install chdb");
  }
}

/** Bytes of a size such as `2GB` or `512MiB`. @example bytes("1KiB"); // => 1024 */
export function bytes(size: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]?)(i?)B$/i.exec(checkMemory(size))!;
  const power = " KMGT".indexOf(m[2]!.toUpperCase() || " ");
  return Math.floor(Number(m[1]) * (m[3] ? 1024 : 1000) ** power);
}

const FORMAT = "JSONCompactEachRowWithNamesAndTypes";
/** ClickHouse types whose values come back as text in JSON: 64-bit and wider integers. */
const WIDE_INT = /^(Nullable\()?U?Int(64|128|256)\b/;

export class ChdbEngine implements Engine {
  readonly dialect: Dialect = clickhouseDialect;
  private readonly session: ChdbSession;
  private readonly path: string;

  private constructor(session: ChdbSession, path: string) {
    this.session = session;
    this.path = path;
  }

  static async open(limits: EngineLimits = {}): Promise<ChdbEngine> {
    const { Session } = await loadChdb();
    const path = mkdtempSync(join(limits.tempDir ?? tmpdir(), "romi-chdb-"));
    const session = new Session(path);
    const settings: Record<string, string | number> = {
      session_timezone: "'UTC'",
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
      // Past half the limit, grouping and sorting spill to disk.
      settings["max_bytes_before_external_group_by"] = Math.floor(limit / 2);
      settings["max_bytes_before_external_sort"] = Math.floor(limit / 2);
    }
    for (const [k, v] of Object.entries(settings)) session.query(`SET ${k} = ${v}`);
    return new ChdbEngine(session, path);
  }

  async run(sql: string): Promise<void> {
    await this.session.queryAsync(sql, { format: FORMAT });
  }

  async rows(sql: string): Promise<Record<string, unknown>[]> {
    const { names, types, rows } = await this.read(sql);
    return rows.map((row) => Object.fromEntries(row.map((v, i) => [names[i]!, plain(v, types[i]!)])));
  }

  async columns(sql: string, numeric: ReadonlySet<string>): Promise<Record<string, ResultColumn>> {
    const { names, rows } = await this.read(sql);
    const out: Record<string, ResultColumn> = {};
    names.forEach((name, c) => {
      out[name] = numeric.has(name)
        ? Float64Array.from(rows, (row) => (row[c] === null ? NaN : Number(row[c])))
        : rows.map((row) => (row[c] === null ? null : String(row[c])));
    });
    return out;
  }

  close(): void {
    this.session.cleanup();
    rmSync(this.path, { recursive: true, force: true });
  }

  private async read(sql: string): Promise<{ names: string[]; types: string[]; rows: unknown[][] }> {
    const text = (await this.session.queryAsync(sql, { format: FORMAT })).text();
    const lines = text.split("\n").filter((l) => l.length > 0);
    if (lines.length < 2) return { names: [], types: [], rows: [] };
    return { names: JSON.parse(lines[0]!) as string[], types: JSON.parse(lines[1]!) as string[], rows: lines.slice(2).map((l) => JSON.parse(l) as unknown[]) };
  }
}

/** A JSON value as `Engine.rows` gives it: a wide integer as a number when exact, else a bigint. */
function plain(v: unknown, type: string): unknown {
  if (v === null || typeof v !== "string" || !WIDE_INT.test(type)) return v;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : BigInt(v);
}
