/**
 * Association rules A ⇒ C from frequent itemsets, with the metrics of
 * `mlxtend.frequent_patterns.association_rules`, computed from integer basket
 * counts.
 */
import type { Itemset } from "./itemsets.ts";

export interface RuleMetrics {
  /** Share of baskets holding A ∪ C. */
  readonly support: number;
  /** Share of the baskets holding A that also hold C. */
  readonly confidence: number;
  /** Confidence ÷ the share of baskets holding C. */
  readonly lift: number;
  /** support(A ∪ C) − support(A) × support(C). */
  readonly leverage: number;
  /** (1 − support(C)) ÷ (1 − confidence); Infinity when confidence is 1. */
  readonly conviction: number;
}

/**
 * Rule metrics from basket counts: `both` baskets hold A ∪ C, `a` hold A,
 * `c` hold C, of `n`. Lift is `both·n ÷ (a·c)` and conviction
 * `(n − c)·a ÷ (n·(a − both))`, each rounded once, so that A ⇒ C and C ⇒ A have
 * exactly the same lift (mlxtend's confidence ÷ support(C) can differ in the
 * last bit between the two).
 * @example ruleMetrics(2, 3, 2, 5); // => { support: 0.4, confidence: 2/3, lift: 5/3, leverage: 0.16, conviction: 1.8 }
 * @example ruleMetrics(2, 2, 3, 5).conviction; // => Infinity
 */
export function ruleMetrics(both: number, a: number, c: number, n: number): RuleMetrics {
  return {
    support: both / n,
    confidence: both / a,
    lift: (both * n) / (a * c),
    leverage: (both * n - a * c) / (n * n),
    conviction: a === both ? Infinity : ((n - c) * a) / (n * (a - both)),
  };
}

export interface Rule extends RuleMetrics {
  /** Item indices of A and of C, ascending. */
  readonly antecedent: readonly number[];
  readonly consequent: readonly number[];
  /** `A+B=>C` with the product ids of each side in code-unit order. */
  readonly key: string;
  /** Baskets holding A, C, and A ∪ C. */
  readonly antecedentCount: number;
  readonly consequentCount: number;
  readonly count: number;
}

export interface RuleOptions {
  /** Rules are kept when confidence ≥ minConfidence … */
  readonly minConfidence: number;
  /** … and lift > minLift. */
  readonly minLift: number;
}

/**
 * The rule key: product ids of each side in code-unit order, joined by `+`,
 * the sides by `=>`.
 * @example ruleKey(["22699", "22697"], ["22698"]); // => "22697+22699=>22698"
 */
export const ruleKey = (antecedent: readonly string[], consequent: readonly string[]): string =>
  `${[...antecedent].sort().join("+")}=>${[...consequent].sort().join("+")}`;

/**
 * Every rule A ⇒ C with A and C non-empty, disjoint, and A ∪ C a frequent
 * itemset (so A and C are frequent too), kept when its confidence is at least
 * `minConfidence` and its lift above `minLift`. Sorted by lift descending,
 * then by key in code-unit order.
 * @example
 * // 5 baskets; {x}: 3, {y}: 2, {x, y}: 2
 * associationRules(itemsets, 5, ["x", "y"], { minConfidence: 0.5, minLift: 1 }).map((r) => r.key); // => ["x=>y", "y=>x"]
 */
export function associationRules(itemsets: readonly Itemset[], n: number, ids: readonly string[], options: RuleOptions): Rule[] {
  const countOf = new Map<string, number>();
  for (const s of itemsets) countOf.set(s.items.join(","), s.count);
  const count = (items: readonly number[]): number => {
    const c = countOf.get(items.join(","));
    if (c === undefined) throw new Error(`itemset ${items.map((i) => ids[i]).join("+")} is missing its subset counts`);
    return c;
  };
  const rules: Rule[] = [];
  for (const s of itemsets) {
    const k = s.items.length;
    if (k < 2) continue;
    for (let mask = 1; mask < (1 << k) - 1; mask++) {
      const antecedent: number[] = [];
      const consequent: number[] = [];
      for (let i = 0; i < k; i++) (mask & (1 << i) ? antecedent : consequent).push(s.items[i]!);
      const a = count(antecedent);
      const c = count(consequent);
      const m = ruleMetrics(s.count, a, c, n);
      if (!(m.confidence >= options.minConfidence && m.lift > options.minLift)) continue;
      rules.push({
        ...m,
        antecedent,
        consequent,
        key: ruleKey(
          antecedent.map((i) => ids[i]!),
          consequent.map((i) => ids[i]!),
        ),
        antecedentCount: a,
        consequentCount: c,
        count: s.count,
      });
    }
  }
  return rules.sort((x, y) => y.lift - x.lift || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
}
