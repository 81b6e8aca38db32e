/**
 * Reads a data folder through the SQL engine: the I/O edge of romi.
 *
 * Every `*.csv`, `*.tsv` and `*.txt` file (optionally `.gz`) and every
 * `*.parquet` file below the folder (or, on a ClickHouse server, every table
 * named in `clickhouse.tables`) is recognised by its column names and
 * staged in the engine as text (`stage.ts`: each engine reads files its
 * own way); the row rules (`rules.ts`) then run as SQL, the same on every
 * engine. Files of one kind with the same headers form one dataset; files
 * of one kind with different headers are separate datasets, each named
 * after its first file.
 *
 * Per dataset the engine keeps `clean_<n>`: every row with its file, record
 * and line, its parsed values (`t<p>` the text of text role p, `v<p>` the
 * value of the others), and `final`, the reason it is rejected (NULL for a
 * row used), until the table `data_<n>` of the rows used is built from it;
 * the period clip, the analyses' reductions and `sources.ts` read that
 * table. Line numbers are the record's number plus one for the header:
 * exact when no field spans lines and no line is blank. A Parquet row's
 * "line" is its 1-based row number.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ClickHouseEngine } from "../engine/clickhouse.ts";
import type { Dialect } from "../engine/dialect.ts";
import { DuckDbEngine } from "../engine/duckdb.ts";
import type { Engine } from "../engine/engine.ts";
import type { Config } from "../schema/config.ts";
import {
  DICT_NAMES,
  FOLDED_DICTS,
  KIND_SPECS,
  ATTRIBUTE_PREFIX,
  READ_DICT_NAMES,
  type DictName,
  type Kind,
  type KindSpec,
  type ReadDictName,
  type RoleSpec,
} from "../schema/kinds.ts";
import type { Zone } from "../time/zone.ts";
import { detect } from "./detect.ts";
import { isParquet, listDataFiles, readCsvHeader } from "./files.ts";
import { Rejections, MAX_EXAMPLES } from "./rejections.ts";
import { isText, parseSql, type RoleColumn } from "./rules.ts";
import { fileReader, type FilePlan, type Staged } from "./stage.ts";
import { stageTable, tableColumns } from "./stage-table.ts";
import { Dict, type Dicts } from "./table.ts";
import type { DayRange } from "../time/calendar.ts";

export { listDataFiles } from "./files.ts";

/** A label of a folding dictionary that this dataset spelled in more than one way. */
export interface MergedLabel {
  readonly role: string;
  /** The label as shown: the most frequent spelling over every dataset. */
  readonly label: string;
  /** Each spelling in this dataset with its rows, most rows first. */
  readonly spellings: readonly { readonly text: string; readonly rows: number }[];
}

export interface LoadedDataset {
  readonly kind: Kind;
  /** Its kind, or its first file when a kind has several datasets. */
  readonly name: string;
  /** The engine table of the rows used (see `dataTableSql`). */
  readonly data: string;
  /** The roles present (and computed): text roles hold dictionary indices, the others numbers. */
  readonly textRoles: readonly string[];
  readonly numberRoles: readonly string[];
  /** Whether its file has the kind's dating column (undated campaign results do not). */
  readonly dates: boolean;
  /** Rows used, before the report period clips them. */
  readonly used: number;
  /** The first and last day of the rows used; null for a kind (or a file) without dates, or no rows. */
  readonly days: DayRange | null;
  /** Role → header text. */
  readonly columns: Readonly<Record<string, string>>;
  /** Its files (or a server's tables): `places` is the engine table of a table's row places (see `placesOf`). */
  readonly files: readonly { file: string; sha256: string; rows: number; places?: string }[];
  /** Every record read, used or rejected. */
  readonly rows: number;
  readonly rejections: Rejections;
  /** Labels merged case-insensitively from several spellings. */
  readonly labels: readonly MergedLabel[];
}

export interface LoadResult {
  readonly datasets: readonly LoadedDataset[];
  readonly ignored: readonly { file: string; reason: string }[];
  /** Files that cannot be used: a missing column, a malformed CSV, a corrupt Parquet file. */
  readonly errors: readonly string[];
  readonly dicts: Dicts;
}

const ATTRIBUTE: RoleSpec = { type: "label", required: false, aliases: [] };

