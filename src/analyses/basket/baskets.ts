/**
 * Baskets from order lines: one basket per order id, holding the distinct
 * products of its lines, with the non-product codes left out and an optional
 * country filter. Items are numbered in code-unit order of their product ids,
 * so that "sorted by index" and "sorted by id" are the same order everywhere.
 *
 * Reduction (SQL, over the order lines with a product): the lines per
 * basket, product, customer, country and description, in the order of the
 * group's first line. The filters and the model read only that table.
 */
import { numbers, stacked, type Reduction, type ResultTable, type Sources } from "../analysis.ts";

/**
 * A predicate for product ids from an exclusion list (exact codes, or
 * prefixes written with a trailing `*`).
 * @example excluder(["POST", "DCGS*"])("DCGS0076"); // => true
 * @example excluder(["POST", "DCGS*"])("85123A"); // => false
 */
export function excluder(list: readonly string[]): (id: string) => boolean {
  const exact = new Set(list.filter((e) => !e.endsWith("*")));
  const prefixes = list.filter((e) => e.endsWith("*")).map((e) => e.slice(0, -1));
  return (id) => exact.has(id) || prefixes.some((p) => id.startsWith(p));
}

export interface Baskets {
  /** Number of baskets. */
  readonly n: number;
  /** Product id of each item, in code-unit order. */
  readonly ids: readonly string[];
  /** Each item's most frequent description (ties: the first in code-unit order); the id when no line has one. */
  readonly labels: readonly string[];
  /** Baskets containing each item. */
  readonly count: Int32Array;
  /** Basket b holds items `items[start[b]] … items[start[b + 1] - 1]`, distinct and ascending. */
  readonly start: Int32Array;
  readonly items: Int32Array;
}

export interface BasketOptions {
  /** Product codes left out (`basket.exclude`): exact ids, or prefixes ending in `*`. */
  readonly exclude: readonly string[];
  /** Keep only lines whose country is one of these. */
  readonly countries?: readonly string[] | undefined;
  /** Keep only lines of the customers (user dictionary indices) for which this is true. */
  readonly keepUser?: ((user: number) => boolean) | undefined;
}

/** Order lines grouped by basket, product, customer, country and description, in the order of each group's first line. */
export interface BasketLines {
  readonly length: number;
  /** The order id's index, or a distinct negative key for a line without an order id (an order of its own). */
  readonly basket: Float64Array;
  readonly product: Float64Array;
  /** User indices; null when the lines have no customer column. */
  readonly user: Float64Array | null;
  /** Text indices (-1: empty); null when the lines have no country column. */
  readonly country: Float64Array | null;
  /** Text indices (-1: empty); null when the lines have no description column. */
  readonly description: Float64Array | null;
  /** Lines each row stands for. */
  readonly lines: Float64Array;
}

/** The basket lines reduction, or none when the orders have no order id or no product column. */
export function basketReductions(sources: Sources): Record<string, Reduction> {
  const list = sources.datasets.orders ?? [];
  const has = (role: string): boolean => list.some((x) => x.roles.has(role));
  if (!has("order") || !has("product")) return {};
  const d = sources.dialect;
  const roles = ["order", "product", "user", "country", "description"].map((role) => ({ role, text: true }));
  const lines = stacked(sources, "orders", roles)!;
  const [order, product, user, country, description] = roles.map((r) => d.ident(r.role));
  const basket = `CASE WHEN ${order} >= 0 THEN ${order} ELSE -1 - _seq END`;
  const flag = (role: string): string => (has(role) ? "1" : "0");
  return {
    // Which of the optional columns the lines have (a line without one reads -1, as an empty value).
    basketColumns: {
      sql: `SELECT ${flag("user")} AS u, ${flag("country")} AS country, ${flag("description")} AS description`,
      numeric: ["u", "country", "description"],
    },
    basketLines: {
      sql: `SELECT ${basket} AS basket, ${product} AS product, ${user} AS u, ${country} AS country, ${description} AS description, count(*) AS lines, min(_seq) AS first FROM ${lines} AS l WHERE ${product} >= 0 GROUP BY ${basket}, ${product}, ${user}, ${country}, ${description} ORDER BY first`,
      numeric: ["basket", "product", "u", "country", "description", "lines", "first"],
    },
  };
}

/** The basket lines reduction's rows, or null without it; a column the lines lack is null. */
export function basketLines(reduced: Readonly<Record<string, ResultTable>>): BasketLines | null {
  const t = reduced["basketLines"];
  const columns = reduced["basketColumns"];
  if (!t || !columns) return null;
  const col = (name: string): Float64Array | null => (numbers(columns, name)[0] === 1 ? numbers(t, name) : null);
  return {
    length: numbers(t, "basket").length,
    basket: numbers(t, "basket"),
    product: numbers(t, "product"),
    user: col("u"),
    country: col("country"),
    description: col("description"),
    lines: numbers(t, "lines"),
  };
}

