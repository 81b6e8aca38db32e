/**
 * Spend per customer and purchase category (an MCC or a product category),
 * and the category names from a `categories` file.
 */
import type { Table } from "../../read/table.ts";
import { decimals, numbers, type ResultTable } from "../analysis.ts";
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

/** From the `categorySpend` and `categoryTotals` reductions (`baseReductions`); null when the orders have no category column. */
export function categorySpend(
  reduced: Readonly<Record<string, ResultTable>>,
  base: CustomerBase,
  categoryLabels: readonly string[],
  categories: Table | null,
  text: readonly string[],
): CategorySpend | null {
  const cells = reduced["categorySpend"];
  const totals = reduced["categoryTotals"];
  if (!cells || !totals) return null;
  const code = numbers(totals, "category");
  const total = decimals(totals, "revenue");
  const kept = Array.from(code.keys())
    .sort((a, b) => total[b]! - total[a]! || (categoryLabels[code[a]!]! < categoryLabels[code[b]!]! ? -1 : 1))
    .slice(0, MAX_CATEGORIES)
    .map((i) => code[i]!);
  const slot = new Map(kept.map((c, j) => [c, j]));
  const k = kept.length;
  const amount = new Float64Array(base.n * k);
  const user = numbers(cells, "u");
  const category = numbers(cells, "category");
  const revenue = decimals(cells, "revenue");
  for (let i = 0; i < user.length; i++) {
    const j = slot.get(category[i]!);
    const c = base.customerOf(user[i]!);
    if (j !== undefined && c >= 0) amount[c * k + j] = revenue[i]!;
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
