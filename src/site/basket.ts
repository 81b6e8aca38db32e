/**
 * The Basket page as data: tiles, the rules scatter, the rules table in a
 * few fixed orderings, cross-sell offers and the "bought together" list.
 */
import type { SiteContext } from "./context.ts";
import { type SeriesRow } from "../analyses/series.ts";
import { rulesScatter } from "../charts/basket.ts";
import type { ChartPage, Table } from "./views.ts";
import { MIN_ITEMSETS, SUPPORT_CANDIDATES } from "../analyses/basket/itemsets.ts";
import type { Formatter } from "../words/format.ts";

/** Rules shown per ordering of the table. */
export const TABLE_RULES = 25;

export interface BasketPage extends ChartPage {
  /** The rules table, by lift, by confidence, by support; every ordering is a CSV too. */
  readonly orderings: readonly { readonly title: string; readonly table: Table }[];
  readonly offers: readonly { readonly sentence: string; readonly kind: string; readonly numbers: string }[];
  readonly together: Table;
  readonly method: string;
}

export function basketPage({ report, fmt, charts: ctx, pieces }: SiteContext): BasketPage | null {
  const rules = report.series.basket_rules ?? [];
  const method = (report.series.basket_method ?? [])[0];
  if (!method) return null;
  const scatter = rulesScatter(ctx);
  const base = pieces.page(
    [
      pieces.kpi("basket.baskets", "orders with products"),
      pieces.kpi("basket.items", "distinct"),
      pieces.kpi("basket.rules", `lift > ${method.min_lift}, confidence ≥ ${fmt.percent(method.min_confidence)}`),
      pieces.kpi("basket.min_support", method.chosen_by === "config" ? "set in the config" : "chosen from the data"),
    ],
    scatter ? [scatter] : [],
  ) ?? { kpis: [], charts: [] };
  const conviction = (r: SeriesRow<"basket_rules">): string => (r.conviction_infinite ? "∞" : fmt.number(r.conviction, 2));
  const ruleTable = (id: string, caption: string, sorted: readonly SeriesRow<"basket_rules">[]): Table =>
    pieces.table({
      id,
      caption,
      columns: ["if a basket has", "it also has", "support", "confidence", "lift", "leverage", "conviction", "baskets"],
      numeric: [false, false, true, true, true, true, true, true],
      rows: sorted
        .slice(0, TABLE_RULES)
        .map((r) => [
          r.antecedent_labels.join(" + "),
          r.consequent_labels.join(" + "),
          fmt.percent(r.support),
          fmt.percent(r.confidence),
          fmt.number(r.lift, 1),
          fmt.number(r.leverage, 4),
          conviction(r),
          fmt.number(r.rule_baskets, 0),
        ]),
    });
  const by = (key: "confidence" | "support"): SeriesRow<"basket_rules">[] => [...rules].sort((a, b) => b[key] - a[key] || (a.rule < b.rule ? -1 : 1));
  const orderings = rules.length
    ? [
        { title: "by lift", table: ruleTable("basket-rules-by-lift", `The ${Math.min(TABLE_RULES, rules.length)} rules with the highest lift`, rules) },
        { title: "by confidence", table: ruleTable("basket-rules-by-confidence", "By confidence", by("confidence")) },
        { title: "by support", table: ruleTable("basket-rules-by-support", "By support", by("support")) },
      ]
    : [];
  const offers = (report.series.basket_cross_sell ?? []).map((o) => ({
    sentence: crossSellSentence(o.antecedent_labels, o.consequent_labels, o.confidence, o.lift, fmt),
    kind: o.kind,
    numbers: `confidence ${fmt.percent(o.confidence)}, lift ${fmt.number(o.lift, 1)}, reach ${fmt.number(o.reach, 0)} baskets (${fmt.percent(o.reach_share)})`,
  }));
  const items = report.series.basket_items ?? [];
  const together = pieces.table({
    id: "basket-bought-together",
    caption: "Top products and what they are bought with",
    columns: ["product", "baskets", "bought with", "together", "confidence", "lift"],
    numeric: [false, true, false, true, true, true],
    rows: items.map((i) => [
      `${i.label} (${i.product})`,
      `${fmt.number(i.baskets, 0)} (${fmt.percent(i.share)})`,
      i.partner === null ? "no product more often than by chance" : `${i.partner_label} (${i.partner})`,
      fmt.number(i.together, 0),
      fmt.percent(i.confidence),
      fmt.number(i.lift, 1),
    ]),
  });
  return {
    ...base,
    orderings,
    offers,
    together,
    method: `${fmt.number(method.baskets, 0)} baskets; itemsets of up to ${method.max_size} products with support ≥ ${fmt.percent(method.min_support)} (${chosenBy(method.chosen_by, fmt)}; tried ${method.tried.map((t) => `${fmt.percent(t.min_support)}: ${fmt.number(t.itemsets, 0)}`).join(", ")}), ${method.itemsets} frequent itemsets.`,
  };
}

/** How the minimum support was chosen, in words. */
function chosenBy(how: SeriesRow<"basket_method">["chosen_by"], fmt: Formatter): string {
  const first = `first of ${SUPPORT_CANDIDATES.map((c) => fmt.percent(c, 2)).join(", ")} with at least ${fmt.number(MIN_ITEMSETS, 0)} frequent itemsets`;
  switch (how) {
    case "config":
      return "set in the config";
    case "no baskets":
      return "no baskets";
    case "enough itemsets":
      return first;
    case "last candidate":
      return `${first} (none has: the last)`;
  }
}

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
 * A ratio as "N×": whole numbers from 10 up, else one decimal (no trailing zero).
 * @example times(19.4, fmt); // => "19×"
 * @example times(2.347, fmt); // => "2.3×"
 */
export const times = (x: number, fmt: Formatter): string => `${fmt.number(x, x >= 10 ? 0 : 1)}×`;

/**
 * The plain sentence for a cross-sell offer.
 * @example
 * crossSellSentence(["REGENCY TEACUP AND SAUCER"], ["ROSES REGENCY TEACUP AND SAUCER"], 0.72, 19.2, fmt);
 * // => "customers who buy REGENCY TEACUP AND SAUCER buy ROSES REGENCY TEACUP AND SAUCER 72% of the time, 19× more often than average"
 */
export function crossSellSentence(antecedent: readonly string[], consequent: readonly string[], confidence: number, lift: number, fmt: Formatter): string {
  const how = lift >= 1 ? `${times(lift, fmt)} more often than average` : `${times(1 / lift, fmt)} less often than average`;
  return `customers who buy ${listLabels(antecedent)} buy ${listLabels(consequent)} ${fmt.percent(confidence, 0)} of the time, ${how}`;
}
