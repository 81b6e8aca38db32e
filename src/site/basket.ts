/**
 * The Basket page as data: tiles, the rules scatter, the rules table in a
 * few fixed orderings, cross-sell offers and the "bought together" list.
 */
import { SERIES, type SeriesRow } from "../analyses/series.ts";
import { rulesScatter } from "../charts/basket.ts";
import type { ChartContext } from "../charts/common.ts";
import type { Report } from "../schema/report.ts";
import type { Formatter } from "./format.ts";
import type { PagePieces } from "./pieces.ts";
import type { ChartPage, Table } from "./model.ts";

/** Rules shown per ordering of the table. */
export const TABLE_RULES = 25;

export interface BasketPage extends ChartPage {
  /** The rules table, by lift, by confidence, by support; every ordering is a CSV too. */
  readonly orderings: readonly { readonly title: string; readonly table: Table }[];
  readonly offers: readonly { readonly sentence: string; readonly kind: string; readonly numbers: string }[];
  readonly together: Table;
  readonly method: string;
}

const text = (v: unknown): string => (v === null || v === undefined ? "" : String(v));

export function basketPage(report: Report, fmt: Formatter, ctx: ChartContext, pieces: PagePieces): BasketPage | null {
  const rules = report.series[SERIES.basketRules] ?? [];
  const method = (report.series[SERIES.basketMethod] ?? [])[0];
  if (!method) return null;
  const scatter = rulesScatter(ctx);
  const base = pieces.page(
    [
      pieces.kpi("basket.baskets", "Baskets", "count", "orders with products"),
      pieces.kpi("basket.items", "Products", "count", "distinct, in baskets"),
      pieces.kpi("basket.rules", "Rules", "count", `lift > ${text(method["min_lift"])}, confidence ≥ ${fmt.percent(method["min_confidence"] as number)}`),
      pieces.kpi("basket.min_support", "Min support", "percent", text(method["chosen_by"]) === "config" ? "set in the config" : "chosen from the data"),
    ],
    scatter ? [scatter] : [],
  ) ?? { kpis: [], charts: [] };
  const conviction = (r: SeriesRow): string => (r["conviction_infinite"] === 1 ? "∞" : fmt.number(r["conviction"] as number | null, 2));
  const ruleTable = (id: string, caption: string, sorted: readonly SeriesRow[]): Table =>
    pieces.table({
      id,
      caption,
      columns: ["if a basket has", "it also has", "support", "confidence", "lift", "leverage", "conviction", "baskets"],
      numeric: [false, false, true, true, true, true, true, true],
      rows: sorted
        .slice(0, TABLE_RULES)
        .map((r) => [
          text(r["antecedent_labels"]),
          text(r["consequent_labels"]),
          fmt.percent(r["support"] as number),
          fmt.percent(r["confidence"] as number),
          fmt.number(r["lift"] as number, 1),
          fmt.number(r["leverage"] as number, 4),
          conviction(r),
          fmt.number(r["rule_baskets"] as number, 0),
        ]),
    });
  const by = (key: string): SeriesRow[] => [...rules].sort((a, b) => (b[key] as number) - (a[key] as number) || (text(a["rule"]) < text(b["rule"]) ? -1 : 1));
  const orderings = rules.length
    ? [
        { title: "by lift", table: ruleTable("basket-rules-by-lift", `The ${Math.min(TABLE_RULES, rules.length)} rules with the highest lift`, rules) },
        { title: "by confidence", table: ruleTable("basket-rules-by-confidence", "By confidence", by("confidence")) },
        { title: "by support", table: ruleTable("basket-rules-by-support", "By support", by("support")) },
      ]
    : [];
  const offers = (report.series[SERIES.basketCrossSell] ?? []).map((o) => ({
    sentence: text(o["sentence"]),
    kind: text(o["kind"]),
    numbers: `confidence ${fmt.percent(o["confidence"] as number)}, lift ${fmt.number(o["lift"] as number, 1)}, reach ${fmt.number(o["reach"] as number, 0)} baskets (${fmt.percent(o["reach_share"] as number)})`,
  }));
  const items = report.series[SERIES.basketItems] ?? [];
  const together = pieces.table({
    id: "basket-bought-together",
    caption: "Top products and what they are bought with",
    columns: ["product", "baskets", "bought with", "together", "confidence", "lift"],
    numeric: [false, true, false, true, true, true],
    rows: items.map((i) => [
      `${text(i["label"])} (${text(i["product"])})`,
      `${fmt.number(i["baskets"] as number, 0)} (${fmt.percent(i["share"] as number)})`,
      i["partner"] === null ? "no product more often than by chance" : `${text(i["partner_label"])} (${text(i["partner"])})`,
      fmt.number(i["together"] as number | null, 0),
      fmt.percent(i["confidence"] as number | null),
      fmt.number(i["lift"] as number | null, 1),
    ]),
  });
  return {
    ...base,
    orderings,
    offers,
    together,
    method: `${fmt.number(method["baskets"] as number, 0)} baskets; itemsets of up to ${text(method["max_size"])} products with support ≥ ${fmt.percent(method["min_support"] as number | null)} (${text(method["chosen_by"])}; tried ${text(method["tried"])}), ${text(method["itemsets"])} frequent itemsets.`,
  };
}
