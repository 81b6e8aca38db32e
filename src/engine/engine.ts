/**
 * The SQL engine seam: what romi asks of an engine. An engine runs SQL in
 * its dialect and returns small result tables; it is the only code that
 * talks to a database. DuckDB, embedded, is the default (`duckdb.ts`).
 */
import type { Dialect } from "./dialect.ts";

/** A column of a result: numbers (NULL as NaN) or text (NULL as null). */
export type ResultColumn = Float64Array | (string | null)[];

export interface Engine {
  readonly dialect: Dialect;
  /** Runs statements that return nothing (DDL, CREATE TABLE AS …). */
  run(sql: string): Promise<void>;
  /** The rows of a small result as objects: numbers as `number`, integers beyond 2^53 as `bigint`, text as `string`, NULL as `null`. */
  rows(sql: string): Promise<Record<string, unknown>[]>;
  /**
   * A result read column by column in batches, for results with many rows:
   * columns named in `numeric` come back as Float64Array (NULL as NaN);
   * those in `exact`, text of exact sums (`Dialect.nanoSum`), as Float64Array
   * of their nearest numbers (`fromNanos`; NULL as NaN); the others as text.
   */
  columns(sql: string, numeric: ReadonlySet<string>, exact?: ReadonlySet<string>): Promise<Record<string, ResultColumn>>;
  /** Releases the engine (and drops what it made on a server); it cannot be used after. */
  close(): void | Promise<void>;
}

/** How much of the machine an engine may use. */
export interface EngineLimits {
  /** Worker threads; default: the engine's own (the number of cores). */
  readonly threads?: number | undefined;
  /** Memory limit such as `2GB`; past it the engine spills to `tempDir`. */
  readonly memory?: string | undefined;
  /** Where spilled data goes; default: a folder in the system's temporary folder. */
  readonly tempDir?: string | undefined;
}

/**
 * The engine ran out of the memory it may use: the message names the limit
 * and romi's options, not the engine's own settings.
 */
export class EngineMemoryError extends Error {
  constructor(detail: string, limit: string, options?: ErrorOptions) {
    super(`out of memory: ${detail}, with a memory limit of ${limit}; raise it with --memory (e.g. --memory 8GB) or use fewer threads (--threads 1)`, options);
    this.name = "EngineMemoryError";
  }
}

const SIZE = /^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;

/** Checks `--memory`: a size such as `2GB` or `512MiB`. */
export function checkMemory(memory: string): string {
  if (!SIZE.test(memory.trim())) throw new Error(`invalid memory limit: ${memory} (expected a size such as 2GB or 512MiB)`);
  return memory.trim();
}

/** Bytes of a size such as `2GB` or `512MiB`. @example bytes("1KiB"); // => 1024 */
export function bytes(size: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMGT]?)(i?)B$/i.exec(checkMemory(size))!;
  const power = " KMGT".indexOf(m[2]!.toUpperCase() || " ");
  return Math.floor(Number(m[1]) * (m[3] ? 1024 : 1000) ** power);
}
