/**
 * A SQL dialect: how one engine spells the few things that differ between
 * engines. Every identifier and every text value reaches SQL through
 * `ident` or `string`, never spliced, so a header such as `a"; DROP TABLE x`
 * is only a strange column name.
 *
 * Reductions are written once against this interface; an engine brings its
 * dialect. Known differences it settles:
 * - `7/2` is 3.5 in DuckDB and ClickHouse (3 in Postgres): integer division
 *   is always `idiv`, which truncates toward zero;
 * - `lower()` is ASCII-only in ClickHouse: `lower` folds Unicode everywhere;
 * - trimming: `trim` strips exactly JavaScript's white space (NBSP and
 *   U+FEFF included), so the engine and the rest of romi agree on a label;
 * - money: `nanos` rounds half away from zero with the same floating-point
 *   steps on every engine (ClickHouse's `round` rounds half to even), and
 *   sums 128-bit integers (ClickHouse's Int64 `sum` wraps silently);
 * - text literals: ClickHouse reads a backslash in a string as an escape.
 *
 * Other differences the reductions avoid rather than settle: an unmatched
 * LEFT JOIN gives NULL only with ClickHouse's `join_use_nulls = 1` (its
 * engine sets it); weeks and months come from `Sources.calendar`, never
 * from `toStartOfWeek` (Sunday in ClickHouse) or `date_trunc`; quantiles
 * are computed in TypeScript from exact histograms (ClickHouse's
 * `quantile` samples); nothing samples or deduplicates by an engine's
 * `hash`; and a number is never turned into text in SQL (`toString(1.0)`
 * is "1" in ClickHouse, "1.0" in DuckDB) except by `toText`, on text and
 * whole numbers.
 */

/** The characters `String.prototype.trim` strips (ECMAScript WhiteSpace and LineTerminator). */
export const JS_WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

export interface Dialect {
  readonly name: string;
  /** A quoted identifier. @example duckdb.ident('a"b'); // => '"a""b"' */
  ident(name: string): string;
  /** A text literal. @example duckdb.string("it's"); // => "'it''s'" */
  string(text: string): string;
  /** Unicode lower case of a text expression. */
  lower(expr: string): string;
  /** A text expression without JavaScript white space at either end. */
  trim(expr: string): string;
  /** Whether a text expression matches an RE2 pattern in full. */
  matches(expr: string, pattern: string): string;
  /** The `count` capture groups of an RE2 pattern over a text expression, as one value for `group`. */
  captures(expr: string, pattern: string, count: number): string;
  /** Group `i` (1-based) of a `captures` value: empty text when the group did not take part or the pattern did not match. */
  group(captures: string, i: number): string;
  /** Text to DOUBLE, NULL when it is not a number (the caller checks the syntax first). */
  toDouble(expr: string): string;
  /** Text of digits to a 64-bit integer. */
  toInt(expr: string): string;
  /** Integer division truncating toward zero. */
  idiv(a: string, b: string): string;
  /** Any value as text; NULL becomes empty text. */
  toText(expr: string): string;
  /**
   * A fast path for the most common timestamp text: the wall-clock ms
   * (BIGINT) of text that is exactly `YYYY-MM-DD HH:MM:SS` (or with `T`),
   * with a year from 1000, an hour to 23 and minutes and seconds to 59, by
   * the engine's own timestamp cast; NULL for any other text, and for a day
   * that does not exist. The row rules give such text the same value
   * (`timestampValue`) and read every other text by the general rule. null
   * when the dialect has no such path.
   */
  strictWallMs(expr: string): string | null;
  /** Wall-clock ms in IANA zone `zone` of an instant given as epoch ms (BIGINT). */
  wallMs(instantMs: string, zone: string): string;
  /**
   * The instant (epoch ms) of a wall-clock time in `zone` (BIGINT ms): when
   * the clocks went back and the time happened twice, the earlier; in a gap
   * when they went forward, the time read with the offset before the change
   * (as `Zone.toInstant`).
   */
  instantMs(wallMs: string, zone: string): string;
  /**
   * A number as a whole count of 1e-9 (the value rounded to 9 decimals), a
   * 128-bit integer: money in units that add up exactly, on every engine
   * and thread count (a DOUBLE sum does not).
   */
  nanos(expr: string): string;
  /** The exact sum of a `nanos` expression, as the text of a whole count of 1e-9 (`fromNanos` reads it); NULL when every value is NULL. */
  nanoSum(nanos: string): string;
  /** `nanoSum(nanos(expr))`: the exact sum of a numeric expression, as text. */
  exactSum(expr: string): string;
  /** The aggregate: the text `expr` of every row joined by `separator`, in the order of `key` (which must break every tie). */
  joinText(expr: string, separator: string, key: string): string;
  /** The aggregate: `value` of the row with the smallest `key` (the key must break every tie). */
  argMin(value: string, key: string): string;
  /** A relation of whole-number rows with the given column names (`rows` non-empty). */
  values(columns: readonly string[], rows: readonly (readonly number[])[]): string;
  /** The statement that creates table `name` (a quoted identifier) from a query, replacing one of that name. */
  createTable(name: string, select: string): string;
  /** The 1-based position of each row in the order of `orderBy`, which must break every tie. */
  rowNumber(partitionBy: readonly string[], orderBy: readonly string[]): string;
}

