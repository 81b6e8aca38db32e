/**
 * Market basket analysis of order lines: which products are bought together.
 * Frequent itemsets (Eclat), association rules with mlxtend's metrics, the
 * "bought together" partner of the top products and cross-sell sentences.
 * Runs when the orders have an order id and a product column.
 */
import type { BasketConfig } from "../../schema/config.ts";
import type { Fact, Warning } from "../../schema/report.ts";
import { FactSink } from "../../facts/sink.ts";
import { type Series, type SeriesRow } from "../series.ts";
import { basketLines, basketReductions, toBaskets, type BasketLines, type Baskets } from "./baskets.ts";
import { BASKET_METRICS } from "./catalogue.ts";
import { crossSell } from "./crosssell.ts";
import { chooseMinSupport, frequentItemsets, MIN_ITEMSETS, minCount, type SupportChoice } from "./itemsets.ts";
import { associationRules, type Rule } from "./rules.ts";
import type { Analysis } from "../analysis.ts";

/** Rules in the `basket_rules` series: enough for every table ordering of the page, bounded for metrics.json. */
export const RULE_ROWS = 500;
/** Rules with facts (lift, support, confidence each). */
export const RULE_FACTS = 50;
export const TOP_ITEMS = 20;
export const CROSS_SELL_ROWS = 10;

export interface BasketInput {
  /** The order lines of the period, grouped (`basketReductions`). */
  readonly lines: BasketLines;
}

export interface BasketContext {
  /** The product dictionary. */
  readonly productLabels: readonly string[];
  /** A customer's segments (RFM and k-means), by user dictionary index; needed for `config.segments`. */
  readonly segmentsOf?: ((user: number) => readonly string[]) | undefined;
  /** The free-text dictionary (descriptions, countries). */
  readonly text: readonly string[];
  readonly config: BasketConfig;
}

export interface BasketResult {
  readonly facts: Fact[];
  readonly warnings: Warning[];
  readonly series: Series;
}

export function basket(input: BasketInput, ctx: BasketContext): BasketResult {
  const { config } = ctx;
  const wanted = config.segments ? new Set(config.segments) : null;
  const segmentsOf = ctx.segmentsOf;
  const keepUser = wanted && segmentsOf ? (u: number): boolean => segmentsOf(u).some((s) => wanted.has(s)) : undefined;
  const baskets = toBaskets(input.lines, ctx.productLabels, ctx.text, { exclude: config.exclude, countries: config.countries, keepUser });
  const sink = new FactSink(BASKET_METRICS);
  const warnings: Warning[] = [];
  if (wanted && !segmentsOf) {
    warnings.push({ code: "basket.segments", values: {} });
  }
  if (config.countries && !input.lines.country) {
    warnings.push({ code: "basket.countries", values: {} });
  }
  sink.add("basket.baskets", baskets.n);
  sink.add("basket.items", baskets.ids.length);

  const choice: SupportChoice | null =
    baskets.n === 0
      ? null
      : config.min_support !== undefined
        ? { minSupport: config.min_support, itemsets: frequentItemsets(baskets, minCount(config.min_support, baskets.n), config.max_size), tried: [] }
        : chooseMinSupport(baskets, config.max_size);
  const rules = choice ? associationRules(choice.itemsets, baskets.n, baskets.ids, { minConfidence: config.min_confidence, minLift: config.min_lift }) : [];
  sink.add("basket.rules", rules.length);
  sink.add("basket.min_support", choice ? choice.minSupport : null);
  for (const r of rules.slice(0, RULE_FACTS)) {
    const dims = { rule: r.key };
    sink.add("basket.rule.lift", r.lift, dims);
    sink.add("basket.rule.support", r.support, dims);
    sink.add("basket.rule.confidence", r.confidence, dims);
  }
  if (baskets.n === 0) warnings.push({ code: "basket.empty", values: {} });
  else if (rules.length === 0) {
    warnings.push({
      code: "basket.no_rules",
      values: { min_confidence: config.min_confidence, min_lift: config.min_lift, min_support: choice!.minSupport },
    });
  }

  const series: Series = {
    basket_rules: rules.slice(0, RULE_ROWS).map((r) => ruleRow(r, baskets)),
    basket_items: itemRows(baskets, rules),
    basket_cross_sell: crossSell(rules, baskets.n, baskets.ids, baskets.labels, CROSS_SELL_ROWS),
    basket_method: [methodRow(baskets, choice, rules.length, config)],
  };
  return { facts: sink.facts, warnings, series };
}

