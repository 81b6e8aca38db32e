/**
 * Market basket analysis (src/analyses/basket/). Expected values come from
 * hand computations written out below, from the mlxtend documentation's
 * example, from planted counts, and, on UCI Online Retail, from the
 * independent pandas/numpy reference tests/reference/basket_reference.py.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { basketLines, basketReductions, toBaskets, type BasketLines } from "../../src/analyses/basket/baskets.ts";
import type { Sources } from "../../src/analyses/analysis.ts";
import { duckdbDialect } from "../../src/engine/dialect.ts";
import { crossSellSentence, times } from "../../src/site/basket.ts";
import { makeFormatter } from "../../src/words/format.ts";
import { basket, basketAnalysis, type BasketResult } from "../../src/analyses/basket/index.ts";
import { frequentItemsets, minCount } from "../../src/analyses/basket/itemsets.ts";
import { associationRules } from "../../src/analyses/basket/rules.ts";
import type { SeriesName, SeriesRow } from "../../src/analyses/series.ts";
import { createRand } from "../../src/demo/random.ts";
import { parseConfig } from "../../src/read/config.ts";
import { ConfigSchema, type BasketConfig, type ConfigInput } from "../../src/schema/config.ts";
import { Dict } from "../../src/read/table.ts";
import { fact, reduceFor } from "../helpers.ts";

interface Line {
  readonly order: string;
  readonly product: string;
  readonly description?: string;
  readonly country?: string;
}

/**
 * Order lines as the basket reduction gives them (`basketLines`): one row per
 * line here, in line order, with dictionaries filled in row order; a role in
 * `omit` is a column the lines lack.
 */
function orderLines(rows: readonly Line[], omit: readonly string[] = []) {
  const orders = new Dict();
  const products = new Dict();
  const text = new Dict();
  const col = (role: string, of: (r: Line) => number): Float64Array | null => (omit.includes(role) ? null : Float64Array.from(rows, of));
  const lines: BasketLines = {
    length: rows.length,
    basket: Float64Array.from(rows, (r) => orders.id(r.order)),
    product: Float64Array.from(rows, (r) => products.id(r.product)),
    user: null,
    description: col("description", (r) => (r.description === undefined ? -1 : text.id(r.description))),
    country: col("country", (r) => (r.country === undefined ? -1 : text.id(r.country))),
    lines: new Float64Array(rows.length).fill(1),
  };
  return { table: lines, productLabels: products.labels, text: text.labels };
}

/** Lines from baskets of product ids (order ids "1", "2" …), described by the id in upper case. */
const fromBaskets = (baskets: readonly (readonly string[])[]): Line[] =>
  baskets.flatMap((b, i) => b.map((product) => ({ order: String(i + 1), product, description: product.toUpperCase() })));

/** toBaskets options with the exclusion list of an empty config. */
const DEFAULT_OPTIONS = { exclude: ConfigSchema.parse({}).basket.exclude };

/** The basket analysis of `rows` with the `basket` settings given and the schema's defaults for the rest. */
const run = (rows: readonly Line[], settings: ConfigInput["basket"] = {}, omit: readonly string[] = []): BasketResult =>
  runWith(rows, ConfigSchema.parse({ basket: settings }).basket, omit);

/** As `run`, but with single products only (max_size 1): below the schema's minimum of 2, so that planted counts of single items stay exact. */
const runSingles = (rows: readonly Line[], settings: ConfigInput["basket"] = {}): BasketResult =>
  runWith(rows, { ...ConfigSchema.parse({ basket: settings }).basket, max_size: 1 });

function runWith(rows: readonly Line[], config: BasketConfig, omit: readonly string[] = []): BasketResult {
  const { table, productLabels, text } = orderLines(rows, omit);
  return basket({ lines: table }, { productLabels, text, config });
}

const rows = <N extends SeriesName>(r: BasketResult, name: N): SeriesRow<N>[] => r.series[name]!;
const byRule = (r: BasketResult): Map<string, SeriesRow<"basket_rules">> => new Map(rows(r, "basket_rules").map((x) => [x.rule, x]));

/**
 * The 5-basket market of Tan, Steinbach & Kumar, Introduction to Data Mining,
 * table 6.1. Baskets holding each item: Bread 4 (1, 2, 4, 5), Milk 4 (1, 3, 4, 5),
 * Diapers 4 (2, 3, 4, 5), Beer 3 (2, 3, 4), Cola 2 (3, 5), Eggs 1 (2).
 */
const TSK = [
  ["Bread", "Milk"],
  ["Bread", "Diapers", "Beer", "Eggs"],
  ["Milk", "Diapers", "Beer", "Cola"],
  ["Bread", "Milk", "Diapers", "Beer"],
  ["Bread", "Milk", "Diapers", "Cola"],
];

