/**
 * The one shape of an analysis, and what the registry hands it.
 *
 * An analysis declares the dataset kinds it reads, whether it needs the
 * report period, and the named outputs of other analyses it uses (and those
 * it provides). It has two stages:
 * - `reductions`: SQL over the datasets (`Sources`) that returns small,
 *   exact tables (counts, exact sums, day numbers, firsts with a complete
 *   tie-break), written once against the engine's dialect;
 * - `run`: a pure function from those tables (and, for analyses not yet
 *   moved to reductions, the rows) and the config to facts, series and
 *   warnings.
 * `src/report/analyses.ts` lists every analysis in one array and runs them
 * in one loop, checking the declarations; nothing builds a context by hand
 * for one analysis.
 */
import { fromNanos, type Dialect } from "../engine/dialect.ts";
import type { ResultColumn } from "../engine/engine.ts";
import { concatTables, type Dicts, type Table } from "../read/table.ts";
import type { Annotation } from "../schema/annotations.ts";
import type { Config } from "../schema/config.ts";
import type { DictName, Kind } from "../schema/kinds.ts";
import type { Fact, Warning } from "../schema/report.ts";
import type { DayRange } from "../time/calendar.ts";
import type { PeriodFrame } from "../time/period.ts";
import type { Series } from "./series.ts";

/** The named outputs one analysis lends to others, by name. */
export interface Outputs {
  /**
   * Each customer's segments by user index, `[RFM segment, k-means segment]`
   * (empty for a user who is not a customer of the period): the customer
   * analysis provides them; the basket filter and the CLV bands use them.
   */
  readonly segments: (user: number) => readonly string[];
  /**
   * Each visiting user's first session of the period (first touch), as an
   * engine table `(u, t, day, s, cohort)`: user index, wall ms, day number,
   * source index (-1: none given) and the complete month of `day` (-1:
   * none); null without visits. The funnel provides it; its own source
   * metrics and the budget credit buyers to sources with it.
   */
  readonly firstTouch: string | null;
}
export type OutputName = keyof Outputs;
/** The outputs that live in the engine as tables: an analysis provides them through `Analysis.tables`, and reductions read them from `Sources.tables`. */
export const TABLE_OUTPUTS = ["firstTouch"] as const satisfies readonly OutputName[];
export type TableOutput = (typeof TABLE_OUTPUTS)[number];
/** The engine tables reductions read: the table outputs, and `orders` (every orders dataset as one relation of orders, built once for all analyses: `orderTable`). */
export type TableName = TableOutput | "orders";

/**
 * A dataset as SQL. `relation` holds its rows used, clipped to the report
 * period (kinds with their own period are whole), with one column per role
 * present: a text role as its dictionary index (-1 when empty; the labels
 * are in the dictionaries), any other as DOUBLE (NULL when empty). Besides:
 * `_file` (the row's file, an index into the dataset's files), `_line`,
 * `_seq` (the row's place in file and record order, to break ties as
 * "first in the file") and, when `dated`, `_day` (its day number).
 */
export interface DatasetSource {
  /** The dataset's name: its kind, or its first file when a kind has several datasets. */
  readonly name: string;
  readonly relation: string;
  readonly roles: ReadonlySet<string>;
  /** Whether its rows have days (`_day`): a dated kind whose file has the dating column. */
  readonly dated: boolean;
}

/** What reductions are written against: the engine's dialect and every dataset by kind, in load order. */
export interface Sources {
  readonly dialect: Dialect;
  readonly datasets: Readonly<Partial<Record<Kind, readonly DatasetSource[]>>>;
  /**
   * The report period's days as a relation `(day, week, month)`: `week` the
   * index of the day's complete ISO week among the period's (-1: none),
   * `month` of its complete calendar month (-1: none). Weeks and months are
   * derived once, in TypeScript (`PeriodFrame`), never by an engine's date
   * functions. null without a report period.
   */
  readonly calendar: string | null;
  /** The report period's days; null without one. */
  readonly range: DayRange | null;
  /** A dictionary as a relation `(idx, label)`: the labels of a text role's indices. */
  labels(dict: DictName): string;
  /** The engine tables: `orders`, and the outputs the analysis uses or provides (null: there is none). */
  readonly tables: Readonly<Partial<Record<TableName, string | null>>>;
}

/**
 * One relation of every dataset of `kind` stacked in load order (as
 * `merged` stacks tables), with the `roles` listed (a role a dataset lacks
 * is -1 for a text role, NULL otherwise), `_day` when some dataset is dated
 * (NULL for one that is not), and `_seq` (which orders datasets, then
 * files, then records); null when there is none.
 */
export function stacked(sources: Sources, kind: Kind, roles: readonly { readonly role: string; readonly text: boolean }[]): string | null {
  const list = sources.datasets[kind] ?? [];
  if (list.length === 0) return null;
  const q = sources.dialect.ident;
  const parts = list.map((s, i) => {
    const cols = roles.map((r) => `${s.roles.has(r.role) ? q(r.role) : r.text ? "-1" : "CAST(NULL AS DOUBLE)"} AS ${q(r.role)}`);
    const day = list.some((x) => x.dated) ? [s.dated ? "_day" : "CAST(NULL AS BIGINT) AS _day"] : [];
    return `SELECT ${[...cols, ...day, `${i} * 281474976710656 + _seq AS _seq`].join(", ")} FROM ${s.relation}`;
  });
  return `(${parts.join(" UNION ALL ")})`;
}