const roleSpec = (spec: KindSpec, role: string): RoleSpec => {
  const found = spec.roles[role] ?? (spec.keepOthers && role.startsWith(ATTRIBUTE_PREFIX) ? ATTRIBUTE : undefined);
  if (!found) throw new Error(`${spec.kind} has no role ${role}`);
  return found;
};

/** A dataset being read: its plan, staged files and roles. */
interface Reading {
  readonly n: number;
  readonly kind: Kind;
  readonly name: string;
  readonly spec: KindSpec;
  readonly columns: Record<string, string>;
  readonly roles: readonly RoleColumn[];
  readonly staged: readonly Staged[];
}

/** The dictionary of a text role. */
const dictOf = (spec: RoleSpec): DictName => spec.dict ?? "label";
const folded = (spec: RoleSpec): boolean => FOLDED_DICTS.has(dictOf(spec));

/** SQL: the dictionary key of a text role's trimmed text `t`. */
const keyOf = (d: Dialect, spec: RoleSpec, t: string): string => (folded(spec) ? d.lower(t) : t);

/**
 * SQL creating `clean_<n>`: the parsed rows with `final`, the reason each is
 * rejected (NULL: used), and `kept` (used before the exposure rules). The
 * statements run in order; the last drops what the others made on the way.
 */