/**
 * Baskets from order lines (already cleaned and clipped to the period by the
 * reader). A line without a product is skipped; a line without an order id
 * is an order of its own, as in `orderTable`. An order left with no product
 * is not a basket. Baskets are numbered in the order of their first kept line.
 *
 * @example
 * // order 1: 85123A, 85123A, POST; order 2: POST
 * toBaskets(lines, products, text, { exclude: ["POST"] }).n; // => 1 (order 1 holds one item; order 2 none)
 */
export function toBaskets(lines: BasketLines, productLabels: readonly string[], text: readonly string[], options: BasketOptions): Baskets {
  const { basket: order, product, description, country, user } = lines;
  const keepUser = options.keepUser && user ? options.keepUser : null;

  const excluded = excluder(options.exclude);
  const skipProduct = new Uint8Array(productLabels.length);
  productLabels.forEach((id, p) => (skipProduct[p] = excluded(id) ? 1 : 0));
  let keepCountry: Uint8Array | null = null;
  if (options.countries) {
    const wanted = new Set(options.countries);
    keepCountry = new Uint8Array(text.length);
    text.forEach((t, i) => (keepCountry![i] = wanted.has(t) ? 1 : 0));
  }

  // The lines that count, their basket and their product.
  const basketOf = new Map<number, number>();
  let n = 0;
  const lineBasket: number[] = [];
  const lineProduct: number[] = [];
  const used = new Uint8Array(productLabels.length);
  const modal = new Map<number, number>(); // product * text.length + description → lines
  for (let i = 0; i < lines.length; i++) {
    const p = product[i]!;
    if (p < 0 || skipProduct[p]) continue;
    if (keepCountry) {
      const c = country ? country[i]! : -1;
      if (c < 0 || !keepCountry[c]) continue;
    }
    if (keepUser && !keepUser(user![i]!)) continue;
    const o = order[i]!;
    let b = basketOf.get(o);
    if (b === undefined) {
      b = n++;
      basketOf.set(o, b);
    }
    lineBasket.push(b);
    lineProduct.push(p);
    used[p] = 1;
    const d = description ? description[i]! : -1;
    if (d >= 0) {
      const key = p * text.length + d;
      modal.set(key, (modal.get(key) ?? 0) + lines.lines[i]!);
    }
  }

  // Items: the products used, in code-unit order of their ids.
  const products: number[] = [];
  for (let p = 0; p < used.length; p++) if (used[p]) products.push(p);
  products.sort((a, b) => (productLabels[a]! < productLabels[b]! ? -1 : productLabels[a]! > productLabels[b]! ? 1 : 0));
  const itemOf = new Int32Array(productLabels.length).fill(-1);
  products.forEach((p, k) => (itemOf[p] = k));
  const ids = products.map((p) => productLabels[p]!);

  const best = new Int32Array(products.length).fill(-1);
  const bestLines = new Float64Array(products.length);
  for (const [key, k] of modal) {
    const item = itemOf[Math.floor(key / text.length)]!;
    const d = key % text.length;
    const cur = best[item]!;
    if (cur < 0 || k > bestLines[item]! || (k === bestLines[item]! && text[d]! < text[cur]!)) {
      best[item] = d;
      bestLines[item] = k;
    }
  }
  const labels = ids.map((id, k) => (best[k]! >= 0 ? text[best[k]!]! : id));

  // Basket contents: group lines by basket (counting sort), then dedupe items.
  const lineCount = new Int32Array(n + 1);
  for (const b of lineBasket) lineCount[b + 1]!++;
  for (let b = 0; b < n; b++) lineCount[b + 1]! += lineCount[b]!;
  const grouped = new Int32Array(lineBasket.length);
  const fill = lineCount.slice(0, n);
  for (let l = 0; l < lineBasket.length; l++) grouped[fill[lineBasket[l]!]!++] = itemOf[lineProduct[l]!]!;
  const start = new Int32Array(n + 1);
  const items = new Int32Array(lineBasket.length);
  const count = new Int32Array(products.length);
  let m = 0;
  for (let b = 0; b < n; b++) {
    start[b] = m;
    const basket = grouped.subarray(lineCount[b]!, lineCount[b + 1]!).sort();
    for (let j = 0; j < basket.length; j++) {
      if (j > 0 && basket[j] === basket[j - 1]) continue;
      items[m++] = basket[j]!;
      count[basket[j]!]!++;
    }
  }
  start[n] = m;
  return { n, ids, labels, count, start, items: items.slice(0, m) };
}