describe("basket(input, ctx) on a hand-computed 5-basket market", () => {
  // min_support 0.4: an itemset is frequent in ≥ 2 of 5 baskets.
  // Items: Beer 3, Bread 4, Cola 2, Diapers 4, Milk 4 (Eggs 1 is not) → 5.
  // Pairs: Beer+Bread 2 (b2, b4), Beer+Diapers 3, Beer+Milk 2 (b3, b4), Bread+Diapers 3,
  // Bread+Milk 3, Cola+Diapers 2 (b3, b5), Cola+Milk 2, Diapers+Milk 3 (b3, b4, b5);
  // Beer+Cola 1 and Bread+Cola 1 are not → 8.
  // Triples: Beer+Bread+Diapers 2 (b2, b4), Beer+Diapers+Milk 2 (b3, b4),
  // Bread+Diapers+Milk 2 (b4, b5), Cola+Diapers+Milk 2 (b3, b5); Beer+Bread+Milk 1 → 4.
  // 17 itemsets; rules: 8 pairs × 2 + 4 triples × 6 = 40 before any filter.
  const all = run(fromBaskets(TSK), { min_support: 0.4, min_confidence: 0, min_lift: 0 })!;
  const kept = run(fromBaskets(TSK), { min_support: 0.4 })!;

  it("counts 5 baskets, 6 items, 17 frequent itemsets and all 40 rules without filters", () => {
    expect(fact(all.facts, "basket.baskets")).toBe(5);
    expect(fact(all.facts, "basket.items")).toBe(6);
    expect(fact(all.facts, "basket.min_support")).toBe(0.4);
    expect(rows(all, "basket_method")[0]).toMatchObject({ itemsets: 17, min_count: 2, rules: 40, chosen_by: "config" });
    expect(fact(all.facts, "basket.rules")).toBe(40);
  });

  it("gives mlxtend's support, confidence, lift, leverage and conviction from the counts", () => {
    const r = byRule(all);
    // Diapers+Milk ⇒ Beer: n(AC) = 2, n(A) = 3, n(C) = 3, N = 5.
    // support 2/5 = 0.4; confidence 2/3; lift (2/3) ÷ (3/5) = 10/9;
    // leverage 0.4 − 0.6 × 0.6 = 0.04; conviction (1 − 0.6) ÷ (1 − 2/3) = 1.2.
    const a = r.get("Diapers+Milk=>Beer")!;
    expect(a.support).toBeCloseTo(0.4, 15);
    expect(a.confidence).toBeCloseTo(2 / 3, 15);
    expect(a.lift).toBeCloseTo(10 / 9, 15);
    expect(a.leverage).toBeCloseTo(0.04, 15);
    expect(a.conviction).toBeCloseTo(1.2, 15);
    expect(a).toMatchObject({ antecedent_baskets: 3, consequent_baskets: 3, rule_baskets: 2, conviction_infinite: false });
    // Diapers ⇒ Beer: n(AC) = 3, n(A) = 4, n(C) = 3. confidence 3/4; lift 0.75 ÷ 0.6 = 1.25;
    // leverage 0.6 − 0.8 × 0.6 = 0.12; conviction (1 − 0.6) ÷ (1 − 0.75) = 1.6.
    const b = r.get("Diapers=>Beer")!;
    expect([b.support, b.confidence, b.lift]).toEqual([0.6, 0.75, 1.25]);
    expect(b.leverage).toBeCloseTo(0.12, 15);
    expect(b.conviction).toBeCloseTo(1.6, 15);
    // Beer ⇒ Diapers: every basket with beer has diapers: confidence 1, conviction ∞.
    expect(r.get("Beer=>Diapers")).toMatchObject({ confidence: 1, lift: 1.25, conviction: null, conviction_infinite: true });
    // Beer ⇒ Bread+Diapers: n(AC) = 2, n(A) = 3, n(C) = 3 (b2, b4, b5): the same numbers as the first rule.
    expect(r.get("Beer=>Bread+Diapers")!["lift"]).toBeCloseTo(10 / 9, 15);
  });

  it("keeps rules with confidence ≥ 0.3 and lift > 1, by lift then key: Cola ⇒ Diapers+Milk first", () => {
    // Cola ⇒ Diapers+Milk: n(AC) = 2, n(A) = 2, n(C) = 3: lift 2·5 ÷ (2·3) = 5/3, confidence 1.
    // Diapers+Milk ⇒ Cola: the same lift, confidence 2/3; "Cola…" < "Diapers…".
    // Bread ⇒ Milk (3·5 ÷ (4·4) = 15/16) is dropped: lift < 1.
    const list = rows(kept, "basket_rules");
    expect(list.slice(0, 2).map((x) => x.rule)).toEqual(["Cola=>Diapers+Milk", "Diapers+Milk=>Cola"]);
    expect(list[0]!["lift"]).toBe(5 / 3);
    expect(list[1]!["lift"]).toBe(list[0]!["lift"]);
    expect(list.every((x) => Number(x.lift) > 1 && Number(x.confidence) >= 0.3)).toBe(true);
    expect(byRule(kept).has("Bread=>Milk")).toBe(false);
    expect(fact(kept.facts, "basket.rule.lift", { rule: "Cola=>Diapers+Milk" })).toBe(5 / 3);
    expect(fact(kept.facts, "basket.rule.confidence", { rule: "Diapers+Milk=>Cola" })).toBe(2 / 3);
    expect(fact(kept.facts, "basket.rule.support", { rule: "Diapers+Milk=>Cola" })).toBe(0.4);
  });

  it("writes conviction ∞ as null with conviction_infinite true, never as a huge number", () => {
    const json = JSON.stringify(kept.series);
    expect(json).not.toMatch(/Infinity|e\+/);
    for (const x of rows(kept, "basket_rules")) {
      expect(x.conviction_infinite).toBe(x.confidence === 1);
      if (x.conviction_infinite) expect(x.conviction).toBeNull();
    }
  });

  it("lists the top products with their best partner: the highest-lift kept pair rule, then key; else the most frequent companion above lift 1", () => {
    // Bread ⇒ Diapers 15/16, Bread ⇒ Milk 15/16, Bread ⇒ Beer 10/12: no lift above 1.
    // Diapers ⇒ Beer and Diapers ⇒ Cola both 1.25: Beer by key. Milk ⇒ Cola 10/8 = 1.25.
    // Beer ⇒ Diapers 1.25; Cola ⇒ Diapers and Cola ⇒ Milk both 1.25: Diapers by key.
    // No kept rule, so the most frequent companion: Bread's is Diapers (3 baskets, tie with Milk broken by id),
    // lift 3·5/(4·4) = 0.94 ≤ 1: none. Eggs (basket 2 only) is with Beer, Bread and Diapers once each:
    // Beer by id, lift 1·5/(1·3) = 5/3.
    expect(rows(kept, "basket_items").map((x) => [x.product, x.baskets, x.partner, x.lift])).toEqual([
      ["Bread", 4, null, null],
      ["Diapers", 4, "Beer", 1.25],
      ["Milk", 4, "Cola", 1.25],
      ["Beer", 3, "Diapers", 1.25],
      ["Cola", 2, "Diapers", 1.25],
      ["Eggs", 1, "Beer", 5 / 3],
    ]);
    expect(rows(kept, "basket_items")[1]).toMatchObject({ label: "DIAPERS", partner_label: "BEER", confidence: 0.75, share: 0.8 });
  });

  it("offers the strongest rule, one per itemset, the direction with the higher confidence", () => {
    const offers = rows(kept, "basket_cross_sell");
    expect(offers[0]).toMatchObject({
      rank: 1,
      kind: "bundle",
      rule: "Cola=>Diapers+Milk",
      reach: 2,
      reach_share: 0.4,
      antecedent_labels: ["COLA"],
      consequent_labels: ["DIAPERS", "MILK"],
      confidence: 1,
    });
    const itemsets = offers.map((o) => [...String(o.antecedents).split(" + "), ...String(o.consequents).split(" + ")].sort().join());
    expect(new Set(itemsets).size).toBe(itemsets.length);
  });
});

