/**
 * Experiment exposures, cleaned over the whole dataset (a row alone cannot
 * tell): a user seen in more than one variant is excluded, every row of them
 * rejected as `contaminated`; of a user's repeated exposures to one variant,
 * the earliest is kept (the first in file order on a tie) and the others are
 * rejected as `repeated exposure`.
 */
import type { Rejections } from "./rejections.ts";
import { filterRows, numCol, refCol, type Table } from "./table.ts";

/**
 * @example cleanExposures(table, rejections); // users 7 (A, B) → 2 rows "contaminated"; user 8 (A at 10:00, A at 09:00) → the 10:00 row "repeated exposure"
 */
export function cleanExposures(table: Table, rejections: Rejections): Table {
  const user = refCol(table, "user");
  const variant = refCol(table, "variant");
  const time = numCol(table, "time");
  // Per user: the first variant seen, whether a second one was, and the earliest row.
  const variantOf = new Map<number, number>();
  const contaminated = new Set<number>();
  const earliest = new Map<number, number>();
  for (let i = 0; i < table.length; i++) {
    const u = user[i]!;
    const v = variantOf.get(u);
    if (v === undefined) variantOf.set(u, variant[i]!);
    else if (v !== variant[i]!) contaminated.add(u);
    const e = earliest.get(u);
    if (e === undefined || time[i]! < time[e]!) earliest.set(u, i);
  }
  const keep = new Uint8Array(table.length);
  let dropped = 0;
  for (let i = 0; i < table.length; i++) {
    const u = user[i]!;
    const reason = contaminated.has(u) ? "contaminated" : earliest.get(u) !== i ? "repeated exposure" : null;
    if (reason === null) keep[i] = 1;
    else {
      dropped++;
      rejections.add(reason, table.files[table.file[i]!]!, table.line[i]!);
    }
  }
  return dropped === 0 ? table : filterRows(table, keep);
}
