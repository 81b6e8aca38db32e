/**
 * ClickHouse, embedded: the `chdb` package runs ClickHouse in this process.
 * It is optional (a 500 MB native library): `npm install chdb` adds it, and
 * `ChdbEngine.open` says so when it is missing. Each session pins what
 * reductions assume of any engine (`sessionSettings`).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FORMAT, parseResult, resultColumns, resultRows, sessionSettings, type JsonResult } from "./clickhouse-session.ts";
import { clickhouseDialect, type Dialect } from "./dialect.ts";
import type { Engine, EngineLimits, ResultColumn } from "./engine.ts";

/** The part of chdb's API romi uses. */
export interface ChdbSession {
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
    // An optional package, not bundled: resolved at run time, where it may be absent.
    return (await import(/* @vite-ignore */ name)) as ChdbModule;
  } catch {
    throw new Error("the clickhouse engine needs chdb, ClickHouse embedded: npm install chdb");
  }
}

/** A setting's value as SQL. */
const settingValue = (v: string | number): string => (typeof v === "number" ? String(v) : `'${v.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`);

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
    for (const [k, v] of Object.entries(sessionSettings(limits))) session.query(`SET ${k} = ${settingValue(v)}`);
    return new ChdbEngine(session, path);
  }

  async run(sql: string): Promise<void> {
    await this.session.queryAsync(sql, { format: FORMAT });
  }

  async rows(sql: string): Promise<Record<string, unknown>[]> {
    return resultRows(await this.read(sql));
  }

  async columns(sql: string, numeric: ReadonlySet<string>, exact?: ReadonlySet<string>): Promise<Record<string, ResultColumn>> {
    return resultColumns(await this.read(sql), numeric, exact);
  }

  close(): void {
    this.session.cleanup();
    rmSync(this.path, { recursive: true, force: true });
  }

  private async read(sql: string): Promise<JsonResult> {
    return parseResult((await this.session.queryAsync(sql, { format: FORMAT })).text());
  }
}