function cleanSql(d: Dialect, r: Reading, width: number): string[] {
  const { spec, roles } = r;
  const at = (role: string | undefined): number => (role === undefined ? -1 : roles.findIndex((x) => x.role === role));
  const dedup = spec.rejectsDuplicates(new Set(roles.map((x) => x.role)));
  const keys = dedup ? Array.from({ length: width }, (_, j) => `k${j}`) : [];
  const unique = at(spec.unique);
  const fold = roles.some((x) => isText(x.spec) && folded(x.spec));
  const seq = (t: string): string => `${t}file * 4294967296 + ${t}rec`;
  const joinKeys = keys.map((k) => `g.${k} = a.${k}`).join(" AND ");
  const statements: string[] = [];
  const drops: string[] = [];
  // kr: 1 for a row used so far that is the first of its group of equal rows (by `keys`), 2 for a later one.
  // ur: 2 for the first row of its group when an earlier such row has its `unique` id. first_ur: the ur of its group's first row.
  // Each is read from the first row (smallest seq) of a group, found by an aggregate: numbering every row in a window is far slower.
  let sql: string;
  if (unique < 0 && !fold) {
    // Unfolded, the keys are the trimmed text the row rules read, so equal rows parse alike and are all used or all rejected:
    // the groups need not know which rows are used, and the parse runs once. Only groups of two or more are joined.
    const groups =
      keys.length > 0 ? `SELECT ${keys.join(", ")}, min(${seq("")}) AS first_seq FROM parsed_${r.n} GROUP BY ${keys.join(", ")} HAVING count(*) > 1` : null;
    const ok = `SELECT *, reason IS NULL AS ok FROM parsed_${r.n}`;
    sql = groups
      ? `SELECT a.*, CASE WHEN g.first_seq IS NULL OR g.first_seq = ${seq("a.")} THEN 1 ELSE 2 END AS kr, 1 AS ur, 1 AS first_ur FROM (${ok}) AS a LEFT JOIN (${groups}) AS g ON ${joinKeys}`
      : `SELECT *, 1 AS kr, 1 AS ur, 1 AS first_ur FROM (${ok}) AS a`;
  } else {
    // Folded keys can join a used row with a rejected one, and ids are unique among the rows used: the groups
    // need `ok`, so the parsed rows are kept in a table first.
    statements.push(`CREATE TABLE ok_${r.n} AS SELECT *, reason IS NULL AS ok, ${seq("")} AS seq FROM parsed_${r.n}`);
    drops.push(`DROP TABLE ok_${r.n}`);
    if (keys.length > 0) {
      const groups = `SELECT ${keys.join(", ")}, min(seq) AS first_seq FROM ok_${r.n} WHERE ok GROUP BY ${keys.join(", ")} HAVING count(*) > 1`;
      sql = `SELECT a.*, CASE WHEN a.ok AND g.first_seq IS NOT NULL AND g.first_seq <> a.seq THEN 2 ELSE 1 END AS kr, g.first_seq AS group_seq FROM ok_${r.n} AS a LEFT JOIN (${groups}) AS g ON ${joinKeys}`;
    } else sql = `SELECT *, 1 AS kr, NULL AS group_seq FROM ok_${r.n}`;
    if (unique >= 0) {
      // The first used row with an id is the first of its group of equal rows (the rows of a group share the id).
      const firsts = `SELECT t${unique} AS uid, min(seq) AS first_u FROM ok_${r.n} WHERE ok GROUP BY t${unique} HAVING count(*) > 1`;
      sql = `SELECT b.*, CASE WHEN b.ok AND b.kr = 1 AND u.first_u IS NOT NULL AND u.first_u <> b.seq THEN 2 ELSE 1 END AS ur, CASE WHEN b.kr > 1 AND u.first_u <> b.group_seq THEN 2 ELSE 1 END AS first_ur FROM (${sql}) AS b LEFT JOIN (${firsts}) AS u ON u.uid = b.t${unique}`;
    } else sql = `SELECT *, 1 AS ur, 1 AS first_ur FROM (${sql}) AS b`;
  }
  const dup = `CASE WHEN NOT ok THEN NULL WHEN kr > 1 THEN (CASE WHEN first_ur = 1 THEN 'duplicate' ELSE 'duplicate id' END) WHEN ur > 1 THEN 'duplicate id' END`;
  sql = `SELECT *, ${dup} AS dup_reason FROM (${sql}) AS e`;
  sql = `SELECT *, ok AND dup_reason IS NULL AS kept FROM (${sql}) AS f`;
  const x = spec.exposure;
  if (x) {
    const unit = `t${at(x.unit)}`;
    const arm = keyOf(d, roles[at(x.arm)]!.spec, `t${at(x.arm)}`);
    const time = `v${at(x.time)}`;
    sql = `SELECT *, min(${arm}) OVER (PARTITION BY kept, ${unit}) <> max(${arm}) OVER (PARTITION BY kept, ${unit}) AS mixed, row_number() OVER (PARTITION BY kept, ${unit} ORDER BY ${time}, file, rec) AS xr FROM (${sql}) AS g`;
    sql = `SELECT *, coalesce(reason, dup_reason, CASE WHEN NOT kept THEN NULL WHEN mixed THEN 'contaminated' WHEN xr > 1 THEN 'repeated exposure' END) AS final FROM (${sql}) AS h`;
  } else sql = `SELECT *, coalesce(reason, dup_reason) AS final FROM (${sql}) AS h`;
  const derived = spec.derived && at(spec.derived.role) < 0 ? ["d0"] : [];
  const keep = [...roles.flatMap((x, p) => (isText(x.spec) ? [`t${p}`, `i${p}`] : [`v${p}`])), ...derived];
  statements.push(`CREATE TABLE clean_${r.n} AS SELECT file, rec, line, ${keep.join(", ")}, kept, final FROM (${sql}) AS i`, ...drops);
  return statements;
}

/**
 * The dedup key of raw column `j`: every field compares trimmed, as the row
 * rules read it (ClickHouse's CSV reader, reading rows of any width, drops
 * the spaces and tabs before a line's first field, so the raw text differs
 * between engines); with case-folded labels, in lower case too, but ids.
 */
function keyExpr(d: Dialect, roles: readonly RoleColumn[], j: number, fold: boolean): string {
  const raw = `c${j}`;
  if (!fold) return d.trim(raw);
  const role = roles.find((r) => r.column === raw);
  return role && isText(role.spec) && !folded(role.spec) ? d.trim(raw) : d.lower(d.trim(raw));
}

/**
 * Reads every data file below `dir`. Files that cannot be used are collected
 * in `errors` (so `romi validate` can list them all); the caller decides
 * whether to stop. Runs on `engine`, or on a DuckDB of its own.
 */
