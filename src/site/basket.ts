/**
 * The Basket page as data: tiles, the rules scatter, the rules table in a
 * few fixed orderings, cross-sell offers and the "bought together" list.
 */
import type { SiteContext } from "./context.ts";
import { type SeriesRow } from "../analyses/series.ts";
import { rulesScatter } from "../charts/basket.ts";
import type { ChartPage, Table } from "./views.ts";

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
    sentence: o.sentence,
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
    method: `${fmt.number(method.baskets, 0)} baskets; itemsets of up to ${method.max_size} products with support ≥ ${fmt.percent(method.min_support)} (${method.chosen_by}; tried ${method.tried.map((t) => `${fmt.percent(t.min_support)}: ${fmt.number(t.itemsets, 0)}`).join(", ")}), ${method.itemsets} frequent itemsets.`,
  };
}
