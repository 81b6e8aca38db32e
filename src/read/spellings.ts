/**
 * Names each label of a case-insensitive dictionary by its most frequent
 * spelling in the rows used, over every dataset.
 */
import type { DictName } from "../schema/kinds.ts";
import type { Dicts } from "./table.ts";

export interface Spelling {
  readonly dict: DictName;
  readonly id: number;
  readonly text: string;
  readonly rows: number;
}

/**
 * Renames `dicts[dict].labels[id]` to the spelling with the most rows, ties
 * going to the first in code-unit order.
 * @example settleSpellings(dicts, [{ dict: "dim", id: 0, text: "email", rows: 3 }, { dict: "dim", id: 0, text: "Email", rows: 9 }]); // dicts.dim.labels[0] === "Email"
 */
export function settleSpellings(dicts: Dicts, spellings: Iterable<Spelling>): void {
  const totals = new Map<DictName, Map<number, Map<string, number>>>();
  for (const { dict, id, text, rows } of spellings) {
    let byId = totals.get(dict);
    if (!byId) totals.set(dict, (byId = new Map()));
    let counts = byId.get(id);
    if (!counts) byId.set(id, (counts = new Map()));
    counts.set(text, (counts.get(text) ?? 0) + rows);
  }
  for (const [dict, byId] of totals) {
    for (const [id, counts] of byId) {
      let best: string | null = null;
      let most = 0;
      for (const [text, n] of counts) {
        if (n > most || (n === most && best !== null && text < best)) {
          best = text;
          most = n;
        }
      }
      if (best !== null) dicts[dict].labels[id] = best;
    }
  }
}
