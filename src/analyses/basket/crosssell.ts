/**
 * Cross-sell recommendations from association rules: the strongest rules as
 * plain sentences a merchandiser can act on, with the reach of the offer.
 */
import type { SeriesRow } from "../series.ts";
import type { Rule } from "./rules.ts";

/**
 * Labels as a list in prose: labels are usually upper case, so a lowercase
 * "and" stays readable between them.
 * @example listLabels(["A", "B", "C"]); // => "A, B and C"
 */
export function listLabels(labels: readonly string[]): string {
  if (labels.length <= 1) return labels.join("");
  return `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]!}`;
}

/**
 * A ratio as "N×": whole numbers from 10 up, else one decimal (no trailing ".0").
 * @example times(19.4); // => "19×"
 * @example times(2.347); // => "2.3×"
 * @example times(3); // => "3×"
 */
export function times(x: number): string {
  const text = x >= 10 ? String(Math.round(x)) : x.toFixed(1).replace(/\.0$/, "");
  return `${text}×`;
}

/**
 * The plain sentence for a rule.
 * @example
 * crossSellSentence(["REGENCY TEACUP AND SAUCER"], ["ROSES REGENCY TEACUP AND SAUCER"], 0.72, 19.2);
 * // => "customers who buy REGENCY TEACUP AND SAUCER buy ROSES REGENCY TEACUP AND SAUCER 72% of the time, 19× more often than average"
 */
export function crossSellSentence(antecedent: readonly string[], consequent: readonly string[], confidence: number, lift: number): string {
  const how = lift >= 1 ? `${times(lift)} more often than average` : `${times(1 / lift)} less often than average`;
  return `customers who buy ${listLabels(antecedent)} buy ${listLabels(consequent)} ${Math.round(confidence * 100)}% of the time, ${how}`;
}

/**
 * The top `limit` cross-sell offers: one per itemset A ∪ C (its rule with the
 * highest lift, then confidence, then key: for a pair, the direction with the
 * higher confidence), ranked by that lift and key, skipping an offer whose
 * sentence repeats an earlier one (products that share a description).
 * `reach` is the number of baskets holding A: the baskets the offer would be
 * shown to.
 *
 * Rows: `{ rank, kind: "pair" | "bundle", rule, antecedents, antecedent_labels,
 * consequents, consequent_labels, confidence, lift, reach, reach_share, sentence }`,
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
    const sentence = crossSellSentence(a, c, r.confidence, r.lift);
    if (said.has(sentence)) continue;
    said.add(sentence);
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
      sentence,
    });
  }
  return rows;
}
