/**
 * DuckDB, embedded (`@duckdb/node-api`): romi's default engine, with no
 * set-up. The session timezone is pinned to UTC and every conversion to the
 * report timezone is explicit (`Dialect.wallMs`); insertion order is kept,
 * so a table made from a file keeps the file's record order in `rowid`.
 * Past the memory limit (by default a quarter of the machine's memory)
 * DuckDB spills to the temporary folder instead of failing.
 */
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { duckdbDialect, fromNanos } from "./dialect.ts";
import { checkMemory, EngineMemoryError, type Engine, type EngineLimits, type ResultColumn } from "./engine.ts";

/** A value of a row as plain JavaScript: numbers, bigints beyond 2^53, text, null. */
function plain(v: DuckDBValue): unknown {
  if (v === null || typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "bigint") return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  return String(v);
}

export class DuckDbEngine implements Engine {
  readonly dialect = duckdbDialect;
  private readonly instance: DuckDBInstance;
  private readonly connection: DuckDBConnection;
  private readonly spill: string | null;
  /** The memory limit, as the user gave it or as romi chose it. */
  private readonly memory: string;

  private constructor(instance: DuckDBInstance, connection: DuckDBConnection, spill: string | null, memory: string) {
    this.instance = instance;
    this.connection = connection;
    this.spill = spill;
    this.memory = memory;
  }

  static async open(limits: EngineLimits = {}): Promise<DuckDbEngine> {
    const spill = limits.tempDir === undefined ? mkdtempSync(join(tmpdir(), "romi-duckdb-")) : null;
    const options: Record<string, string> = { temp_directory: limits.tempDir ?? spill!, preserve_insertion_order: "true" };
    if (limits.threads !== undefined) options["threads"] = String(limits.threads);
    options["memory_limit"] = limits.memory !== undefined ? checkMemory(limits.memory) : `${Math.max(256, Math.floor(totalmem() / 4 / 2 ** 20))}MiB`;
    const instance = await DuckDBInstance.create(":memory:", options);
    const connection = await instance.connect();
    await connection.run("SET TimeZone = 'UTC'");
    return new DuckDbEngine(instance, connection, spill, options["memory_limit"]);
  }

  /** Runs a step, turning DuckDB's out-of-memory error into an `EngineMemoryError` that names romi's options. */
  private async guard<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (e) {
      const first = String((e as Error).message ?? e).split("\n")[0]!;
      if (/^Out of Memory Error/i.test(first)) throw new EngineMemoryError(first.replace(/^Out of Memory Error:\s*/i, ""), this.memory, { cause: e });
      throw e;
    }
  }

  async run(sql: string): Promise<void> {
    await this.guard(() => this.connection.run(sql));
  }

  async rows(sql: string): Promise<Record<string, unknown>[]> {
    return this.guard(() => this.readRows(sql));
  }

  async columns(sql: string, numeric: ReadonlySet<string>, exact: ReadonlySet<string> = new Set()): Promise<Record<string, ResultColumn>> {
    return this.guard(() => this.readColumns(sql, numeric, exact));
  }

  private async readRows(sql: string): Promise<Record<string, unknown>[]> {
    const reader = await this.connection.runAndReadAll(sql);
    const names = reader.columnNames();
    return reader.getRows().map((row) => Object.fromEntries(row.map((v, i) => [names[i]!, plain(v)])));
  }

  private async readColumns(sql: string, numeric: ReadonlySet<string>, exact: ReadonlySet<string>): Promise<Record<string, ResultColumn>> {
    const result = await this.connection.stream(sql);
    const names = result.columnNames();
    // Numbers (and exact sums, read from their text chunk by chunk) go into one typed array per chunk, joined
    // once at the end: at most twice the column's size is held, where growing one array took three times.
    const asNumber = (n: string): boolean => numeric.has(n) || exact.has(n);
    const nums: (Float64Array[] | null)[] = names.map((n) => (asNumber(n) ? [] : null));
    const texts: ((string | null)[] | null)[] = names.map((n) => (asNumber(n) ? null : []));
    const sums = names.map((n) => exact.has(n));
    let length = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const n = chunk.rowCount;
      names.forEach((_, c) => {
        const vector = chunk.getColumnVector(c);
        const chunks = nums[c];
        if (chunks) {
          const col = new Float64Array(n);
          if (sums[c]) {
            for (let i = 0; i < n; i++) {
              const v = vector.getItem(i) as string | null;
              col[i] = v === null ? NaN : fromNanos(v);
            }
          } else {
            for (let i = 0; i < n; i++) {
              const v = vector.getItem(i) as number | bigint | null;
              col[i] = v === null ? NaN : Number(v);
            }
          }
          chunks.push(col);
        } else {
          const out = texts[c]!;
          for (let i = 0; i < n; i++) out.push(vector.getItem(i) as string | null);
        }
      });
      length += n;
    }
    const out: Record<string, ResultColumn> = {};
    names.forEach((name, c) => {
      const chunks = nums[c];
      if (!chunks) {
        out[name] = texts[c]!;
        return;
      }
      const col = new Float64Array(length);
      let at = 0;
      for (const part of chunks.splice(0)) {
        col.set(part, at);
        at += part.length;
      }
      out[name] = col;
    });
    return out;
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
    if (this.spill) rmSync(this.spill, { recursive: true, force: true });
  }
}
