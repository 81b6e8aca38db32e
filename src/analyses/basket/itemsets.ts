/**
 * Frequent itemsets by Eclat: items that appear together in at least a
 * minimum number of baskets, up to a maximum size.
 *
 * Pairs are counted in one pass over the baskets into a triangular table of
 * the frequent items (cheaper than intersecting every pair of item lists);
 * larger itemsets grow depth-first from the frequent pairs by intersecting
 * sorted basket lists, a candidate being tried only when its last two items
 * form a frequent pair. Every count is an exact integer.
 */
import type { Baskets } from "./baskets.ts";

export interface Itemset {
  /** Item indices, ascending (so product ids in code-unit order). */
  readonly items: readonly number[];
  /** Baskets that contain every item. */
  readonly count: number;
}

/** The default `min_support` is the first of these that gives at least MIN_ITEMSETS frequent itemsets, else the last. */
export const SUPPORT_CANDIDATES: readonly number[] = [0.05, 0.03, 0.02, 0.015, 0.01, 0.0075, 0.005];
export const MIN_ITEMSETS = 300;

/** Above this many item pairs the pair table would be too large, and pairs are intersected instead. */
const PAIR_TABLE_MAX = 1 << 24;

/**
 * The smallest basket count that is frequent: the least integer c ≥ 1 with
 * c / n ≥ minSupport. The comparison is made on the quotient, as mlxtend does:
 * for a threshold written with a few decimals, c / n rounds to the same
 * double as the threshold exactly when the real quotient equals it, so this
 * is the real comparison c ≥ minSupport × n. Comparing c with the product
 * `minSupport * n` instead would be wrong: 0.07 * 100 is 7.000000000000001.
 * @example minCount(0.07, 100); // => 7
 * @example minCount(0.6, 5); // => 3
 */
export function minCount(minSupport: number, n: number): number {
  if (n <= 0) return 1;
  let c = Math.max(1, Math.ceil(minSupport * n));
  while (c > 1 && (c - 1) / n >= minSupport) c--;
  while (c / n < minSupport) c++;
  return c;
}