describe("basket(input, ctx) on the mlxtend documentation example", () => {
  // https://rasbt.github.io/mlxtend/user_guide/frequent_patterns/association_rules/
  // (docs/sources/user_guide/frequent_patterns/association_rules.ipynb, Example 1).
  // Basket 5 holds Onion twice; it counts once.
  const DATASET = [
    ["Milk", "Onion", "Nutmeg", "Kidney Beans", "Eggs", "Yogurt"],
    ["Dill", "Onion", "Nutmeg", "Kidney Beans", "Eggs", "Yogurt"],
    ["Milk", "Apple", "Kidney Beans", "Eggs"],
    ["Milk", "Unicorn", "Corn", "Kidney Beans", "Yogurt"],
    ["Corn", "Onion", "Onion", "Kidney Beans", "Ice cream", "Eggs"],
  ];

  it("finds the 11 frequent itemsets of apriori(df, min_support=0.6)", () => {
    const { table, productLabels, text } = orderLines(fromBaskets(DATASET));
    const b = toBaskets(table, productLabels, text, DEFAULT_OPTIONS);
    const sets = frequentItemsets(b, minCount(0.6, b.n), 3).map((s): [string, number] => [s.items.map((i) => b.ids[i]).join("+"), s.count / b.n]);
    // The docs' table, support then itemset.
    expect(new Map(sets)).toEqual(
      new Map([
        ["Eggs", 0.8],
        ["Kidney Beans", 1.0],
        ["Milk", 0.6],
        ["Onion", 0.6],
        ["Yogurt", 0.6],
        ["Eggs+Kidney Beans", 0.8],
        ["Eggs+Onion", 0.6],
        ["Kidney Beans+Milk", 0.6],
        ["Kidney Beans+Onion", 0.6],
        ["Kidney Beans+Yogurt", 0.6],
        ["Eggs+Kidney Beans+Onion", 0.6],
      ]),
    );
  });

  it("gives the 12 rules of association_rules(frequent_itemsets, metric='confidence', min_threshold=0.7)", () => {
    // mlxtend filters on confidence only, so no lift filter here (lift > 0 keeps all).
    const r = run(fromBaskets(DATASET), { min_support: 0.6, min_confidence: 0.7, min_lift: 0 })!;
    // The docs' table: antecedent support, consequent support, support, confidence, lift, leverage;
    // conviction by hand, (1 − consequent support) ÷ (1 − confidence), ∞ (null) at confidence 1.
    const docs: [string, number, number, number, number, number, number, number | null][] = [
      ["Kidney Beans=>Eggs", 1.0, 0.8, 0.8, 0.8, 1.0, 0.0, 1.0],
      ["Eggs=>Kidney Beans", 0.8, 1.0, 0.8, 1.0, 1.0, 0.0, null],
      ["Onion=>Eggs", 0.6, 0.8, 0.6, 1.0, 1.25, 0.12, null],
      ["Eggs=>Onion", 0.8, 0.6, 0.6, 0.75, 1.25, 0.12, 1.6],
      ["Milk=>Kidney Beans", 0.6, 1.0, 0.6, 1.0, 1.0, 0.0, null],
      ["Onion=>Kidney Beans", 0.6, 1.0, 0.6, 1.0, 1.0, 0.0, null],
      ["Yogurt=>Kidney Beans", 0.6, 1.0, 0.6, 1.0, 1.0, 0.0, null],
      ["Kidney Beans+Onion=>Eggs", 0.6, 0.8, 0.6, 1.0, 1.25, 0.12, null],
      ["Eggs+Onion=>Kidney Beans", 0.6, 1.0, 0.6, 1.0, 1.0, 0.0, null],
      ["Eggs+Kidney Beans=>Onion", 0.8, 0.6, 0.6, 0.75, 1.25, 0.12, 1.6],
      ["Onion=>Eggs+Kidney Beans", 0.6, 0.8, 0.6, 1.0, 1.25, 0.12, null],
      ["Eggs=>Kidney Beans+Onion", 0.8, 0.6, 0.6, 0.75, 1.25, 0.12, 1.6],
    ];
    const mine = byRule(r);
    expect([...mine.keys()].sort()).toEqual(docs.map((d) => d[0]).sort());
    for (const [key, sa, sc, s, conf, lift, leverage, conviction] of docs) {
      const x = mine.get(key)!;
      expect(Number(x.antecedent_baskets) / 5).toBeCloseTo(sa, 12);
      expect(Number(x.consequent_baskets) / 5).toBeCloseTo(sc, 12);
      expect(x.support).toBeCloseTo(s, 12);
      expect(x.confidence).toBeCloseTo(conf, 12);
      expect(x.lift).toBeCloseTo(lift, 12);
      expect(x.leverage).toBeCloseTo(leverage, 12);
      if (conviction === null) expect(x).toMatchObject({ conviction: null, conviction_infinite: true });
      else expect(x.conviction).toBeCloseTo(conviction, 12);
    }
    // Sorted by lift, then key: the six 1.25 rules first.
    expect(rows(r, "basket_rules").map((x) => x.rule)).toEqual([
      "Eggs+Kidney Beans=>Onion",
      "Eggs=>Kidney Beans+Onion",
      "Eggs=>Onion",
      "Kidney Beans+Onion=>Eggs",
      "Onion=>Eggs",
      "Onion=>Eggs+Kidney Beans",
      "Eggs+Onion=>Kidney Beans",
      "Eggs=>Kidney Beans",
      "Kidney Beans=>Eggs",
      "Milk=>Kidney Beans",
      "Onion=>Kidney Beans",
      "Yogurt=>Kidney Beans",
    ]);
  });
});

