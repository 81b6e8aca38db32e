/**
 * Spend per customer and purchase category (an MCC or a product category),
 * and the category names from a `categories` file.
 */
import type { Table } from "../../read/table.ts";
import type { CustomerBase } from "./base.ts";

/** Categories kept per customer, by total spend; the rest count only in totals. */
export const MAX_CATEGORIES = 50;

export interface CategorySpend {
  /** Category codes, by total spend descending (ties by code). */
  readonly codes: readonly string[];
  /** Display names: the categories file's name, else the code. */
  readonly names: readonly string[];
  /** Spend by customer and category: `amount[i * codes.length + c]`. */
  readonly amount: Float64Array;
}

/** null when the orders have no category column. */
export function categorySpend(
  lines: Table,
  base: CustomerBase,
  categoryLabels: readonly string[],
  categories: Table | null,
  text: readonly string[],
): CategorySpend | null {
  const cat = lines.ref["category"];
  if (!cat) return null;
  const user = lines.ref["user"]!;
  const revenue = lines.num["revenue"]!;
  const total = new Map<number, number>();
  for (let i = 0; i < lines.length; i++) if (cat[i]! >= 0) total.set(cat[i]!, (total.get(cat[i]!) ?? 0) + revenue[i]!);
  const kept = [...total]
    .sort((a, b) => b[1] - a[1] || (categoryLabels[a[0]]! < categoryLabels[b[0]]! ? -1 : 1))
    .slice(0, MAX_CATEGORIES)
    .map(([c]) => c);
  const slot = new Map(kept.map((c, j) => [c, j]));
  const k = kept.length;
  const amount = new Float64Array(base.n * k);
  for (let i = 0; i < lines.length; i++) {
    const j = slot.get(cat[i]!);
    const c = base.ofUser[user[i]!]!;
    if (j !== undefined && c >= 0) amount[c * k + j]! += revenue[i]!;
  }
  const nameOf = new Map<number, string>();
  if (categories) {
    const code = categories.ref["code"]!;
    const name = categories.ref["name"]!;
    for (let r = 0; r < categories.length; r++) nameOf.set(code[r]!, text[name[r]!]!);
  }
  return {
    codes: kept.map((c) => categoryLabels[c]!),
    names: kept.map((c) => nameOf.get(c) ?? categoryLabels[c]!),
    amount,
  };
}
