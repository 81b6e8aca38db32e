/**
 * How ClickHouse reads data files, through its `file()` table function:
 * CSV, TSV and TXT (gzipped or not) with its CSV format, given the columns,
 * and Parquet. `_row_number` numbers the records (parsing on one thread, so
 * that it follows the file). ClickHouse's CSV reader is lenient where
 * DuckDB's strict one is not, so romi checks the quotes and the UTF-8 in
 * JavaScript first (`checkCsv`), and reads each field as nullable text, so
 * that a record's missing fields (NULL) tell from empty ones (''). A blank
 * line is skipped and not counted, as DuckDB does.
 */
import { join } from "node:path";
import type { Engine } from "../engine/engine.ts";
import { checkCsv } from "./csv-check.ts";
import { sha256 } from "./files.ts";
import { firstLine, stagedParquet, textCells, type FileReader, type FilePlan, type Staged } from "./stage.ts";
import { instantText } from "./stage-table.ts";

/** The text of ClickHouse's NULL in CSV: one no field holds, so that `\N` is text. */
const NO_NULL = "\u0001romi: no null\u0001";

async function parquetHeaders(engine: Engine, path: string, label: string): Promise<string[]> {
  try {
    const rows = await engine.rows(`DESCRIBE file(${engine.dialect.string(path)}, Parquet)`);
    return rows.map((r) => String(r["name"]));
  } catch (e) {
    throw new Error(`${label}: not a readable Parquet file: ${firstLine(e)}`, { cause: e });
  }
}

async function stage(engine: Engine, dir: string, plan: FilePlan, n: number): Promise<Staged> {
  const d = engine.dialect;
  const path = join(dir, plan.file);
  const table = `raw_${n}`;
  const width = plan.headers.length;
  if (plan.delimiter === null) {
    const hash = await sha256(path);
    // A timestamp adjusted to UTC is an instant (DuckDB reads it as TIMESTAMPTZ); ClickHouse's type does not tell, its metadata does.
    let instants: Set<string>;
    try {
      const meta = await engine.rows(
        `SELECT tupleElement(c, 1) AS name, tupleElement(c, 6) AS logical FROM (SELECT arrayJoin(columns) AS c FROM file(${d.string(path)}, ParquetMetadata))`,
      );
      instants = new Set(meta.filter((m) => /isAdjustedToUTC=true/.test(String(m["logical"]))).map((m) => String(m["name"])));
    } catch (e) {
      throw new Error(`${plan.file}: not a readable Parquet file: ${firstLine(e)}`, { cause: e });
    }
    const cols = plan.headers.map((h, i) => `${instants.has(h) ? instantText(d.ident(h)) : d.toText(d.ident(h))} AS c${i}`);
    try {
      await engine.run(`CREATE TABLE ${table} ENGINE = Memory AS SELECT _row_number AS rec, ${cols.join(", ")} FROM file(${d.string(path)}, Parquet)`);
    } catch (e) {
      throw new Error(`${plan.file}: not a readable Parquet file: ${firstLine(e)}`, { cause: e });
    }
    return stagedParquet(engine, plan, table, hash, "rec");
  }
  const { sha256: hash, problem } = await checkCsv(path, plan.delimiter);
  if (problem) throw new Error(`${plan.file}:${problem.line}:${problem.column}: ${problem.message}`);
  const structure = [...Array.from({ length: width }, (_, i) => `c${i} Nullable(String)`), "extra Nullable(String)"].join(", ");
  const settings = [
    "input_format_parallel_parsing = 0",
    "input_format_csv_skip_first_lines = 1",
    "input_format_csv_detect_header = 0",
    "input_format_csv_allow_variable_number_of_columns = 1",
    "input_format_csv_empty_as_default = 0",
    `format_csv_null_representation = ${d.string(NO_NULL)}`,
    "input_format_csv_trim_whitespaces = 0",
    "format_csv_allow_single_quotes = 0",
    `format_csv_delimiter = ${d.string(plan.delimiter)}`,
  ];
  const read = `file(${d.string(path)}, CSV, ${d.string(structure)})`;
  const first = `${table}_read`;
  try {
    await engine.run(`CREATE TABLE ${first} ENGINE = Memory AS SELECT _row_number AS r, * FROM ${read} SETTINGS ${settings.join(", ")}`);
  } catch (e) {
    throw new Error(`${plan.file}: cannot be read: ${firstLine(e)}`, { cause: e });
  }
  // A blank line reads as a record of NULLs: it is left out, and the records after it numbered on.
  const [blank] = await engine.rows(`SELECT count() AS n FROM ${first} WHERE c0 IS NULL`);
  const rec = Number(blank!["n"]) > 0 ? "row_number() OVER (ORDER BY r) - 1" : "r";
  await engine.run(`CREATE TABLE ${table} ENGINE = Memory AS SELECT ${rec} AS rec, * EXCEPT r FROM ${first} WHERE c0 IS NOT NULL; DROP TABLE ${first}`);
  const wrong = await engine.columns(`SELECT rec + 2 AS line FROM ${table} WHERE c${width - 1} IS NULL OR extra IS NOT NULL ORDER BY rec`, new Set(["line"]));
  const [count] = await engine.rows(`SELECT count() AS n FROM ${table}`);
  return {
    file: plan.file,
    table,
    records: Number(count!["n"]),
    shortOrLong: Array.from(wrong["line"] as Float64Array),
    sha256: hash,
    rows: (index) => `SELECT ${index} AS file, rec, rec + 2 AS line, ${textCells(width)} FROM ${table} WHERE c${width - 1} IS NOT NULL AND extra IS NULL`,
  };
}

/** ClickHouse's file reader. */
export const clickhouseFiles: FileReader = { parquetHeaders, stage };