/** Length of the intersection of two ascending lists into `out`; stops early once it cannot reach `atLeast`. */
function intersect(a: Int32Array, b: Int32Array, out: Int32Array, atLeast: number): number {
  let i = 0;
  let j = 0;
  let k = 0;
  const na = a.length;
  const nb = b.length;
  while (i < na && j < nb) {
    if (k + Math.min(na - i, nb - j) < atLeast) return k;
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out[k++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return k;
}

/**
 * All itemsets of 1 … maxSize items contained in at least `atLeast` baskets,
 * ordered by size, then by items. `pairTableMax` bounds the pair table (in
 * entries); above it pairs are counted by intersection (tests force this path).
 * @example
 * // baskets {a, b}, {a, b, c}, {a}
 * frequentItemsets(baskets, 2, 3); // => [{ items: [a], count: 3 }, { items: [b], count: 2 }, { items: [a, b], count: 2 }]
 */
export function frequentItemsets(baskets: Baskets, atLeast: number, maxSize: number, pairTableMax = PAIR_TABLE_MAX): Itemset[] {
  const out: Itemset[] = [];
  if (maxSize < 1) return out;
  const threshold = Math.max(1, atLeast);
  const freq: number[] = [];
  for (let i = 0; i < baskets.ids.length; i++) {
    if (baskets.count[i]! >= threshold) {
      freq.push(i);
      out.push({ items: [i], count: baskets.count[i]! });
    }
  }
  const f = freq.length;
  if (maxSize < 2 || f < 2) return out;
  const rank = new Int32Array(baskets.ids.length).fill(-1);
  freq.forEach((item, r) => (rank[item] = r));

  // Basket lists of the frequent items (by rank), ascending.
  const tidStart = new Int32Array(f + 1);
  for (let r = 0; r < f; r++) tidStart[r + 1] = tidStart[r]! + baskets.count[freq[r]!]!;
  const tidAll = new Int32Array(tidStart[f]!);
  const fill = tidStart.slice(0, f);
  for (let b = 0; b < baskets.n; b++) {
    for (let j = baskets.start[b]!; j < baskets.start[b + 1]!; j++) {
      const r = rank[baskets.items[j]!]!;
      if (r >= 0) tidAll[fill[r]!++] = b;
    }
  }
  const tids = (r: number): Int32Array => tidAll.subarray(tidStart[r]!, tidStart[r + 1]!);
  const scratch = new Int32Array(baskets.n);

  // Pair counts: a triangular table filled in one pass over the baskets, or
  // (for very many frequent items) intersections of the basket lists.
  let pairCount: (x: number, y: number) => number;
  const pairs = (f * (f - 1)) / 2;
  if (pairs <= pairTableMax) {
    const table = new Int32Array(pairs);
    const row = new Int32Array(f);
    for (let r = 0; r < f; r++) row[r] = (r * (2 * f - r - 1)) / 2 - r - 1;
    const ranks = new Int32Array(f);
    for (let b = 0; b < baskets.n; b++) {
      let k = 0;
      for (let j = baskets.start[b]!; j < baskets.start[b + 1]!; j++) {
        const r = rank[baskets.items[j]!]!;
        if (r >= 0) ranks[k++] = r;
      }
      for (let x = 0; x < k - 1; x++) {
        const base = row[ranks[x]!]!;
        for (let y = x + 1; y < k; y++) table[base + ranks[y]!]!++;
      }
    }
    pairCount = (x, y) => table[row[x]! + y]!;
  } else {
    const known = new Map<number, number>();
    pairCount = (x, y) => {
      const key = x * f + y;
      let c = known.get(key);
      if (c === undefined) known.set(key, (c = intersect(tids(x), tids(y), scratch, 0)));
      return c;
    };
  }

  // Depth-first growth: `ext` holds the frequent one-item extensions of
  // `prefix` (ranks above its last), with the baskets of prefix ∪ {item}.
  const grow = (prefix: number[], ext: { r: number; tids: Int32Array }[]): void => {
    // The itemsets made here have prefix.length + 2 items.
    const deeper = prefix.length + 2 < maxSize;
    for (let i = 0; i < ext.length; i++) {
      const head = ext[i]!;
      const next: { r: number; tids: Int32Array }[] = [];
      for (let j = i + 1; j < ext.length; j++) {
        const other = ext[j]!;
        if (pairCount(head.r, other.r) < threshold) continue;
        const k = intersect(head.tids, other.tids, scratch, threshold);
        if (k < threshold) continue;
        out.push({ items: [...prefix, head.r, other.r].map((r) => freq[r]!), count: k });
        if (deeper) next.push({ r: other.r, tids: scratch.slice(0, k) });
      }
      if (next.length > 1) grow([...prefix, head.r], next);
    }
  };

  for (let x = 0; x < f; x++) {
    const ext: { r: number; tids: Int32Array }[] = [];
    for (let y = x + 1; y < f; y++) {
      const c = pairCount(x, y);
      if (c < threshold) continue;
      out.push({ items: [freq[x]!, freq[y]!], count: c });
      if (maxSize >= 3) {
        const k = intersect(tids(x), tids(y), scratch, 0);
        ext.push({ r: y, tids: scratch.slice(0, k) });
      }
    }
    if (maxSize >= 3 && ext.length > 1) grow([x], ext);
  }
  return out.sort(compareItemsets);
}

function compareItemsets(a: Itemset, b: Itemset): number {
  if (a.items.length !== b.items.length) return a.items.length - b.items.length;
  for (let i = 0; i < a.items.length; i++) if (a.items[i] !== b.items[i]) return a.items[i]! - b.items[i]!;
  return 0;
}

export interface SupportChoice {
  readonly minSupport: number;
  readonly itemsets: Itemset[];
  /** The candidates tried, in order, with their number of frequent itemsets. */
  readonly tried: readonly { readonly minSupport: number; readonly itemsets: number }[];
}

/**
 * The default `min_support`: the first of SUPPORT_CANDIDATES that gives at
 * least MIN_ITEMSETS frequent itemsets (all sizes up to maxSize), else the
 * last. Mines at each candidate in turn and stops at the first that is
 * enough, so a large shop pays only for the thresholds it needs, and a
 * threshold is never mined lower than needed (the cost grows fast as it falls).
 * @example chooseMinSupport(onlineRetail, 3).minSupport; // => 0.015 (467 itemsets; 0.02 gives 250)
 */
export function chooseMinSupport(baskets: Baskets, maxSize: number): SupportChoice {
  const tried: { minSupport: number; itemsets: number }[] = [];
  let last: { minSupport: number; count: number; itemsets: Itemset[] } | null = null;
  for (const s of SUPPORT_CANDIDATES) {
    const c = minCount(s, baskets.n);
    const itemsets: Itemset[] = last && last.count === c ? last.itemsets : frequentItemsets(baskets, c, maxSize);
    last = { minSupport: s, count: c, itemsets };
    tried.push({ minSupport: s, itemsets: itemsets.length });
    if (itemsets.length >= MIN_ITEMSETS) break;
  }
  return { minSupport: last!.minSupport, itemsets: last!.itemsets, tried };
}