describe("toBaskets(lines, products, text, options)", () => {
  it("counts a product twice in one order once, in its support and in the basket", () => {
    const r = run(fromBaskets([["A", "A", "X"], ["A", "X", "X", "X"], ["C"]]), { min_support: 0.5, min_confidence: 0, min_lift: 0 })!;
    // A: baskets 1, 2 → 2 of 3; X likewise; A+X 2 of 3. Lift 2·3 ÷ (2·2) = 1.5; confidence 1.
    expect(byRule(r).get("A=>X")).toMatchObject({ antecedent_baskets: 2, consequent_baskets: 2, rule_baskets: 2, confidence: 1, lift: 1.5 });
    expect(rows(r, "basket_items").map((x) => [x.product, x.baskets])).toEqual([
      ["A", 2],
      ["X", 2],
      ["C", 1],
    ]);
  });

  it("leaves out the default non-product codes (case-sensitive, gift_0001_* and DCGS* prefixes); an order left empty is no basket", () => {
    const lines = fromBaskets([
      ["POST", "85123A"],
      ["POST"], // postage only: no basket
      ["gift_0001_20", "DCGS0070", "22423"],
      ["m", "M", "BANK CHARGES", "AMAZONFEE", "CRUK", "PADS", "C2", "D", "S", "B", "DOT"], // no basket
      ["post", "gift_0002_20", "dcgs1"], // not on the list: other case, other prefix
    ]);
    const b = run(lines)!;
    expect(fact(b.facts, "basket.baskets")).toBe(3);
    expect(rows(b, "basket_items").map((x) => x.product)).toEqual(["22423", "85123A", "dcgs1", "gift_0002_20", "post"]);
    // The config replaces the list: now only codes starting with "gift" are left out.
    const replaced = run(lines, { exclude: ["gift*"] })!;
    expect(fact(replaced.facts, "basket.baskets")).toBe(5);
    // 19 distinct codes in all, 2 of them gift_…
    expect(fact(replaced.facts, "basket.items")).toBe(17);
    expect(fact(run(lines, { exclude: [] })!.facts, "basket.items")).toBe(19);
  });

  it("keeps only the lines of the countries asked for, and warns when there is no country column", () => {
    const lines: Line[] = [
      { order: "1", product: "A", country: "France" },
      { order: "1", product: "X", country: "France" },
      { order: "2", product: "A", country: "Germany" },
      { order: "3", product: "C", country: "France" },
      { order: "3", product: "Y", country: "EIRE" },
      { order: "4", product: "E" },
    ];
    const fr = run(lines, { countries: ["France"] })!;
    expect(fact(fr.facts, "basket.baskets")).toBe(2);
    expect(rows(fr, "basket_items").map((x) => x.product)).toEqual(["A", "C", "X"]);
    expect(fact(run(lines, { countries: ["France", "Germany"] })!.facts, "basket.baskets")).toBe(3);
    expect(fact(run(lines)!.facts, "basket.baskets")).toBe(4);
    const none = run(lines, { countries: ["France"] }, ["country"])!;
    expect(fact(none.facts, "basket.baskets")).toBe(0);
    expect(fact(none.facts, "basket.min_support")).toBeNull();
    expect(none.warnings.map((w) => w.code)).toEqual(["basket.countries", "basket.empty"]);
  });

  it("labels an item with its most frequent description, ties to the first in code-unit order, else its id", () => {
    const lines: Line[] = [
      { order: "1", product: "A", description: "alpha" },
      { order: "1", product: "A", description: "Zeta" },
      { order: "2", product: "A", description: "alpha" },
      { order: "2", product: "A", description: "Beta" },
      { order: "3", product: "A", description: "Zeta" },
      { order: "3", product: "X" },
      { order: "4", product: "C", description: "Gamma" },
    ];
    const { table, productLabels, text } = orderLines(lines);
    const b = toBaskets(table, productLabels, text, DEFAULT_OPTIONS);
    // A: alpha 2, Zeta 2, Beta 1 → "Zeta" (Z = 0x5A comes before a = 0x61).
    expect(b.ids).toEqual(["A", "C", "X"]);
    expect(b.labels).toEqual(["Zeta", "Gamma", "X"]);
    expect(Array.from(b.count)).toEqual([3, 1, 1]);
    // B is a default non-product code (bank charges), left out with its lines.
    expect(toBaskets(orderLines([{ order: "1", product: "B" }]).table, ["B"], [], DEFAULT_OPTIONS).n).toBe(0);
  });

  it("has no reduction without an order id or a product column, and says which optional columns the lines have", () => {
    const sources = (...roles: string[]): Sources => ({
      dialect: duckdbDialect,
      datasets: { orders: [{ name: "orders", relation: "data_0", roles: new Set(roles), dated: true }] },
      calendar: null,
      range: null,
      labels: (d) => `dict_${d}`,
      tables: {},
    });
    expect(basketReductions(sources("user", "order"))).toEqual({});
    expect(basketReductions(sources("user", "product"))).toEqual({});
    expect(basketReductions(sources("order", "product", "country")).basketColumns!.sql).toBe("SELECT 0 AS u, 1 AS country, 0 AS description");
  });
});