export async function loadDataDir(dir: string, config: Config, zone: Zone, engine?: Engine): Promise<LoadResult> {
  if (!engine) {
    const own = await DuckDbEngine.open();
    try {
      return await loadDataDir(dir, config, zone, own);
    } finally {
      await own.close();
    }
  }
  const d = engine.dialect;
  const reader = fileReader(engine);
  // A ClickHouse server reads the tables named in the config; every other engine, the data folder.
  const fromTables = engine instanceof ClickHouseEngine;
  const files = fromTables ? Object.keys(config.clickhouse.tables).sort() : await listDataFiles(dir);
  const plans: FilePlan[] = [];
  const ignored: { file: string; reason: string }[] = [];
  const errors: string[] = [];
  if (fromTables && existsSync(dir)) {
    for (const file of await listDataFiles(dir))
      ignored.push({ file, reason: `${file}: the ClickHouse server reads the tables in clickhouse.tables, not files` });
  }
  for (const file of files) {
    const settings = config.datasets[file];
    if (settings?.ignore) {
      ignored.push({ file, reason: "ignored in the config" });
      continue;
    }
    let headers: string[];
    let delimiter: string | null = null;
    let table: FilePlan["table"];
    try {
      if (fromTables) {
        const columns = await tableColumns(engine, file);
        headers = columns.headers;
        table = { types: columns.types, key: config.clickhouse.tables[file]!.key };
      } else if (isParquet(file)) headers = await reader.parquetHeaders(engine, join(dir, file), file);
      else {
        const header = await readCsvHeader(join(dir, file), file);
        if (!header) {
          errors.push(`${file}:1:1: empty file, expected a header line`);
          continue;
        }
        ({ headers, delimiter } = header);
      }
    } catch (e) {
      errors.push((e as Error).message);
      continue;
    }
    const found = detect(file, headers, settings);
    if (found.status === "error") errors.push(found.message);
    else if (found.status === "unknown") ignored.push({ file, reason: found.message });
    else plans.push({ file, kind: found.kind, columns: found.columns, headers, delimiter, ...(table ? { table } : {}) });
  }
  for (const key of Object.keys(config.datasets)) {
    if (!files.includes(key))
      errors.push(
        `config: datasets."${key}" names no ${fromTables ? "table" : "data file"} (${fromTables ? "tables" : "files"}: ${files.join(", ") || "none"})`,
      );
  }

  // Group files into datasets: same kind and same headers (and the same format).
  const groups = new Map<string, FilePlan[]>();
  for (const plan of plans) {
    const key = `${plan.kind}\u0000${plan.table ? "table" : plan.delimiter === null ? "parquet" : "text"}\u0000${plan.headers.join("\u0000")}`;
    const group = groups.get(key);
    if (group) group.push(plan);
    else groups.set(key, [plan]);
  }
  const perKind = new Map<Kind, number>();
  for (const group of groups.values()) perKind.set(group[0]!.kind, (perKind.get(group[0]!.kind) ?? 0) + 1);

  const readings: Reading[] = [];
  let fileCount = 0;
  for (const group of groups.values()) {
    const first = group[0]!;
    const spec = KIND_SPECS[first.kind];
    const staged: Staged[] = [];
    let failed = false;
    for (const plan of group) {
      try {
        staged.push(plan.table ? await stageTable(engine, plan, fileCount++) : await reader.stage(engine, dir, plan, fileCount++));
      } catch (e) {
        errors.push((e as Error).message);
        failed = true;
      }
    }
    if (failed) continue;
    const n = readings.length;
    const roles = Object.entries(first.columns).map(([role, i]) => ({ role, spec: roleSpec(spec, role), column: `c${i}` }));
    const width = first.headers.length;
    await engine.run(`CREATE VIEW src_${n} AS ${staged.map((s, i) => s.rows(i)).join(" UNION ALL ")}`);
    const fold = roles.some((r) => isText(r.spec) && folded(r.spec));
    const keys = spec.rejectsDuplicates(new Set(roles.map((r) => r.role)))
      ? Array.from({ length: width }, (_, j) => ({ name: `k${j}`, expr: keyExpr(d, roles, j, fold) }))
      : [];
    await engine.run(`CREATE VIEW parsed_${n} AS ${parseSql(d, `src_${n}`, roles, spec, zone.name, keys)}`);
    const reading: Reading = {
      n,
      kind: first.kind,
      name: perKind.get(first.kind)! > 1 ? first.file : first.kind,
      spec,
      columns: Object.fromEntries(Object.entries(first.columns).map(([role, i]) => [role, first.headers[i]!])),
      roles,
      staged,
    };
    for (const statement of cleanSql(d, reading, width)) await engine.run(statement);
    // The raw text is no longer needed: clean_<n> holds every row.
    await engine.run(`DROP VIEW parsed_${n}; DROP VIEW src_${n}; ${staged.map((s) => `DROP TABLE ${s.table};`).join(" ")}`);
    readings.push(reading);
  }

  const dicts = await buildDicts(engine, readings);
  const datasets: LoadedDataset[] = [];
  for (const r of readings) {
    await engine.run(dataTableSql(d, r));
    const dated = r.roles.some((x) => x.role === r.spec.when);
    const [span] = await engine.rows(`SELECT count(*) AS n${dated ? ", min(_day) AS lo, max(_day) AS hi" : ""} FROM data_${r.n}`);
    const derived = derivedRole(r);
    datasets.push({
      kind: r.kind,
      name: r.name,
      data: `data_${r.n}`,
      textRoles: r.roles.filter((x) => isText(x.spec)).map((x) => x.role),
      numberRoles: [...r.roles.filter((x) => !isText(x.spec)).map((x) => x.role), ...(derived ? [derived] : [])],
      dates: dated,
      used: Number(span!["n"]),
      days: dated && span!["lo"] !== null ? { from: Number(span!["lo"]), to: Number(span!["hi"]) } : null,
      columns: r.columns,
      files: r.staged.map((s) => ({ file: s.file, sha256: s.sha256, rows: s.records, ...(s.places ? { places: s.places } : {}) })),
      rows: r.staged.reduce((sum, s) => sum + s.records, 0),
      rejections: await account(engine, r),
      labels: await mergedLabels(engine, r, dicts),
    });
    // Every reduction reads data_<n>; the text is no longer needed.
    await engine.run(`DROP TABLE clean_${r.n}`);
  }
  return { datasets, ignored, errors, dicts };
}

