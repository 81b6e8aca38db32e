/**
 * The basket analysis's series: the kept association rules, the top
 * products with their partners, the cross-sell offers and the method.
 */
import { z } from "zod";
import { maybe, num, text } from "../rows.ts";

/** One side of a rule: its product ids and their labels, in the same order. */
const side = z.array(z.string());

export const BASKET_SERIES = {
  /**
   * One row per kept rule, in rule order, at most RULE_ROWS. `conviction` is
   * null and `conviction_infinite` true when confidence is 1 (conviction ∞).
   */
  basket_rules: z.strictObject({
    rule: text,
    antecedents: side,
    antecedent_labels: side,
    consequents: side,
    consequent_labels: side,
    support: num,
    confidence: num,
    lift: num,
    leverage: num,
    conviction: maybe,
    conviction_infinite: z.boolean(),
    antecedent_baskets: num,
    consequent_baskets: num,
    rule_baskets: num,
  }),
  /**
   * The TOP_ITEMS products in most baskets (ties: id in code-unit order), with
   * the partner each is most often bought with: the consequent of its
   * highest-lift kept rule product ⇒ partner (`from_rule`), else the product
   * in most of its baskets when that pairing's lift is above 1; partner to
   * lift null without one.
   */
  basket_items: z.strictObject({
    product: text,
    label: text,
    baskets: num,
    share: num,
    partner: text.nullable(),
    partner_label: text.nullable(),
    together: maybe,
    confidence: maybe,
    lift: maybe,
    from_rule: z.boolean(),
  }),
  /** CROSS_SELL_ROWS cross-sell offers: see `crossSell`. */
  basket_cross_sell: z.strictObject({
    rank: num,
    kind: z.enum(["pair", "bundle"]),
    rule: text,
    antecedents: side,
    antecedent_labels: side,
    consequents: side,
    consequent_labels: side,
    confidence: num,
    lift: num,
    reach: num,
    reach_share: num,
  }),
  /**
   * One row: the baskets and items, the minimum support and how it was
   * chosen, each candidate support tried with its frequent itemsets, and the
   * rule thresholds. `chosen_by`: set in the config; no baskets to choose
   * from; the first of `SUPPORT_CANDIDATES` with at least `MIN_ITEMSETS`
   * frequent itemsets; or, when none has that many, the last candidate.
   */
  basket_method: z.strictObject({
    baskets: num,
    items: num,
    min_support: maybe,
    chosen_by: z.enum(["config", "no baskets", "enough itemsets", "last candidate"]),
    min_count: maybe,
    tried: z.array(z.strictObject({ min_support: num, itemsets: num })),
    itemsets: num,
    max_size: num,
    min_confidence: num,
    min_lift: num,
    rules: num,
  }),
};
