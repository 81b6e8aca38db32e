/**
 * The row rules as SQL: each role's text is parsed into its value, and a row
 * that breaks a rule gets the reason it is rejected with. Pure: these
 * functions only write SQL, in the engine's dialect; `load.ts` runs it.
 *
 * Values are exact and engine-independent: a date is a day number (days
 * since 1970-01-01), a time is wall-clock ms in the report timezone, both
 * computed from the digits with integer arithmetic, not by an engine's date
 * functions; a number is a DOUBLE parsed from text of the one accepted form.
 */
import type { Dialect } from "../engine/dialect.ts";
import type { KindSpec, RoleSpec } from "../schema/kinds.ts";

/** `YYYY-MM-DD`, then `T` or a space and `HH:MM`, `:SS`, a fraction of a second (`.` or `,`), and a zone (`Z`, `+HH:MM`, `+HHMM`, `+HH`). */
export const TIMESTAMP_PATTERN = String.raw`^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$`;
/** `YYYY-MM-DD`; anything after a space or `T` (a time of day) is ignored. */
export const DATE_PATTERN = String.raw`^(\d{4})-(\d{2})-(\d{2})(?:[ T][\s\S]*)?$`;
/** A decimal number with a dot separator and an optional exponent; no thousands separators, signs of currency, NaN or Infinity. */
export const NUMBER_PATTERN = String.raw`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`;
/** Yes/no spellings (compared in lower case) and their values. */
export const FLAG_VALUES: Readonly<Record<string, 0 | 1>> = { "1": 1, "0": 0, true: 1, false: 0, yes: 1, no: 0, y: 1, n: 0, t: 1, f: 0 };

const DAY_MS = 86_400_000;