/**
 * The dictionaries over every dataset: a label's index is the order in
 * which it is first met (datasets, files, records, then roles in order), and
 * a case-folded label is shown in its most frequent spelling among rows used
 * (ties: the first in code-unit order).
 */
async function buildDicts(engine: Engine, readings: readonly Reading[]): Promise<Dicts> {
  const d = engine.dialect;
  const out: Partial<Record<ReadDictName, Dict>> = {};
  // A place is encoded in 63 bits: dataset < 2^9, file < 2^16, record < 2^32, role < 2^6.
  if (readings.length >= 512) throw new Error(`too many datasets: ${readings.length} (at most 511)`);
  for (const name of DICT_NAMES) {
    const fold = FOLDED_DICTS.has(name);
    const seen: string[] = [];
    const kept: string[] = [];
    for (const r of readings) {
      r.roles.forEach((role, p) => {
        if (!isText(role.spec) || dictOf(role.spec) !== name) return;
        const key = keyOf(d, role.spec, `t${p}`);
        // Where a label is met, as one integer in (dataset, file, record, role) order.
        const place = `((${r.n} * 65536 + file) * 4294967296 + rec) * 64 + ${p}`;
        // Unfolded, a label is its own key: only a folded one needs its first spelling.
        const text = fold ? `${d.argMin(`t${p}`, place)} AS first_text, ` : "";
        seen.push(`SELECT ${key} AS key, ${text}min(${place}) AS first_place FROM clean_${r.n} WHERE i${p} GROUP BY ${key}`);
        if (fold) kept.push(`SELECT ${key} AS key, t${p} AS text FROM clean_${r.n} WHERE kept`);
      });
    }
    if (seen.length === 0) {
      // Empty, but there: a reduction may join a role no dataset has.
      await engine.run(`CREATE TABLE dict_${name} (key VARCHAR, label VARCHAR, idx BIGINT)`);
      if (isRead(name)) out[name] = Dict.fromLabels([], fold);
      continue;
    }
    // (Each alias differs from every column name: ClickHouse's aliases are seen everywhere in their query.)
    const firsts = `SELECT key, ${fold ? d.argMin("first_text", "first_place") : "key"} AS text, min(first_place) AS place FROM (${seen.join(" UNION ALL ")}) AS s GROUP BY key`;
    // A folded label is shown in its most frequent spelling among the rows used.
    const labelled = fold
      ? `SELECT f.key AS key, coalesce(s.spelling, f.text) AS label, f.place AS place FROM (${firsts}) AS f LEFT JOIN (SELECT key, text AS spelling FROM (SELECT key, text, row_number() OVER (PARTITION BY key ORDER BY count(*) DESC, text) AS r FROM (${kept.join(" UNION ALL ")}) AS k GROUP BY key, text) AS c WHERE r = 1) AS s ON s.key = f.key`
      : `SELECT key, text AS label, place FROM (${firsts}) AS f`;
    await engine.run(`CREATE TABLE dict_${name} AS SELECT key, label, row_number() OVER (ORDER BY place) - 1 AS idx FROM (${labelled}) AS l`);
    if (isRead(name)) out[name] = Dict.fromLabels(await readLabels(engine, `dict_${name}`), fold);
  }
  return out as Dicts;
}