describe("frequent itemsets and the support threshold", () => {
  it("minCount(minSupport, n) compares count ÷ n with the threshold: 7 of 100 is frequent at 0.07 (0.07 × 100 = 7.000000000000001)", () => {
    expect(minCount(0.07, 100)).toBe(7);
    expect(minCount(0.6, 5)).toBe(3);
    expect(minCount(0.015, 1000)).toBe(15);
    expect(minCount(0.0151, 1000)).toBe(16);
    expect(minCount(0.005, 20)).toBe(1);
    const lines = fromBaskets(Array.from({ length: 100 }, (_, i) => (i < 7 ? ["X", "Y"] : ["Y"])));
    const r = runSingles(lines, { min_support: 0.07 })!;
    expect(rows(r, "basket_method")[0]).toMatchObject({ min_count: 7, itemsets: 2 });
  });

  it("frequentItemsets(baskets, count, maxSize) counts every subset up to maxSize: C(8,1…4) = 162 itemsets in identical baskets", () => {
    const same = Array.from({ length: 10 }, () => ["a", "b", "c", "d", "e", "f", "g", "h"]);
    const { table, productLabels, text } = orderLines(fromBaskets(same));
    const b = toBaskets(table, productLabels, text, DEFAULT_OPTIONS);
    expect(frequentItemsets(b, 10, 4).length).toBe(8 + 28 + 56 + 70);
    expect(frequentItemsets(b, 10, 2).length).toBe(8 + 28);
    expect(frequentItemsets(b, 11, 4).length).toBe(0);
    // Rules: 2^k − 2 per itemset of k items, all of lift 1 and conviction ∞: 28·2 + 56·6 + 70·14.
    const r = run(fromBaskets(same), { min_support: 1, max_size: 4, min_confidence: 0, min_lift: 0 })!;
    expect(fact(r.facts, "basket.rules")).toBe(56 + 336 + 980);
    expect(fact(run(fromBaskets(same), { min_support: 1, max_size: 4 })!.facts, "basket.rules")).toBe(0);
  });

  it("associationRules keeps confidence equal to min_confidence and drops lift equal to min_lift", () => {
    // 100 baskets; x in 10, y in 10, both in 1: lift 1·100 ÷ (10·10) = 1 exactly.
    // u in 10, v in 5, both in 3: u ⇒ v confidence 3/10 = 0.3 exactly, lift 3·100 ÷ 50 = 6.
    const sets = [
      { items: [0], count: 10 },
      { items: [1], count: 10 },
      { items: [0, 1], count: 1 },
      { items: [2], count: 10 },
      { items: [3], count: 5 },
      { items: [2, 3], count: 3 },
    ];
    const ids = ["x", "y", "u", "v"];
    expect(associationRules(sets, 100, ids, { minConfidence: 0.1, minLift: 1 }).map((r) => r.key)).toEqual(["u=>v", "v=>u"]);
    expect(associationRules(sets, 100, ids, { minConfidence: 0.3, minLift: 0.99 }).map((r) => r.key)).toEqual(["u=>v", "v=>u"]);
    expect(associationRules(sets, 100, ids, { minConfidence: 0.1, minLift: 0.99 }).map((r) => r.key)).toEqual(["u=>v", "v=>u", "x=>y", "y=>x"]);
  });

  // Planted counts, maxSize 1 so that only single items count: 1,000 baskets, "ALL" in every one,
  // 49 "H" items in exactly 15 baskets (support 0.015) and 250 "T" items in exactly 12 (0.012).
  // Frequent itemsets: 0.05, 0.03, 0.02 → 1; 0.015 → 1 + 49 = 50; 0.01 → 1 + 49 + 250 = 300.
  const planted = (t: number): Line[] => {
    const lines: Line[] = [];
    for (let b = 0; b < 1000; b++) {
      const order = String(b);
      lines.push({ order, product: "ALL" });
      if (b < 15) for (let i = 0; i < 49; i++) lines.push({ order, product: `H${i}` });
      if (b < 12) for (let i = 0; i < t; i++) lines.push({ order, product: `T${i}` });
    }
    return lines;
  };

  it("chooses the first default min_support with at least 300 frequent itemsets: 0.01 with exactly 300", () => {
    const r = runSingles(planted(250))!;
    expect(fact(r.facts, "basket.min_support")).toBe(0.01);
    expect(rows(r, "basket_method")[0]).toMatchObject({
      itemsets: 300,
      tried: [
        { min_support: 0.05, itemsets: 1 },
        { min_support: 0.03, itemsets: 1 },
        { min_support: 0.02, itemsets: 1 },
        { min_support: 0.015, itemsets: 50 },
        { min_support: 0.01, itemsets: 300 },
      ],
    });
  });

  it("falls back to the last candidate, 0.005, when none reaches 300", () => {
    const r = runSingles(planted(249))!;
    expect(fact(r.facts, "basket.min_support")).toBe(0.005);
    expect(rows(r, "basket_method")[0]).toMatchObject({
      itemsets: 299,
      tried: [
        { min_support: 0.05, itemsets: 1 },
        { min_support: 0.03, itemsets: 1 },
        { min_support: 0.02, itemsets: 1 },
        { min_support: 0.015, itemsets: 50 },
        { min_support: 0.01, itemsets: 299 },
        { min_support: 0.0075, itemsets: 299 },
        { min_support: 0.005, itemsets: 299 },
      ],
    });
    expect(rows(r, "basket_method")[0]!["chosen_by"]).toBe("last candidate");
  });

  it("stops at 0.05 when it already gives 300: 20 items always together make 20 + 190 + 1140 itemsets", () => {
    const items = Array.from({ length: 20 }, (_, i) => `P${String(i).padStart(2, "0")}`);
    const r = run(fromBaskets([...Array.from({ length: 10 }, () => items), ...Array.from({ length: 90 }, (_, i) => [`Q${i}`])]))!;
    expect(fact(r.facts, "basket.min_support")).toBe(0.05);
    expect(rows(r, "basket_method")[0]).toMatchObject({ itemsets: 1350, tried: [{ min_support: 0.05, itemsets: 1350 }] });
  });
});