/**
 * A whole count of 1e-9 as text (`Dialect.nanoSum`) as the nearest double:
 * the decimal point goes into the digits before one rounding, so the sum is
 * read as exactly as its decimal text would be.
 * @example fromNanos("-1500000000"); // => -1.5
 */
export function fromNanos(text: string): number {
  const negative = text.startsWith("-");
  const digits = (negative ? text.slice(1) : text).padStart(10, "0");
  return Number(`${negative ? "-" : ""}${digits.slice(0, -9)}.${digits.slice(-9)}`);
}

const quoteWith = (q: string) => (s: string) => `${q}${s.split(q).join(q + q)}${q}`;

/** An RE2 class of the characters in JS_WHITESPACE. */
const WHITESPACE_CLASS = `[${[...JS_WHITESPACE].map((c) => `\\x{${c.codePointAt(0)!.toString(16)}}`).join("")}]`;

/** `strictWallMs`'s text: the year from 1000, the hour to 23, minutes and seconds to 59. */
const STRICT_TIMESTAMP = String.raw`[1-9]\d{3}-\d{2}-\d{2}[ T]([01]\d|2[0-3]):[0-5]\d:[0-5]\d`;

/** Half away from zero, in the same floating-point steps on every engine. */
const nanosOf = (e: string): string => `sign(${e}) * floor(abs(${e}) * 1000000000 + 0.5)`;

/** DuckDB's dialect. */
export const duckdbDialect: Dialect = {
  name: "duckdb",
  ident: quoteWith('"'),
  string: quoteWith("'"),
  lower: (e) => `lower(${e})`,
  // trim() with a list of characters is slow: only text whose first or last byte is not printable ASCII takes it
  // (every white space character is below '!' or, in UTF-8, made of bytes from 0x80). Text compares bytewise.
  trim: (e) =>
    `CASE WHEN ${e} < '!' OR ${e} >= chr(127) OR reverse(${e}) < '!' OR reverse(${e}) >= chr(127) THEN trim(${e}, ${quoteWith("'")(JS_WHITESPACE)}) ELSE ${e} END`,
  matches: (e, p) => `regexp_full_match(${e}, ${quoteWith("'")(p)})`,
  captures: (e, p, n) => `regexp_extract(${e}, ${quoteWith("'")(p)}, [${Array.from({ length: n }, (_, i) => `'g${i + 1}'`).join(", ")}])`,
  group: (c, i) => `${c}.g${i}`,
  toDouble: (e) => `TRY_CAST(${e} AS DOUBLE)`,
  toInt: (e) => `TRY_CAST(${e} AS BIGINT)`,
  idiv: (a, b) => `((${a}) // (${b}))`,
  toText: (e) => `coalesce(CAST(${e} AS VARCHAR), '')`,
  strictWallMs: (e) => `CASE WHEN regexp_full_match(${e}, '${STRICT_TIMESTAMP}') THEN epoch_ms(TRY_CAST(${e} AS TIMESTAMP)) END`,
  wallMs: (t, zone) => `epoch_ms(timezone(${quoteWith("'")(zone)}, CAST(make_timestamp((${t}) * 1000) AS TIMESTAMPTZ)))`,
  nanos: (e) => `CAST(${nanosOf(`(${e})`)} AS HUGEINT)`,
  nanoSum: (n) => `CAST(sum(${n}) AS VARCHAR)`,
  exactSum: (e) => duckdbDialect.nanoSum(duckdbDialect.nanos(e)),
  joinText: (e, sep, k) => `string_agg(${e}, ${quoteWith("'")(sep)} ORDER BY ${k})`,
  argMin: (v, k) => `arg_min(${v}, ${k})`,
  instantMs: (w, zone) => {
    const z = quoteWith("'")(zone);
    // ICU takes the later of two instants: try an hour and half an hour earlier.
    const later = `epoch_ms(timezone(${z}, make_timestamp((${w}) * 1000)))`;
    const wall = (t: string): string => `epoch_ms(timezone(${z}, CAST(make_timestamp((${t}) * 1000) AS TIMESTAMPTZ)))`;
    return `(SELECT CASE WHEN ${wall("l - 3600000")} = (${w}) THEN l - 3600000 WHEN ${wall("l - 1800000")} = (${w}) THEN l - 1800000 ELSE l END FROM (SELECT ${later} AS l))`;
  },
  values: (columns, rows) => `(SELECT * FROM (VALUES ${rows.map((r) => `(${r.join(", ")})`).join(", ")}) AS v(${columns.join(", ")}))`,
  createTable: (name, select) => `CREATE OR REPLACE TABLE ${name} AS ${select}`,
  rowNumber: (p, o) => `row_number() OVER (${p.length > 0 ? `PARTITION BY ${p.join(", ")} ` : ""}ORDER BY ${o.join(", ")})`,
};