const isRead = (name: DictName): name is ReadDictName => (READ_DICT_NAMES as readonly DictName[]).includes(name);

/** Every label of a dictionary, in index order, read from the engine: the only way to the labels of `ENGINE_DICTS`. */
export const dictLabels = (engine: Engine, name: DictName): Promise<string[]> => readLabels(engine, `dict_${name}`);

/** Labels per block of the text joined in one value: reading 600k labels one value at a time took 2.4 s, joined 0.3 s. */
const LABEL_BLOCK = 1_000_000;

/**
 * A dictionary's labels in index order. They come joined by newlines, in
 * blocks, and are split here; a dictionary with a label holding a newline
 * is read one value at a time.
 */
async function readLabels(engine: Engine, table: string): Promise<string[]> {
  const d = engine.dialect;
  const [lines] = await engine.rows(`SELECT count(*) AS n FROM ${table} WHERE label LIKE ${d.string("%\n%")}`);
  if (Number(lines!["n"]) > 0) return (await engine.columns(`SELECT label FROM ${table} ORDER BY idx`, new Set()))["label"] as string[];
  const blocks = await engine.rows(
    `SELECT ${d.idiv("idx", String(LABEL_BLOCK))} AS block, count(*) AS n, ${d.joinText("label", "\n", "idx")} AS text FROM ${table} GROUP BY block ORDER BY block`,
  );
  const labels: string[] = [];
  for (const b of blocks) {
    const part = String(b["text"]).split("\n");
    if (part.length !== Number(b["n"])) throw new Error(`${table}: ${part.length} labels read back, ${Number(b["n"])} expected`);
    for (const label of part) labels.push(label);
  }
  return labels;
}

/**
 * SQL creating the table `data_<n>`: the rows used of a dataset (in no
 * order: `_seq` gives file and record order), one column per role
 * (text roles as their dictionary index, -1 when empty; others as DOUBLE,
 * NULL when empty), with `_file` (index into the dataset's files), `_line`,
 * `_seq` (the row's place in file and record order) and, for a dated kind,
 * `_day` (the row's day number). The reductions of the analyses read these.
 */
function dataTableSql(d: Dialect, r: Reading): string {
  const select = ["c.file AS _file", "c.line AS _line", "c.file * 4294967296 + c.rec AS _seq"];
  const joins: string[] = [];
  r.roles.forEach((role, p) => {
    if (isText(role.spec)) {
      joins.push(`LEFT JOIN dict_${dictOf(role.spec)} AS j${p} ON j${p}.key = ${keyOf(d, role.spec, `c.t${p}`)}`);
      select.push(`CAST(coalesce(j${p}.idx, -1) AS INTEGER) AS ${d.ident(role.role)}`);
    } else select.push(`c.v${p} AS ${d.ident(role.role)}`);
  });
  const derived = derivedRole(r);
  if (derived) select.push(`c.d0 AS ${d.ident(derived)}`);
  const when = r.spec.when;
  const at = r.roles.findIndex((x) => x.role === when);
  if (at >= 0) select.push(`CAST(${r.roles[at]!.spec.type === "time" ? `floor(c.v${at} / ${86_400_000})` : `c.v${at}`} AS BIGINT) AS _day`);
  // No ORDER BY: sorting 30M rows is the load's largest memory need, and every reader orders by `_seq` itself.
  return d.createTable(`data_${r.n}`, `SELECT ${select.join(", ")} FROM clean_${r.n} AS c ${joins.join(" ")} WHERE c.final IS NULL`);
}

