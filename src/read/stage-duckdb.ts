/**
 * How DuckDB reads data files: CSV, TSV and TXT (gzipped or not) with its
 * CSV reader, given the columns and with `auto_detect` off, its rejects
 * table giving the lines of records of the wrong width and the place of
 * a malformed one; Parquet with `read_parquet`. A staged table keeps the
 * file's record order in `rowid` (the engine preserves insertion order).
 */
import { join } from "node:path";
import { EngineMemoryError, type Engine } from "../engine/engine.ts";
import { NOT_UTF8, quoteProblem } from "./csv-check.ts";
import { sha256 } from "./files.ts";
import { firstLine, stagedParquet, textCells, type FileReader, type FilePlan, type Staged } from "./stage.ts";

/** Column types of a Parquet file: its column names are its headers. */
async function parquetHeaders(engine: Engine, path: string, label: string): Promise<string[]> {
  try {
    const rows = await engine.rows(`DESCRIBE SELECT * FROM read_parquet(${engine.dialect.string(path)})`);
    return rows.map((r) => String(r["column_name"]));
  } catch (e) {
    throw new Error(`${label}: not a readable Parquet file: ${firstLine(e)}`, { cause: e });
  }
}

/** Text that no field holds: the lenient CSV reader's NULL, so that an empty field reads as empty text. */
const NO_NULL = "\u0001romi: no null\u0001";

/** romi's message for a CSV reader error, with its column when the reader's own is vague. */
function csvProblem(type: string, message: string, text: string, delimiter: string, column: number): string {
  if (type === "UNQUOTED VALUE") {
    const problem = quoteProblem(text, delimiter);
    return problem ? `${problem.column}: ${problem.message}` : `${column}: malformed quoted field`;
  }
  if (type === "INVALID ENCODING") return `${column}: ${NOT_UTF8}`;
  if (type === "LINE SIZE OVER MAXIMUM") return `${column}: a line is longer than 2 MB`;
  return `${column}: ${message}`;
}

/** Loads one file into `raw_<n>`; throws a one-line message naming the file (and line and column) when it cannot be read. */
async function stage(engine: Engine, dir: string, plan: FilePlan, n: number): Promise<Staged> {
  const d = engine.dialect;
  const path = join(dir, plan.file);
  const table = `raw_${n}`;
  const hash = await sha256(path);
  if (plan.delimiter === null) {
    const cols = plan.headers.map((h, i) => `${d.toText(d.ident(h))} AS c${i}`);
    try {
      await engine.run(`CREATE TABLE ${table} AS SELECT ${cols.join(", ")}, file_row_number FROM read_parquet(${d.string(path)}, file_row_number = true)`);
    } catch (e) {
      if (e instanceof EngineMemoryError) throw e;
      throw new Error(`${plan.file}: not a readable Parquet file: ${firstLine(e)}`, { cause: e });
    }
    return stagedParquet(engine, plan, table, hash, "file_row_number");
  }
  const columns = plan.headers.map((_, i) => `'c${i}': 'VARCHAR'`);
  const options = (strict: boolean): string =>
    [
      `columns = {${(strict ? columns : [...columns, `'extra': 'VARCHAR'`]).join(", ")}}`,
      "header = true",
      "auto_detect = false",
      `delim = ${d.string(plan.delimiter!)}`,
      `quote = '"'`,
      `escape = '"'`,
      `null_padding = ${!strict}`,
      `strict_mode = ${strict}`,
      // Lenient: an empty field is empty text, a field the record lacks is NULL.
      ...(strict ? [] : [`nullstr = ${d.string(NO_NULL)}`]),
      "store_rejects = true",
      `rejects_table = 'rej_${n}'`,
      `rejects_scan = 'scan_${n}'`,
    ].join(", ");
  let strict = true;
  try {
    await engine.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv(${d.string(path)}, ${options(true)})`);
  } catch (e) {
    // DuckDB's strict reader refuses a file whose lines end in both LF and
    // CRLF (CDNOW's header ends in LF, its records in CRLF); its lenient one
    // reads it, and the record widths are checked here instead.
    if (e instanceof EngineMemoryError) throw e;
    if (!/invalid state/i.test(firstLine(e))) throw new Error(`${plan.file}: cannot be read: ${firstLine(e)}`, { cause: e });
    strict = false;
    try {
      await engine.run(`CREATE TABLE ${table} AS SELECT * FROM read_csv(${d.string(path)}, ${options(false)})`);
    } catch (e2) {
      if (e2 instanceof EngineMemoryError) throw e2;
      throw new Error(`${plan.file}: cannot be read: ${firstLine(e2)}`, { cause: e2 });
    }
  }
  const rejects = await engine.rows(
    `SELECT line, byte_position - line_byte_position AS col, error_type AS type, error_message AS message, csv_line AS text FROM rej_${n} ORDER BY line, byte_position`,
  );
  const shortOrLong: number[] = [];
  for (const r of rejects) {
    const type = String(r["type"]);
    if (type === "MISSING COLUMNS" || type === "TOO MANY COLUMNS") shortOrLong.push(Number(r["line"]));
    else
      throw new Error(
        `${plan.file}:${Number(r["line"])}:${csvProblem(type, String(r["message"]), String(r["text"] ?? ""), plan.delimiter, Math.max(1, Number(r["col"])))}`,
      );
  }
  if (!strict) {
    const last = `c${plan.headers.length - 1}`;
    const wrong = await engine.columns(`SELECT rowid + 2 AS line FROM ${table} WHERE ${last} IS NULL OR extra IS NOT NULL ORDER BY rowid`, new Set(["line"]));
    shortOrLong.push(...(wrong["line"] as Float64Array));
  }
  const [count] = await engine.rows(`SELECT count(*) AS n FROM ${table}`);
  const records = Number(count!["n"]) + (strict ? shortOrLong.length : 0);
  return { file: plan.file, table, records, shortOrLong, sha256: hash, rows: (index) => csvRows(table, index, plan.headers.length, strict, shortOrLong) };
}

/**
 * SQL: the records of a staged CSV file with `file`, `rec` (its index among
 * the records the reader kept) and `line`. The strict reader left out the
 * records of the wrong width; the lenient one kept them, marked by a NULL
 * last column or a non-NULL `extra`.
 */
function csvRows(table: string, index: number, width: number, strict: boolean, shortOrLong: readonly number[]): string {
  const cells = textCells(width);
  if (!strict) return `SELECT ${index} AS file, rowid AS rec, rowid + 2 AS line, ${cells} FROM ${table} WHERE c${width - 1} IS NOT NULL AND extra IS NULL`;
  if (shortOrLong.length === 0) return `SELECT ${index} AS file, rowid AS rec, rowid + 2 AS line, ${cells} FROM ${table}`;
  // A record kept at index k sits after the rejected records before it:
  // the i-th rejected line (0-based) sits before kept index line_i - 2 - i.
  const gaps = shortOrLong.map((line, i) => `(${line - 2 - i}, ${i + 1})`).join(", ");
  return `SELECT ${index} AS file, rowid AS rec, rowid + 2 + coalesce((SELECT max(shift) FROM (VALUES ${gaps}) AS g(pos, shift) WHERE g.pos <= rowid), 0) AS line, ${cells} FROM ${table}`;
}

/** DuckDB's file reader. */
export const duckdbFiles: FileReader = { parquetHeaders, stage };
