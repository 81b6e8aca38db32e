/**
 * Experiment exposures, cleaned over the whole dataset (a row alone cannot
 * tell): a user seen in more than one variant is excluded, every row of them
 * rejected as `contaminated`; of a user's repeated exposures to one variant,
 * the earliest is kept (the first in file order on a tie) and the others are
 * rejected as `repeated exposure`.
 */
import type { KindSpec } from "../schema/kinds.ts";
import type { Rejections } from "./rejections.ts";
import { filterRows, numCol, refCol, type Table } from "./table.ts";

/**
 * @example cleanExposures(table, { unit: "user", arm: "variant", time: "time" }, rejections); // users 7 (A, B) → 2 rows "contaminated"; user 8 (A at 10:00, A at 09:00) → the 10:00 row "repeated exposure"
 */
export function cleanExposures(table: Table, roles: NonNullable<KindSpec["exposure"]>, rejections: Rejections): Table {
  const user = refCol(table, roles.unit);
  const variant = refCol(table, roles.arm);
  const time = numCol(table, roles.time);
  // Per user id (dictionary index): the first variant seen (-1: none yet),
  // whether a second one was (-2), and the earliest row.
  let users = 0;
  for (const u of user) if (u >= users) users = u + 1;
  const variantOf = new Int32Array(users).fill(-1);
  const earliest = new Int32Array(users).fill(-1);
  for (let i = 0; i < table.length; i++) {
    const u = user[i]!;
    const v = variantOf[u]!;
    if (v === -1) variantOf[u] = variant[i]!;
    else if (v !== variant[i]!) variantOf[u] = -2;
    const e = earliest[u]!;
    if (e === -1 || time[i]! < time[e]!) earliest[u] = i;
  }
  const keep = new Uint8Array(table.length);
  let dropped = 0;
  for (let i = 0; i < table.length; i++) {
    const u = user[i]!;
    const reason = variantOf[u] === -2 ? "contaminated" : earliest[u] !== i ? "repeated exposure" : null;
    if (reason === null) keep[i] = 1;
    else {
      dropped++;
      rejections.add(reason, table.files[table.file[i]!]!, table.line[i]!);
    }
  }
  return dropped === 0 ? table : filterRows(table, keep);
}