/** The role computed as a product of two others when its own column is absent (revenue = quantity × price), or null. */
const derivedRole = (r: Reading): string | null => (r.spec.derived && !r.roles.some((x) => x.role === r.spec.derived!.role) ? r.spec.derived.role : null);

/**
 * The places of rows given by file (index into `files`) and line, as the
 * user reads them: `file:line` for a file, `table[key=value]` for a table.
 */
export async function placesOf(
  engine: Engine,
  files: readonly { file: string; places?: string | undefined }[],
  rows: readonly { file: number; line: number }[],
): Promise<string[]> {
  const named = new Map<string, string>();
  for (const [f, entry] of files.entries()) {
    const lines = rows.filter((r) => r.file === f).map((r) => r.line);
    if (!entry.places || lines.length === 0) continue;
    const found = await engine.rows(`SELECT line, place FROM ${entry.places} WHERE line IN (${[...new Set(lines)].join(", ")})`);
    for (const p of found) named.set(`${f}:${Number(p["line"])}`, String(p["place"]));
  }
  return rows.map((r) => named.get(`${r.file}:${r.line}`) ?? `${files[r.file]!.file}:${r.line}`);
}

/** Rows rejected by reason, with the first places as `file:line`, in file and line order. */
async function account(engine: Engine, r: Reading): Promise<Rejections> {
  const rejections = new Rejections();
  const counts = await engine.rows(`SELECT final AS reason, count(*) AS n FROM clean_${r.n} WHERE final IS NOT NULL GROUP BY final`);
  const examples = await engine.rows(
    `SELECT reason, file, line FROM (SELECT final AS reason, file, line, row_number() OVER (PARTITION BY final ORDER BY file, line) AS k FROM clean_${r.n} WHERE final IS NOT NULL) AS e WHERE k <= ${MAX_EXAMPLES} ORDER BY reason, file, line`,
  );
  const named = await placesOf(
    engine,
    r.staged,
    examples.map((e) => ({ file: Number(e["file"]), line: Number(e["line"]) })),
  );
  const places = new Map<string, string[]>();
  examples.forEach((e, i) => {
    const reason = String(e["reason"]);
    places.set(reason, [...(places.get(reason) ?? []), named[i]!]);
  });
  const wrong = r.staged.flatMap((s) => s.shortOrLong.map((line) => `${s.file}:${line}`));
  if (wrong.length > 0) rejections.addCounted("wrong number of fields", wrong.length, wrong.slice(0, MAX_EXAMPLES));
  for (const c of counts) rejections.addCounted(String(c["reason"]), Number(c["n"]), places.get(String(c["reason"])) ?? []);
  return rejections;
}

/** The labels this dataset spelled in several ways, by role and label. */
async function mergedLabels(engine: Engine, r: Reading, dicts: Dicts): Promise<MergedLabel[]> {
  const d = engine.dialect;
  const out: MergedLabel[] = [];
  for (const [p, role] of r.roles.entries()) {
    if (!isText(role.spec) || !folded(role.spec)) continue;
    const key = keyOf(d, role.spec, `t${p}`);
    const rows = await engine.rows(
      `SELECT d.label AS label, s.text AS text, s.n AS n FROM (SELECT ${key} AS key, t${p} AS text, count(*) AS n FROM clean_${r.n} WHERE kept AND t${p} <> '' GROUP BY ${key}, t${p}) AS s JOIN dict_${dictOf(role.spec)} AS d ON d.key = s.key`,
    );
    const byLabel = new Map<string, { text: string; rows: number }[]>();
    for (const row of rows) {
      const label = String(row["label"]);
      byLabel.set(label, [...(byLabel.get(label) ?? []), { text: String(row["text"]), rows: Number(row["n"]) }]);
    }
    for (const [label, spellings] of byLabel) {
      if (spellings.length < 2) continue;
      out.push({ role: role.role, label, spellings: spellings.sort((a, b) => b.rows - a.rows || (a.text < b.text ? -1 : 1)) });
    }
  }
  void dicts;
  return out.sort((a, b) => (a.role < b.role ? -1 : a.role > b.role ? 1 : a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}