function ruleRow(r: Rule, b: Baskets): SeriesRow<"basket_rules"> {
  const infinite = r.conviction === Infinity;
  return {
    rule: r.key,
    antecedents: r.antecedent.map((i) => b.ids[i]!),
    antecedent_labels: r.antecedent.map((i) => b.labels[i]!),
    consequents: r.consequent.map((i) => b.ids[i]!),
    consequent_labels: r.consequent.map((i) => b.labels[i]!),
    support: r.support,
    confidence: r.confidence,
    lift: r.lift,
    leverage: r.leverage,
    conviction: infinite ? null : r.conviction,
    conviction_infinite: infinite,
    antecedent_baskets: r.antecedentCount,
    consequent_baskets: r.consequentCount,
    rule_baskets: r.count,
  };
}

/**
 * The top products and the product each is most often bought with: the
 * consequent of its highest-lift kept pair rule, else (no kept rule, often at
 * a support threshold tuned for itemsets) the product in most of its baskets
 * (ties: lower id), when that pairing's lift is above 1. `from_rule` says
 * which; partner to lift are null without a partner.
 */
function itemRows(b: Baskets, rules: readonly Rule[]): SeriesRow<"basket_items">[] {
  // Rules come sorted by lift, then key: the first pair rule of a product is its best.
  const partner = new Map<number, Rule>();
  for (const r of rules) {
    if (r.antecedent.length === 1 && r.consequent.length === 1 && !partner.has(r.antecedent[0]!)) partner.set(r.antecedent[0]!, r);
  }
  const top = Array.from(b.ids, (_, i) => i)
    .sort((x, y) => b.count[y]! - b.count[x]! || x - y)
    .slice(0, TOP_ITEMS);
  return top.map((i) => {
    const r = partner.get(i);
    let p = r ? r.consequent[0]! : -1;
    let together = r ? r.count : 0;
    if (!r) {
      const co = coCounts(b, i);
      for (let j = 0; j < co.length; j++) if (j !== i && co[j]! > together) [p, together] = [j, co[j]!];
      // Not a partner when bought together no more often than by chance.
      if (p >= 0 && (together * b.n) / (b.count[i]! * b.count[p]!) <= 1) p = -1;
    }
    const has = p >= 0;
    return {
      product: b.ids[i]!,
      label: b.labels[i]!,
      baskets: b.count[i]!,
      share: b.count[i]! / b.n,
      partner: has ? b.ids[p]! : null,
      partner_label: has ? b.labels[p]! : null,
      together: has ? together : null,
      confidence: has ? together / b.count[i]! : null,
      lift: has ? (together * b.n) / (b.count[i]! * b.count[p]!) : null,
      from_rule: r !== undefined,
    };
  });
}

/** For item `i`, the number of baskets holding it and each other item. */
function coCounts(b: Baskets, i: number): Int32Array {
  const co = new Int32Array(b.ids.length);
  for (let k = 0; k < b.n; k++) {
    const from = b.start[k]!;
    const to = b.start[k + 1]!;
    let has = false;
    for (let t = from; t < to && b.items[t]! <= i; t++) if (b.items[t] === i) has = true;
    if (has) for (let t = from; t < to; t++) co[b.items[t]!]!++;
  }
  return co;
}

function methodRow(b: Baskets, choice: SupportChoice | null, rules: number, config: BasketConfig): SeriesRow<"basket_method"> {
  const fixed = config.min_support !== undefined;
  const reached = choice !== null && choice.itemsets.length >= MIN_ITEMSETS;
  return {
    baskets: b.n,
    items: b.ids.length,
    min_support: choice ? choice.minSupport : null,
    chosen_by: fixed ? "config" : !choice ? "no baskets" : reached ? "enough itemsets" : "last candidate",
    min_count: choice ? minCount(choice.minSupport, b.n) : null,
    tried: choice ? choice.tried.map((t) => ({ min_support: t.minSupport, itemsets: t.itemsets })) : [],
    itemsets: choice ? choice.itemsets.length : 0,
    max_size: config.max_size,
    min_confidence: config.min_confidence,
    min_lift: config.min_lift,
    rules,
  };
}

export { BASKET_METRICS } from "./catalogue.ts";
export { SUPPORT_CANDIDATES, MIN_ITEMSETS } from "./itemsets.ts";

/** The basket in the registry: order lines, filtered by segment when the config asks. */
export const basketAnalysis: Analysis = {
  name: "basket",
  rows: [],
  requires: ["orders"],
  period: true,
  uses: ["segments"],
  provides: [],
  reductions: (sources) => basketReductions(sources),
  run: (input) => {
    // Without an order id or a product column there are no baskets to analyse.
    const lines = basketLines(input.reduced);
    if (!lines) return { facts: [], warnings: [], series: {} };
    return basket(
      { lines },
      {
        productLabels: input.dicts.product.labels,
        text: input.dicts.label.labels,
        segmentsOf: input.outputs.segments,
        config: input.config.basket,
      },
    );
  },
};
