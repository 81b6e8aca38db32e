/**
 * Cross-sell offers from association rules: the strongest rules a
 * merchandiser can act on, with the reach of the offer (the site words each
 * as a sentence).
 */
import type { SeriesRow } from "../series.ts";
import type { Rule } from "./rules.ts";

/**
 * The top `limit` cross-sell offers: one per itemset A ∪ C (its rule with the
 * highest lift, then confidence, then key: for a pair, the direction with the
 * higher confidence), ranked by that lift and key, skipping an offer whose
 * labels on both sides repeat an earlier one's (products that share a
 * description).
 * `reach` is the number of baskets holding A: the baskets the offer would be
 * shown to.
 *
 * Rows: `{ rank, kind: "pair" | "bundle", rule, antecedents, antecedent_labels,
 * consequents, consequent_labels, confidence, lift, reach, reach_share }`,
 * each side as lists of ids and labels.
 */
export function crossSell(
  rules: readonly Rule[],
  n: number,
  ids: readonly string[],
  labels: readonly string[],
  limit: number,
): SeriesRow<"basket_cross_sell">[] {
  const best = new Map<string, Rule>();
  for (const r of rules) {
    const set = [...r.antecedent, ...r.consequent].sort((a, b) => a - b).join(",");
    const cur = best.get(set);
    if (!cur || r.lift > cur.lift || (r.lift === cur.lift && (r.confidence > cur.confidence || (r.confidence === cur.confidence && r.key < cur.key)))) {
      best.set(set, r);
    }
  }
  const ranked = [...best.values()].sort((x, y) => y.lift - x.lift || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const rows: SeriesRow<"basket_cross_sell">[] = [];
  const said = new Set<string>();
  for (const r of ranked) {
    if (rows.length >= limit) break;
    const a = r.antecedent.map((i) => labels[i]!);
    const c = r.consequent.map((i) => labels[i]!);
    const offer = JSON.stringify([a, c]);
    if (said.has(offer)) continue;
    said.add(offer);
    rows.push({
      rank: rows.length + 1,
      kind: r.antecedent.length + r.consequent.length === 2 ? "pair" : "bundle",
      rule: r.key,
      antecedents: r.antecedent.map((i) => ids[i]!),
      antecedent_labels: a,
      consequents: r.consequent.map((i) => ids[i]!),
      consequent_labels: c,
      confidence: r.confidence,
      lift: r.lift,
      reach: r.antecedentCount,
      reach_share: r.antecedentCount / n,
    });
  }
  return rows;
}