/** SQL: whether `y`-`m`-`d` (integer expressions, NULL when absent) is a real calendar day. */
function validDay(y: string, m: string, day: string): string {
  const leap = `((${y}) % 4 = 0 AND ((${y}) % 100 <> 0 OR (${y}) % 400 = 0))`;
  const days = `CASE WHEN ${m} = 2 THEN (CASE WHEN ${leap} THEN 29 ELSE 28 END) WHEN ${m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
  return `(${y} IS NOT NULL AND ${m} BETWEEN 1 AND 12 AND ${day} >= 1 AND ${day} <= ${days})`;
}

/**
 * SQL: the day number of a valid date of a year from 0, by the
 * civil-from-days algorithm in integers. The year is counted from 400 years
 * earlier (one era), so that every division is of non-negative numbers
 * (`idiv` truncates toward zero) even for January of year 0.
 * @example dayNumber(2017, 6, 1) is 17318
 */
function dayNumber(d: Dialect, y: string, m: string, day: string): string {
  const yy = `(${y} + 400 - CASE WHEN ${m} <= 2 THEN 1 ELSE 0 END)`;
  const era = d.idiv(yy, "400");
  const yoe = `(${yy} - ${era} * 400)`;
  const mp = `((${m} + 9) % 12)`;
  const doy = `(${d.idiv(`153 * ${mp} + 2`, "5")} + ${day} - 1)`;
  const doe = `(${yoe} * 365 + ${d.idiv(yoe, "4")} - ${d.idiv(yoe, "100")} + ${doy})`;
  return `((${era} - 1) * 146097 + ${doe} - 719468)`;
}

/** The captured digits of group `i` as an integer, NULL when the group is empty. */
const digits = (d: Dialect, groups: string, i: number): string => `CASE WHEN ${d.group(groups, i)} = '' THEN NULL ELSE ${d.toInt(d.group(groups, i))} END`;

/** SQL: the day number of a date, NULL when it is not one; `g` is `d.captures(text, DATE_PATTERN, 3)` of the trimmed text. */
export function dateValue(d: Dialect, g: string): string {
  const y = digits(d, g, 1);
  const m = digits(d, g, 2);
  const day = digits(d, g, 3);
  return `CASE WHEN ${validDay(y, m, day)} THEN ${dayNumber(d, y, m, day)} END`;
}

/**
 * SQL: the wall-clock ms in the report timezone of `text` (already trimmed),
 * NULL when it is not a timestamp. `groups` is `d.captures(text, TIMESTAMP_PATTERN, 8)`,
 * computed once by the caller. Without a zone the time is wall-clock already;
 * with one it is converted to `zone`.
 */
export function timestampValue(d: Dialect, groups: string, zone: string): string {
  const y = digits(d, groups, 1);
  const m = digits(d, groups, 2);
  const day = digits(d, groups, 3);
  const part = (i: number): string => `coalesce(${digits(d, groups, i)}, 0)`;
  const [h, mi, s] = [part(4), part(5), part(6)];
  const frac = `substr(${d.group(groups, 7)}, 1, 9)`;
  // As JavaScript's Math.round(seconds * 1000): floor(x + 0.5).
  const ms = `floor((CAST(${s} AS DOUBLE) + CASE WHEN ${frac} = '' THEN 0 ELSE CAST(${d.toInt(frac)} AS DOUBLE) / power(10.0, length(${frac})) END) * 1000 + 0.5)`;
  const wall = `(${dayNumber(d, y, m, day)} * ${DAY_MS} + ${h} * 3600000 + ${mi} * 60000 + ${ms})`;
  const z = d.group(groups, 8);
  const offsetMinutes = `(CASE WHEN substr(${z}, 1, 1) = '-' THEN -1 ELSE 1 END) * (${d.toInt(`substr(${z}, 2, 2)`)} * 60 + CASE WHEN length(${z}) > 3 THEN ${d.toInt(`substr(${z}, length(${z}) - 1, 2)`)} ELSE 0 END)`;
  const instant = `CAST(${wall} - CASE WHEN ${z} IN ('Z', 'z') THEN 0 ELSE ${offsetMinutes} * 60000 END AS BIGINT)`;
  const zoned = zone === "UTC" || zone === "Etc/UTC" ? instant : d.wallMs(instant, zone);
  const valid = `${validDay(y, m, day)} AND ${h} <= 23 AND ${mi} <= 59 AND ${s} < 61`;
  return `CASE WHEN NOT (${valid}) THEN NULL WHEN ${z} = '' THEN CAST(${wall} AS DOUBLE) ELSE CAST(${zoned} AS DOUBLE) END`;
}

/** SQL: the number of `text` (already trimmed), NULL when it is not one. */
export const numberValue = (d: Dialect, text: string): string => `CASE WHEN ${d.matches(text, NUMBER_PATTERN)} THEN ${d.toDouble(text)} END`;

/** SQL: 1 or 0 for a yes/no `text` (already trimmed), NULL otherwise. */
export function flagValue(d: Dialect, text: string): string {
  const cases = Object.entries(FLAG_VALUES).map(([k, v]) => `WHEN ${d.string(k)} THEN ${v}`);
  return `CAST(CASE ${d.lower(text)} ${cases.join(" ")} END AS DOUBLE)`;
}

/** A role as read from one dataset: its spec and its column in the raw table. */
export interface RoleColumn {
  readonly role: string;
  readonly spec: RoleSpec;
  /** The raw column, `c<index>`. */
  readonly column: string;
}

export const isText = (spec: RoleSpec): boolean => spec.type === "id" || spec.type === "label";

/**
 * SQL selecting, from `source` (columns `file`, `rec`, `line` and the raw
 * text columns `c0` … as empty text for empty fields), per role `p`: `t<p>`
 * the trimmed text of text roles, `v<p>` the value of the others, `i<p>`
 * whether a text role's label is interned (the row's parse got that far, as
 * labels are met in role order), the derived role's value, and `reason`,
 * the first rule the row breaks in role order (NULL when none). `extra`
 * columns are computed from the raw columns and carried through.
 */
export function parseSql(
  d: Dialect,
  source: string,
  roles: readonly RoleColumn[],
  spec: KindSpec,
  zone: string,
  extra: readonly { name: string; expr: string }[] = [],
): string {
  const carried = extra.map((e) => e.name);
  const name = (p: number): string => `t${p}`;
  const inner = roles.map((r, p) => `${d.trim(r.column)} AS ${name(p)}`);
  // A time takes the dialect's fast path when it has one, and the pattern's captures only when that gives NULL.
  const fast = (p: number): string | null => d.strictWallMs(name(p));
  const groups = roles.flatMap((r, p) => {
    if (r.spec.type === "date") return [`${d.captures(name(p), DATE_PATTERN, 3)} AS g${p}`];
    if (r.spec.type !== "time") return [];
    const captures = d.captures(name(p), TIMESTAMP_PATTERN, 8);
    const strict = fast(p);
    return strict === null ? [`${captures} AS g${p}`] : [`${strict} AS f${p}`, `CASE WHEN f${p} IS NULL THEN ${captures} END AS g${p}`];
  });
  const value = (r: RoleColumn, p: number): string => {
    const t = name(p);
    switch (r.spec.type) {
      case "time":
        return fast(p) === null
          ? timestampValue(d, `g${p}`, zone)
          : `CASE WHEN f${p} IS NOT NULL THEN CAST(f${p} AS DOUBLE) ELSE ${timestampValue(d, `g${p}`, zone)} END`;
      case "date":
        return dateValue(d, `g${p}`);
      case "number":
        return numberValue(d, t);
      case "flag":
        return flagValue(d, t);
      default:
        return "NULL";
    }
  };
  const values = roles.map((r, p) => (isText(r.spec) ? null : `${value(r, p)} AS v${p}`)).filter((x): x is string => x !== null);
  const reasons = roles.map((r, p) => {
    const t = name(p);
    const missing = r.spec.required ? d.string(r.spec.type === "id" ? "missing id" : `missing ${r.role}`) : "NULL";
    const whens = [`WHEN ${t} = '' THEN ${missing}`];
    if (isText(r.spec)) {
      const pre = r.spec.prefixReason;
      if (pre) whens.push(`WHEN substr(${t}, 1, ${pre.prefix.length}) = ${d.string(pre.prefix)} THEN ${d.string(pre.reason)}`);
    } else {
      const v = `v${p}`;
      const bad =
        r.spec.type === "flag"
          ? `unparseable ${r.role} flag`
          : r.spec.type === "time"
            ? "unparseable timestamp"
            : r.spec.type === "date"
              ? "unparseable date"
              : "unparseable number";
      whens.push(`WHEN ${v} IS NULL THEN ${d.string(bad)}`);
      if (r.spec.negativeReason) whens.push(`WHEN ${v} < 0 THEN ${d.string(r.spec.negativeReason)}`);
      if (r.spec.nonPositiveReason) whens.push(`WHEN ${v} <= 0 THEN ${d.string(r.spec.nonPositiveReason)}`);
    }
    return `CASE ${whens.join(" ")} END`;
  });
  const at = (role: string): number => roles.findIndex((r) => r.role === role);
  const derived = spec.derived && at(spec.derived.role) < 0 ? spec.derived : undefined;
  const derivedValue = derived ? [`v${at(derived.product[0])} * v${at(derived.product[1])} AS d0`] : [];
  const nb = spec.notBefore && at(spec.notBefore.role) >= 0 ? spec.notBefore : undefined;
  const last = nb ? [`CASE WHEN v${at(nb.role)} < v${at(nb.than)} THEN ${d.string(nb.reason)} END`] : [];
  const firstOf = (list: readonly string[]): string => (list.length === 0 ? "NULL" : list.length === 1 ? list[0]! : `coalesce(${list.join(", ")})`);
  const reasonCols = roles.map((_, p) => `r${p}`);
  const interned = roles.flatMap((r, p) => {
    if (!isText(r.spec)) return [];
    const pre = r.spec.prefixReason;
    const prefixOk = pre ? ` AND substr(t${p}, 1, ${pre.prefix.length}) <> ${d.string(pre.prefix)}` : "";
    const before = p === 0 ? "TRUE" : `${firstOf(reasonCols.slice(0, p))} IS NULL`;
    return [`(${before} AND t${p} <> ''${prefixOk}) AS i${p}`];
  });
  const texts = roles.flatMap((r, p) => (isText(r.spec) ? [`t${p}`] : []));
  const numbers = roles.flatMap((r, p) => (isText(r.spec) ? [] : [`v${p}`]));
  const level1 = `SELECT file, rec, line, ${[...extra.map((e) => `${e.expr} AS ${e.name}`), ...inner].join(", ")} FROM ${source}`;
  const level2 = groups.length > 0 ? `SELECT *, ${groups.join(", ")} FROM (${level1}) AS l1` : level1;
  const level3 = `SELECT file, rec, line, ${[...carried, ...texts, ...values, ...reasons.map((x, p) => `${x} AS r${p}`)].join(", ")} FROM (${level2}) AS l2`;
  const out = [...carried, ...texts, ...numbers, ...derivedValue, ...interned, `${firstOf([...reasonCols, ...last])} AS reason`];
  return `SELECT file, rec, line, ${out.join(", ")} FROM (${level3}) AS l3`;
}