/** 400 random baskets over 30 products, with planted pairs A1+A2 and triple B1+B2+B3, and repeated lines. */
function randomBaskets(seed: number): string[][] {
  const rand = createRand(seed);
  const baskets: string[][] = [];
  for (let b = 0; b < 400; b++) {
    const items: string[] = [];
    const k = 1 + Math.floor(rand() * 8);
    for (let j = 0; j < k; j++) items.push(`P${Math.floor(rand() * 30)}`);
    if (rand() < 0.2) items.push("A1", "A2");
    if (rand() < 0.1) items.push("B1", "B2", "B3");
    baskets.push(items);
  }
  return baskets;
}

describe("frequentItemsets(baskets, count, maxSize)", () => {
  it("agrees with brute-force counting of every subset of every basket, with the pair table or without", () => {
    const raw = randomBaskets(3);
    const { table, productLabels, text } = orderLines(fromBaskets(raw));
    const b = toBaskets(table, productLabels, text, DEFAULT_OPTIONS);
    for (const [atLeast, maxSize] of [
      [8, 3],
      [3, 4],
      [20, 2],
    ] as const) {
      // Brute force: each distinct basket's subsets of 1 … maxSize products, counted.
      const counts = new Map<string, number>();
      const subsets = (items: string[], from: number, prefix: string[]): void => {
        for (let i = from; i < items.length; i++) {
          const s = [...prefix, items[i]!];
          const key = s.join("+");
          counts.set(key, (counts.get(key) ?? 0) + 1);
          if (s.length < maxSize) subsets(items, i + 1, s);
        }
      };
      for (const basketItems of raw) subsets([...new Set(basketItems)].sort(), 0, []);
      const expected = [...counts].filter(([, c]) => c >= atLeast).sort();
      for (const tableMax of [1 << 24, 0]) {
        const got = frequentItemsets(b, atLeast, maxSize, tableMax).map((s) => [s.items.map((i) => b.ids[i]).join("+"), s.count]);
        expect(got.sort()).toEqual(expected);
      }
      expect(expected.length).toBeGreaterThan(30);
    }
  });
});

