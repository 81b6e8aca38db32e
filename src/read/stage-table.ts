/**
 * How a ClickHouse server's table becomes a staged dataset: its columns are
 * its headers, and its rows are numbered in the order of its key (the
 * configured columns, or every column), so that the first of two rows is
 * the same on every run. A row's place is the table and its key,
 * `shop.orders[order_id=A17]`, kept in the table `keys_<n>` (line → place).
 * A date-time column is an instant: its text carries `Z`, so the report
 * timezone applies to it as to a timestamp with a zone.
 */
import type { Engine } from "../engine/engine.ts";
import { firstLine, type FilePlan, type Staged } from "./stage.ts";

/** A `database.table` name as SQL. */
const tableName = (engine: Engine, name: string): string =>
  name
    .split(".")
    .map((part) => engine.dialect.ident(part))
    .join(".");

/** A table's column names and types; throws a one-line message naming the table when it cannot be read. */
export async function tableColumns(engine: Engine, name: string): Promise<{ headers: string[]; types: string[] }> {
  try {
    const rows = await engine.rows(`DESCRIBE TABLE ${tableName(engine, name)}`);
    return { headers: rows.map((r) => String(r["name"])), types: rows.map((r) => String(r["type"])) };
  } catch (e) {
    throw new Error(`${name}: cannot be read: ${firstLine(e)}`, { cause: e });
  }
}

const DATE_TIME = /^(Nullable\(|LowCardinality\()*DateTime/;

/** ClickHouse SQL: an instant column as text in UTC with `Z` (empty for NULL), so that it reads as a timestamp with a zone. */
export const instantText = (col: string): string => `if(isNull(${col}), '', concat(toString(${col}, 'UTC'), 'Z'))`;

/** Stages table `plan.file` as `raw_<n>`, with the place of each row in `keys_<n>`. */
export async function stageTable(engine: Engine, plan: FilePlan, n: number): Promise<Staged> {
  const d = engine.dialect;
  const table = `raw_${n}`;
  const types = plan.table!.types;
  const width = plan.headers.length;
  const key = plan.table!.key ?? plan.headers;
  for (const k of key) {
    if (!plan.headers.includes(k)) throw new Error(`${plan.file}: clickhouse.tables key column "${k}" is not a column (columns: ${plan.headers.join(", ")})`);
  }
  const cells = plan.headers.map((h, i) => `${DATE_TIME.test(types[i]!) ? instantText(d.ident(h)) : d.toText(d.ident(h))} AS c${i}`);
  const order = [...key, ...plan.headers.filter((h) => !key.includes(h))].map((h) => d.ident(h));
  try {
    await engine.run(
      `CREATE TABLE ${table} ENGINE = Memory AS SELECT row_number() OVER (ORDER BY ${order.join(", ")}) - 1 AS rec, ${cells.join(", ")} FROM ${tableName(engine, plan.file)}`,
    );
  } catch (e) {
    throw new Error(`${plan.file}: cannot be read: ${firstLine(e)}`, { cause: e });
  }
  const keyText = key.map((k, i) => `${d.string(`${i > 0 ? ", " : ""}${k}=`)}, c${plan.headers.indexOf(k)}`).join(", ");
  await engine.run(
    `CREATE TABLE keys_${n} ENGINE = Memory AS SELECT rec + 1 AS line, concat(${d.string(`${plan.file}[`)}, ${keyText}, ']') AS place FROM ${table}`,
  );
  // The table's checksum: the sum of a hash of each row's text, whatever the order.
  const [sum] = await engine.rows(`SELECT count() AS n, toString(sum(cityHash64(${plan.headers.map((_, i) => `c${i}`).join(", ")}))) AS h FROM ${table}`);
  return {
    file: plan.file,
    table,
    records: Number(sum!["n"]),
    shortOrLong: [],
    sha256: `cityHash64-sum:${String(sum!["h"])}`,
    places: `keys_${n}`,
    rows: (index) => `SELECT ${index} AS file, rec, rec + 1 AS line, ${Array.from({ length: width }, (_, i) => `c${i}`).join(", ")} FROM ${table}`,
  };
}
