/**
 * A data file staged in the engine: its records as text columns `c0` …,
 * each with its record index and line, before the row rules run. How a file
 * gets there is the engine's own (DuckDB's `read_csv` and `read_parquet`,
 * ClickHouse's `file()`); what it gives back is the same on every engine.
 */
import type { Engine } from "../engine/engine.ts";
import type { Kind } from "../schema/kinds.ts";
import { clickhouseFiles } from "./stage-clickhouse.ts";
import { duckdbFiles } from "./stage-duckdb.ts";

/** A data file recognised from its headers, to be staged. */
export interface FilePlan {
  readonly file: string;
  readonly kind: Kind;
  readonly columns: Readonly<Record<string, number>>;
  readonly headers: readonly string[];
  /** null for Parquet and tables. */
  readonly delimiter: string | null;
  /** For a server's table: its column types and the columns that name and order its rows (default: all). */
  readonly table?: { readonly types: readonly string[]; readonly key: readonly string[] | undefined };
}

/** A file staged as the engine table `table`. */
export interface Staged {
  readonly file: string;
  readonly table: string;
  /** Every record read, used or not. */
  readonly records: number;
  /** Lines of records with the wrong number of fields, in order: they are rejected before the row rules. */
  readonly shortOrLong: readonly number[];
  readonly sha256: string;
  /** For a table: the engine table of each row's place (`line`, `place`); a file's place is `file:line`. */
  readonly places?: string;
  /**
   * SQL: the records of the right width as `file` (the given index), `rec`
   * (a number that orders them as in the file), `line` and `c0` … `c<width-1>`
   * as text, empty for an empty field.
   */
  rows(index: number): string;
}

/** How an engine reads data files. */
export interface FileReader {
  /** A Parquet file's column names; throws a one-line message naming the file when it is not readable. */
  parquetHeaders(engine: Engine, path: string, label: string): Promise<string[]>;
  /** Stages one file as `raw_<n>`; throws a one-line message naming the file (and line and column) when it cannot be read. */
  stage(engine: Engine, dir: string, plan: FilePlan, n: number): Promise<Staged>;
}

/** The file reader of an engine's dialect. */
export function fileReader(engine: Engine): FileReader {
  const name = engine.dialect.name;
  if (name === "duckdb") return duckdbFiles;
  if (name === "clickhouse") return clickhouseFiles;
  throw new Error(`the ${name} engine reads no data files`);
}

/** SQL: the text cells c0 … of a staged table, empty text for NULL. */
export const textCells = (width: number): string => Array.from({ length: width }, (_, i) => `coalesce(c${i}, '') AS c${i}`).join(", ");

/** A Parquet file staged as `table`: every row is a record, and its line is its 0-based row number (the column `rec`) plus one. */
export async function stagedParquet(engine: Engine, plan: FilePlan, table: string, sha256: string, rec: string): Promise<Staged> {
  const [count] = await engine.rows(`SELECT count(*) AS n FROM ${table}`);
  const cells = textCells(plan.headers.length);
  return {
    file: plan.file,
    table,
    records: Number(count!["n"]),
    shortOrLong: [],
    sha256,
    rows: (index) => `SELECT ${index} AS file, ${rec} AS rec, ${rec} + 1 AS line, ${cells} FROM ${table}`,
  };
}

/** The first line of an engine's error message. */
export const firstLine = (e: unknown): string => ((e as Error).message ?? String(e)).split("\n")[0]!.trim();