/** A ClickHouse text literal: quotes and backslashes escaped. */
const chString = (text: string): string => `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/** ClickHouse's offset of `zone` at an instant (epoch ms), in ms. */
const chOffset = (instantMs: string, zone: string): string => `(timeZoneOffset(toDateTime64((${instantMs}) / 1000, 3, ${chString(zone)})) * 1000)`;

/** ClickHouse's dialect (the embedded chdb and a server share it). */
export const clickhouseDialect: Dialect = {
  name: "clickhouse",
  ident: quoteWith('"'),
  string: chString,
  lower: (e) => `lowerUTF8(${e})`,
  // trimBoth keeps NBSP: strip JavaScript's white space with an RE2 class instead.
  trim: (e) => `replaceRegexpAll(${e}, ${chString(`^${WHITESPACE_CLASS}+|${WHITESPACE_CLASS}+$`)}, '')`,
  matches: (e, p) => `match(${e}, ${chString(`^(?:${p})$`)})`,
  captures: (e, p) => `extractGroups(${e}, ${chString(p)})`,
  group: (c, i) => `${c}[${i}]`,
  toDouble: (e) => `toFloat64OrNull(${e})`,
  toInt: (e) => `toInt64OrNull(${e})`,
  idiv: (a, b) => `intDiv(${a}, ${b})`,
  toText: (e) => `ifNull(toString(${e}), '')`,
  // Its DateTime64 parsing moves a day that does not exist (February 30) to another: no fast path.
  strictWallMs: () => null,
  wallMs: (t, zone) => `(${t} + ${chOffset(t, zone)})`,
  instantMs: (w, zone) => {
    // The offsets 14 hours before and 12 after cover every zone's change near this wall time.
    const before = chOffset(`(${w}) - 50400000`, zone);
    const after = chOffset(`(${w}) + 43200000`, zone);
    const early = `((${w}) - ${before})`;
    const late = `((${w}) - ${after})`;
    const earlyOk = `(${chOffset(early, zone)} = ${before})`;
    const lateOk = `(${chOffset(late, zone)} = ${after})`;
    // Both read back (the clocks went back): the earlier; neither (a gap): the offset before the change.
    return `toInt64(multiIf(${earlyOk} AND ${lateOk}, least(${early}, ${late}), ${lateOk}, ${late}, ${early}))`;
  },
  nanos: (e) => `toInt128(${nanosOf(`(${e})`)})`,
  nanoSum: (n) => `if(count(${n}) = 0, NULL, toString(sum(${n})))`,
  exactSum: (e) => clickhouseDialect.nanoSum(clickhouseDialect.nanos(e)),
  // groupArray keeps no order: the values are sorted by their keys, gathered in step.
  joinText: (e, sep, k) => `arrayStringConcat(arraySort((v, o) -> o, groupArray(${e}), groupArray(${k})), ${chString(sep)})`,
  argMin: (v, k) => `argMin(${v}, ${k})`,
  values: (columns, rows) =>
    `(SELECT ${columns.map((c, i) => `tupleElement(r, ${i + 1}) AS ${c}`).join(", ")} FROM (SELECT arrayJoin([${rows.map((r) => `tuple(${r.map((v) => `toInt64(${v})`).join(", ")})`).join(", ")}]) AS r))`,
  createTable: (name, select) => `CREATE OR REPLACE TABLE ${name} ENGINE = Memory AS ${select}`,
  rowNumber: (p, o) => `row_number() OVER (${p.length > 0 ? `PARTITION BY ${p.join(", ")} ` : ""}ORDER BY ${o.join(", ")})`,
};
