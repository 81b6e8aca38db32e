/**
 * The market basket metrics: the public contract of ids, dims and units; the
 * data page renders this table.
 */
import type { MetricDef } from "../../facts/metric.ts";

const NEEDS = "not emitted when the orders have no order id or no product column";
const TOP = `${NEEDS}; one fact per rule for the first 50 kept rules by lift (then rule key); none when no rule is kept`;

export const BASKET_METRICS = [
  {
    id: "basket.baskets",
    section: "basket",
    label: "Baskets",
    unit: "count",
    dims: [],
    formula:
      "orders (distinct order ids in the period, after the country filter) with at least one product line once the non-product codes (postage, fees, vouchers …) are excluded",
    empty: `${NEEDS}; 0 when no order has a product line`,
  },
  {
    id: "basket.items",
    section: "basket",
    label: "Products in baskets",
    unit: "count",
    dims: [],
    formula: "distinct product ids (case-sensitive) in the baskets",
    empty: `${NEEDS}; 0 without baskets`,
  },
  {
    id: "basket.rules",
    section: "basket",
    label: "Association rules",
    unit: "count",
    dims: [],
    formula:
      "rules A ⇒ C (A, C non-empty and disjoint, A ∪ C a frequent itemset of at most basket.max_size products) with confidence ≥ basket.min_confidence (0.3) and lift > basket.min_lift (1)",
    empty: `${NEEDS}; 0 without baskets`,
  },
  {
    id: "basket.min_support",
    section: "basket",
    label: "Minimum support",
    unit: "share",
    dims: [],
    formula:
      "the support threshold used: an itemset is frequent when the share of baskets holding it is ≥ this; basket.min_support in the config, else the first of 0.05, 0.03, 0.02, 0.015, 0.01, 0.0075, 0.005 that gives at least 300 frequent itemsets (of every size), else 0.005",
    empty: `${NEEDS}; null without baskets`,
  },
  {
    id: "basket.rule.lift",
    section: "basket",
    label: "Rule lift",
    unit: "ratio",
    dims: ["rule"],
    formula:
      "baskets with A ∪ C × baskets ÷ (baskets with A × baskets with C): how many times more often C is in a basket with A than in any basket; equal for A ⇒ C and C ⇒ A. The rule key is A=>C with product ids joined by + in code-unit order",
    empty: TOP,
  },
  {
    id: "basket.rule.support",
    section: "basket",
    label: "Rule support",
    unit: "share",
    dims: ["rule"],
    formula: "share of baskets holding every product of A and of C",
    empty: TOP,
  },
  {
    id: "basket.rule.confidence",
    section: "basket",
    label: "Rule confidence",
    unit: "share",
    dims: ["rule"],
    formula: "baskets with A ∪ C ÷ baskets with A: the share of the baskets holding A that also hold C",
    empty: TOP,
  },
] as const satisfies readonly MetricDef[];