describe("basket(input, ctx) output order", () => {
  it("is the same whatever the order of the lines and of the dictionaries", () => {
    const lines = fromBaskets(randomBaskets(7));
    const rand = createRand(8);
    const shuffled = [...lines];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const a = run(lines, { min_support: 0.02 })!;
    const b = run(shuffled, { min_support: 0.02 })!;
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(run(shuffled)!)).toBe(JSON.stringify(run(lines)!));
    const list = rows(a, "basket_rules");
    expect(list.length).toBeGreaterThan(10);
    for (let i = 1; i < list.length; i++) {
      const [p, q] = [list[i - 1]!, list[i]!];
      expect(Number(p.lift) > Number(q.lift) || (p.lift === q.lift && String(p.rule) < String(q.rule))).toBe(true);
    }
    // Mirror rules have exactly equal lift.
    expect(byRule(a).get("A1=>A2")!["lift"]).toBe(byRule(a).get("A2=>A1")!["lift"]);
    expect(byRule(a).get("B1+B2=>B3")!["lift"]).toBe(byRule(a).get("B3=>B1+B2")!["lift"]);
  });
});

describe("crossSellSentence(antecedent, consequent, confidence, lift, fmt)", () => {
  const fmt = makeFormatter("en-US", "USD");
  it("reads like the issue's example, with whole-number lifts from 10 up and one decimal below", () => {
    expect(crossSellSentence(["REGENCY TEACUP AND SAUCER"], ["ROSES REGENCY TEACUP"], 0.72, 19.2, fmt)).toBe(
      "customers who buy REGENCY TEACUP AND SAUCER buy ROSES REGENCY TEACUP 72% of the time, 19× more often than average",
    );
    expect(crossSellSentence(["A", "B"], ["C"], 0.456, 2.04, fmt)).toBe("customers who buy A and B buy C 46% of the time, 2× more often than average");
    expect(times(2.35001, fmt)).toBe("2.4×");
    expect(crossSellSentence(["A"], ["B"], 0.3, 0.5, fmt)).toBe("customers who buy A buy B 30% of the time, 2× less often than average");
  });

  it("follows the report's locale", () => {
    // de-DE: decimal comma, and a non-breaking space before the percent sign.
    expect(crossSellSentence(["A"], ["B"], 0.456, 2.35, makeFormatter("de-DE", "EUR"))).toBe(
      "customers who buy A buy B 46\u00a0% of the time, 2,4× more often than average",
    );
  });
});

