import type { DataRow } from "./spec.ts";
import { OTHER, TOP_N } from "./theme.ts";

/**
 * The `n` largest categories by `weight`, in descending order (ties by
 * label), so charts with 100+ sources stay legible.
 * @example topCategories(new Map([["a", 1], ["b", 5], ["c", 3]]), 2); // => ["b", "c"]
 */
export function topCategories(weights: ReadonlyMap<string, number>, n = TOP_N): string[] {
  return [...weights]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, n)
    .map(([k]) => k);
}

/**
 * Rows with `key` outside the top `n` categories (by the sum of `value`)
 * merged into "other": their `value` summed per combination of the `by`
 * columns. Rows of the top categories are kept as they are.
 */
export function topNWithOther(rows: readonly DataRow[], key: string, value: string, by: readonly string[], n = TOP_N): DataRow[] {
  const weights = new Map<string, number>();
  for (const r of rows) weights.set(String(r[key]), (weights.get(String(r[key])) ?? 0) + Number(r[value] ?? 0));
  if (weights.size <= n + 1) return [...rows];
  const top = new Set(topCategories(weights, n));
  const kept: DataRow[] = [];
  const other = new Map<string, Record<string, unknown>>();
  for (const r of rows) {
    if (top.has(String(r[key]))) {
      kept.push(r);
      continue;
    }
    const at = JSON.stringify(by.map((b) => r[b]));
    const row = other.get(at);
    if (row) row[value] = Number(row[value] ?? 0) + Number(r[value] ?? 0);
    else other.set(at, { ...Object.fromEntries(by.map((b) => [b, r[b] ?? null])), [key]: OTHER, [value]: Number(r[value] ?? 0) });
  }
  return [...kept, ...other.values()];
}