/**
 * A SQL query returning a small, exact table; the columns in `numeric` come
 * back as numbers, those in `exact` (sums from `Dialect.nanoSum`) as their
 * nearest numbers (`decimals`), read batch by batch, and the others as text.
 * A reduction with a row per customer lists its sums in `exact`: their text
 * is never all held at once.
 */
export interface Reduction {
  readonly sql: string;
  readonly numeric: readonly string[];
  readonly exact?: readonly string[];
}

/** Several groups of reductions as one record; throws when two share a name (a spread would silently keep the last). */
export function joinReductions(...groups: Readonly<Record<string, Reduction>>[]): Record<string, Reduction> {
  const out: Record<string, Reduction> = {};
  for (const group of groups) {
    for (const [name, reduction] of Object.entries(group)) {
      if (name in out) throw new Error(`two reductions are named ${name}`);
      out[name] = reduction;
    }
  }
  return out;
}

/** The rows of a reduction, column by column. */
export type ResultTable = Readonly<Record<string, ResultColumn>>;

/** Runs reductions on the engine that holds the data. */
export interface Reducer {
  /** The datasets as SQL, clipped to `range` (null: no report period), with the engine tables given. */
  sources(range: DayRange | null, tables: Sources["tables"]): Sources;
  run(reduction: Reduction): Promise<ResultTable>;
  /** Creates the engine table `name` from a query (replacing one of that name); returns the name to read it by. */
  table(name: string, sql: string): Promise<string>;
}

export interface AnalysisInput {
  /** The tables of the kinds analyses read as rows (`Analysis.rows`), clipped to the report period (kinds with their own period are whole). */
  readonly tables: Readonly<Partial<Record<Kind, readonly Table[]>>>;
  /** Every dataset's name by kind, in the order of `tables` and of `Sources.datasets`. */
  readonly datasets: Readonly<Partial<Record<Kind, readonly string[]>>>;
  readonly dicts: Dicts;
  /** The report period; null only for analyses that do not need it, when no dataset is dated. */
  readonly frame: PeriodFrame | null;
  readonly config: Config;
  readonly annotations: readonly Annotation[];
  /** The outputs this analysis declared in `uses`, when the analysis providing them ran. */
  readonly outputs: Partial<Outputs>;
  /** The rows of each of its reductions, by name. */
  readonly reduced: Readonly<Record<string, ResultTable>>;
}

export interface AnalysisResult {
  readonly facts: Fact[];
  readonly warnings: Warning[];
  readonly series: Series;
  readonly outputs?: Partial<Outputs>;
}

export interface Analysis {
  readonly name: string;
  /** Kinds that must each have a dataset for the analysis to run. */
  readonly requires: readonly Kind[];
  /** Whether it needs the report period: it runs only when some dataset is dated. */
  readonly period: boolean;
  /** Outputs of analyses listed before it that it reads, when they ran. */
  readonly uses: readonly OutputName[];
  /** Outputs it gives to analyses listed after it. */
  readonly provides: readonly OutputName[];
  /** Kinds whose rows `run` still reads as tables (`input.tables`), until it moves to reductions; none for an analysis on reductions only. */
  readonly rows: readonly Kind[];
  /**
   * The engine tables it provides (outputs listed in `provides` whose value
   * is a table), as SQL; null: there is none. The registry creates each
   * once, before the reductions, which read them from `Sources.tables`.
   */
  readonly tables?: (sources: Sources, config: Config) => Partial<Record<TableOutput, string | null>>;
  /** Its SQL reductions, by name; the registry runs them before `run`. */
  readonly reductions?: (sources: Sources, config: Config) => Readonly<Record<string, Reduction>>;
  run(input: AnalysisInput): AnalysisResult;
}

/** The tables of a kind stacked into one (roles missing from some become empty values); null when there are none. */
export function merged(input: AnalysisInput, kind: Kind): Table | null {
  const list = input.tables[kind] ?? [];
  return list.length > 0 ? concatTables(list) : null;
}

/** The report period, which the registry guarantees to an analysis that declares `period: true`. */
export function periodOf(input: AnalysisInput): PeriodFrame {
  if (!input.frame) throw new Error("an analysis with period: true ran without a report period");
  return input.frame;
}

/** A numeric column of a reduction's result; throws when the reduction has no such column. */
export function numbers(table: ResultTable | undefined, column: string): Float64Array {
  const col = table?.[column];
  if (!(col instanceof Float64Array)) throw new Error(`reduction result has no numeric column ${column}`);
  return col;
}

/** A text column of a reduction's result (NULL as null); throws when the reduction has no such column. */
export function texts(table: ResultTable | undefined, column: string): readonly (string | null)[] {
  const col = table?.[column];
  if (!Array.isArray(col)) throw new Error(`reduction result has no text column ${column}`);
  return col;
}

/** A column of exact sums (`Dialect.nanoSum`) as numbers, NaN for NULL: read as text, or already as numbers when the reduction lists it in `exact`. */
export function decimals(table: ResultTable | undefined, column: string): Float64Array {
  const col = table?.[column];
  if (col instanceof Float64Array) return col;
  if (!Array.isArray(col)) throw new Error(`reduction result has no column ${column}`);
  return Float64Array.from(col, (v) => (v === null ? NaN : fromNanos(v)));
}