const FILE = new URL("../../../shared/data/online-retail/online_retail.csv.gz", import.meta.url).pathname;
const PYTHON = "/usr/bin/python3";
const present = existsSync(FILE);
const hasPandas = existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import pandas, numpy"]).status === 0;
if (!present) console.warn(`skipping the Online Retail basket test: ${FILE} is absent`);
else if (!hasPandas) console.warn("skipping the Online Retail basket reference comparison: /usr/bin/python3 with pandas and numpy is not installed");

describe.skipIf(!present)("basket(…) on UCI Online Retail (online_retail.csv.gz)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "romi-basket-"));
  if (present) symlinkSync(FILE, join(dir, "online_retail.csv.gz"));
  const config = parseConfig({}, "defaults");
  const data = present ? await reduceFor(dir, config, basketAnalysis) : null;
  const result = data
    ? basket({ lines: basketLines(data.reduced)! }, { productLabels: data.dicts.product.labels, text: data.dicts.label.labels, config: config.basket })
    : null;
  const ref =
    present && hasPandas
      ? JSON.parse(
          spawnSync(PYTHON, [new URL("../reference/basket_reference.py", import.meta.url).pathname, FILE, "--top", "20"], {
            encoding: "utf8",
            maxBuffer: 1 << 26,
          }).stdout,
        )
      : null;

  it("finds about 18.4k baskets of about 3.7k products and rules above lift 1", () => {
    // reduceFor throws when the file does not load.
    const r = result!;
    expect(fact(r.facts, "basket.baskets")).toBeGreaterThan(18_000);
    expect(fact(r.facts, "basket.items")).toBeGreaterThan(3_500);
    expect(fact(r.facts, "basket.rules")).toBeGreaterThan(50);
    expect(r.facts.filter((f) => f.id === "basket.rule.lift").length).toBe(50);
    expect(rows(r, "basket_cross_sell").length).toBe(10);
  });

  it.skipIf(!hasPandas)("matches the pandas reference: baskets, items, min_support, itemsets, rules and the top 20 rules", () => {
    const r = result!;
    const method = rows(r, "basket_method")[0]!;
    expect(fact(r.facts, "basket.baskets")).toBe(ref.baskets);
    expect(fact(r.facts, "basket.items")).toBe(ref.items);
    expect(fact(r.facts, "basket.min_support")).toBe(ref.min_support);
    expect(method.itemsets).toBe(ref.itemsets);
    expect(method.tried).toEqual(Object.entries(ref.itemsets_by_support as Record<string, number>).map(([s, k]) => ({ min_support: Number(s), itemsets: k })));
    expect(fact(r.facts, "basket.rules")).toBe(ref.rules);
    const top = rows(r, "basket_rules").slice(0, 20);
    expect(top.map((x) => x.rule)).toEqual(ref.top.map((x: { rule: string }) => x.rule));
    const rel = (a: number | null, b: number): number => Math.abs(Number(a) - b) / Math.abs(b);
    for (const [i, x] of top.entries()) {
      const y = ref.top[i];
      for (const m of ["support", "confidence", "lift", "leverage"] as const) expect(rel(x[m], y[m]), `${y.rule} ${m}`).toBeLessThan(1e-12);
      if (y.conviction === null) expect(x.conviction_infinite).toBe(true);
      else expect(rel(x.conviction, y.conviction)).toBeLessThan(1e-12);
      for (const m of ["antecedent_baskets", "consequent_baskets", "rule_baskets"] as const) expect(x[m]).toBe(y[m]);
    }
  });
});
