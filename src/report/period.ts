/**
 * The report period: by default the first to the last day with a valid row
 * in the activity dataset (visits, else orders, else costs); `period.from`
 * and `period.to` in the config override either end. Rows of every dataset
 * outside it are rejected as `outside period`.
 *
 * Kinds with their own period (campaign results, experiments) are never
 * clipped: each is read over its own first to last day. They give the report
 * period only when no other dated kind is present.
 */
import type { Rejections } from "../read/rejections.ts";
import { filterRows, numCol, type Table } from "../read/table.ts";
import type { Config } from "../schema/config.ts";
import { KIND_SPECS, KINDS, type Kind } from "../schema/kinds.ts";
import { DAY_MS, dayFromYmd, type DayRange } from "../time/calendar.ts";

/** Whether a table's rows carry dates: its kind is dated and the file had the column (undated campaign results do not). */
export function isDated(table: Table): boolean {
  const role = KIND_SPECS[table.kind].when;
  return role !== null && table.num[role] !== undefined;
}

/** Day number of every row of a table, from its kind's dating role. */
export function rowDays(table: Table): Float64Array {
  const role = KIND_SPECS[table.kind].when;
  if (role === null) throw new Error(`${table.kind} rows are not dated`);
  const values = numCol(table, role);
  if (KIND_SPECS[table.kind].roles[role]!.type === "date") return values;
  return values.map((t) => Math.floor(t / DAY_MS));
}

const parseConfigDay = (s: string): number => dayFromYmd(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)));

export interface ResolvedPeriod {
  readonly range: DayRange;
  readonly activity: Kind;
}

/**
 * @throws when the activity dataset has no valid row and the config does not give both ends
 */
export function resolvePeriod(all: readonly Table[], config: Config): ResolvedPeriod | null {
  const tables = all.filter(isDated);
  const dated = (own: boolean): Kind | undefined => KINDS.find((k) => (KIND_SPECS[k].ownPeriod ?? false) === own && tables.some((t) => t.kind === k));
  const activity = dated(false) ?? dated(true);
  if (!activity) return null;
  let from = Infinity;
  let to = -Infinity;
  for (const t of tables) {
    if (t.kind !== activity) continue;
    for (const d of rowDays(t)) {
      if (d < from) from = d;
      if (d > to) to = d;
    }
  }
  if (config.period.from) from = parseConfigDay(config.period.from);
  if (config.period.to) to = parseConfigDay(config.period.to);
  if (!Number.isFinite(from) || !Number.isFinite(to)) {
    throw new Error(`${activity} has no valid rows, so the report period is unknown; set period.from and period.to in the config`);
  }
  if (from > to) throw new Error(`the report period is empty: it starts after it ends`);
  return { range: { from, to }, activity };
}

/** The rows inside the period; the others are counted in `rejections`. */
export function clipToPeriod(table: Table, range: DayRange, rejections: Rejections): Table {
  if (!isDated(table) || KIND_SPECS[table.kind].ownPeriod) return table;
  const days = rowDays(table);
  const keep = new Uint8Array(table.length);
  let dropped = 0;
  for (let i = 0; i < table.length; i++) {
    const d = days[i]!;
    if (d >= range.from && d <= range.to) keep[i] = 1;
    else {
      dropped++;
      rejections.add("outside period", table.files[table.file[i]!]!, table.line[i]!);
    }
  }
  return dropped === 0 ? table : filterRows(table, keep);
}
