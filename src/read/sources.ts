/**
 * The loaded datasets as SQL, in the report period: each dataset's table of
 * its rows used (`load.ts`), clipped to the period. A dated kind without its
 * own period keeps the rows whose day is in the period; the others are
 * rejected as `outside period`. From the clipped rows come the sources of
 * the analyses' reductions and, for analyses that still read rows, the
 * columnar tables.
 */
import type { DatasetSource, Reducer, Sources } from "../analyses/analysis.ts";
import type { Dialect } from "../engine/dialect.ts";
import type { Engine } from "../engine/engine.ts";
import { KIND_SPECS, type Kind } from "../schema/kinds.ts";
import { isoWeekOf, type DayRange } from "../time/calendar.ts";
import { periodFrame } from "../time/period.ts";
import { placesOf, type LoadedDataset } from "./load.ts";
import { MAX_EXAMPLES } from "./rejections.ts";
import type { Table } from "./table.ts";

/** Whether the period clips this dataset: a dated kind without its own period, whose file has dates. */
export const isClipped = (d: LoadedDataset): boolean => d.dates && !KIND_SPECS[d.kind].ownPeriod;

/** SQL relation of a dataset's rows used within `range` (all of them when it is not clipped, or without a range). */
export function relation(d: LoadedDataset, range: DayRange | null): string {
  return range !== null && isClipped(d) ? `(SELECT * FROM ${d.data} WHERE _day BETWEEN ${range.from} AND ${range.to})` : d.data;
}

/**
 * Counts the rows of `d` outside `range` into its rejections as `outside
 * period` (with the first places in file order); returns the rows left.
 */
export async function clipToPeriod(engine: Engine, d: LoadedDataset, range: DayRange): Promise<number> {
  if (!isClipped(d)) return d.used;
  const outside = `_day NOT BETWEEN ${range.from} AND ${range.to}`;
  const [count] = await engine.rows(`SELECT count(*) AS n FROM ${d.data} WHERE ${outside}`);
  const n = Number(count!["n"]);
  if (n > 0) {
    const first = await engine.rows(`SELECT _file, _line FROM ${d.data} WHERE ${outside} ORDER BY _seq LIMIT ${MAX_EXAMPLES}`);
    d.rejections.addCounted(
      "outside period",
      n,
      await placesOf(
        engine,
        d.files,
        first.map((r) => ({ file: Number(r["_file"]), line: Number(r["_line"]) })),
      ),
    );
  }
  return d.used - n;
}

/**
 * Every dataset in the report period: the rows each keeps (clipped, the
 * rest counted as `outside period`), and the tables of the kinds in
 * `rowKinds`, which analyses still read as rows.
 */
export async function inPeriod(
  engine: Engine,
  datasets: readonly LoadedDataset[],
  range: DayRange | null,
  rowKinds: ReadonlySet<Kind>,
): Promise<{ used: number[]; tables: Table[] }> {
  const used: number[] = [];
  const tables: Table[] = [];
  for (const d of datasets) {
    used.push(range ? await clipToPeriod(engine, d, range) : d.used);
    if (rowKinds.has(d.kind)) tables.push(await readTable(engine, d, range));
  }
  return { used, tables };
}

/** The rows of `d` within `range` as a columnar table, in file and record order. */
export async function readTable(engine: Engine, d: LoadedDataset, range: DayRange | null): Promise<Table> {
  const q = engine.dialect.ident;
  const names = [...d.textRoles, ...d.numberRoles];
  const cols = await engine.columns(
    `SELECT _file, _line${names.map((n) => `, ${q(n)}`).join("")} FROM ${relation(d, range)} ORDER BY _seq`,
    new Set(["_file", "_line", ...names]),
  );
  return {
    kind: d.kind,
    name: d.name,
    length: (cols["_file"] as Float64Array).length,
    num: Object.fromEntries(d.numberRoles.map((n) => [n, cols[n] as Float64Array])),
    ref: Object.fromEntries(d.textRoles.map((n) => [n, Int32Array.from(cols[n] as Float64Array)])),
    file: Uint16Array.from(cols["_file"] as Float64Array),
    line: Uint32Array.from(cols["_line"] as Float64Array),
    files: d.files.map((f) => f.file),
  };
}

/** The period's days as a relation `(day, week, month)` (see `Sources.calendar`). */
export function calendar(range: DayRange, dialect: Dialect): string {
  const frame = periodFrame(range);
  const firstWeek = frame.weeks[0] ?? 0;
  const rows: number[][] = [];
  for (let i = 0; i < frame.days; i++) {
    const day = range.from + i;
    const w = (isoWeekOf(day) - firstWeek) / 7;
    rows.push([day, frame.weeks.length > 0 && w >= 0 && w < frame.weeks.length ? w : -1, frame.completeMonthOfDay[i]!]);
  }
  return dialect.values(["day", "week", "month"], rows);
}

/** Runs the analyses' reductions on `engine`, over `datasets` clipped to the period. */
export function engineReducer(engine: Engine, datasets: readonly LoadedDataset[]): Reducer {
  return {
    sources(range: DayRange | null, tables: Sources["tables"]): Sources {
      const byKind: Partial<Record<Kind, DatasetSource[]>> = {};
      for (const d of datasets) {
        (byKind[d.kind] ??= []).push({ name: d.name, relation: relation(d, range), roles: new Set([...d.textRoles, ...d.numberRoles]), dated: d.dates });
      }
      return {
        dialect: engine.dialect,
        datasets: byKind,
        calendar: range ? calendar(range, engine.dialect) : null,
        range,
        labels: (dict) => `dict_${dict}`,
        tables,
      };
    },
    run: (reduction) => engine.columns(reduction.sql, new Set(reduction.numeric), new Set(reduction.exact)),
    async table(name, sql) {
      const table = engine.dialect.ident(name);
      await engine.run(engine.dialect.createTable(table, sql));
      return table;
    },
  };
}
