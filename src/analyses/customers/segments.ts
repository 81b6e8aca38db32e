/**
 * K-means customer segments: k chosen from k = 2 … 8 and shown, a profile
 * and a descriptive name per segment.
 */
import type { SegmentsConfig } from "../../schema/config.ts";
import { CHANNEL_ROLES } from "../../schema/kinds.ts";
import { daviesBouldin } from "../../stats/daviesBouldin.ts";
import { evenSample } from "../../stats/evenSample.ts";
import { kmeans } from "../../stats/kmeans.ts";
import { silhouetteScores } from "../../stats/silhouette.ts";
import { standardise } from "../../stats/standardise.ts";
import { ratio } from "../ratio.ts";
import { type FactSink } from "../../facts/sink.ts";
import type { SeriesRow } from "../series.ts";
import type { CustomerAttributes } from "./attributes.ts";
import type { CustomerBase } from "./base.ts";
import type { CategorySpend } from "./categories.ts";
import { buildFeatures } from "./features.ts";

export const K_RANGE = [2, 3, 4, 5, 6, 7, 8] as const;
/** Fewer customers than this: no segmentation. */
export const MIN_CUSTOMERS = 10;
/** The seed of every k-means run: the same data always gives the same segments. */
export const SEED = 20_111_209;
/**
 * k-means++ starts per k, keeping the lowest inertia. With 10, a faithful
 * port of scikit-learn misses the best partition at k = 8 on Online Retail
 * in 15–20% of seeds.
 */
export const STARTS = 50;
/**
 * Above this many customers, k-means and the silhouettes run on an even
 * sample of `SAMPLE` customers (every n ÷ SAMPLE-th in id order) with
 * `SAMPLED_STARTS` starts, and every customer is then assigned to the nearest
 * centre: 50 starts for k = 2 … 8 over hundreds of thousands of customers
 * would take minutes, and silhouettes are O(n²). Online Retail (≈4,300
 * customers) is below it and is clustered exactly.
 */
export const EXACT_UP_TO = 5_000;
export const SAMPLE = 3_000;
export const SAMPLED_STARTS = 20;

/** Customers drawn in the scatter: an even sample keeps the page light (each dot is SVG at two widths). */
export const SCATTER_POINTS = 600;

export interface Segmentation {
  readonly k: number;
  /** Segment index (0 … k − 1, largest first) of each customer. */
  readonly labels: Int32Array;
  /** The segment names, by index; they are the `segment` dim of the facts. */
  readonly names: readonly string[];
  readonly features: readonly string[];
  readonly profiles: SeriesRow<"segment_profiles">[];
  readonly points: SeriesRow<"segment_points">[];
  /** The features whose unknown values were imputed, with how many customers lacked one. */
  readonly imputed: readonly { readonly feature: string; readonly customers: number }[];
}

const pick = (columns: readonly Float64Array[], idx: Int32Array): Float64Array[] => columns.map((c) => Float64Array.from(idx, (i) => c[i]!));

/**
 * Each point's nearest centre (the lower index on a tie), relabelled by
 * descending cluster size (ties by centre index), and the inertia: the sum of
 * squared distances to those centres.
 */
function nearestCentres(columns: readonly Float64Array[], centres: readonly (readonly number[])[]): { labels: Int32Array; inertia: number } {
  const n = columns[0]!.length;
  const labels = new Int32Array(n);
  const size = new Float64Array(centres.length);
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestD = Infinity;
    centres.forEach((c, j) => {
      let dist = 0;
      columns.forEach((col, f) => (dist += (col[i]! - c[f]!) ** 2));
      if (dist < bestD) {
        bestD = dist;
        best = j;
      }
    });
    labels[i] = best;
    size[best]!++;
    inertia += bestD;
  }
  const order = Array.from(centres, (_, j) => j).sort((a, b) => size[b]! - size[a]! || a - b);
  const rank = new Int32Array(centres.length);
  order.forEach((j, r) => (rank[j] = r));
  return { labels: labels.map((l) => rank[l]!), inertia };
}

/**
 * A name from the profile against all customers: recency (mean days ≥ 1.5×
 * all customers' mean: "Lapsed"; ≤ 0.5×: "Active"), value (mean revenue ≥
 * 2×: "high-value"; ≤ 0.5×: "low-value") and frequency (repeat share < 0.3:
 * "one-timers"; mean orders ≥ 1.5×: "loyal"; else "regulars").
 *
 * @example segmentName({ recency: 300, monetary: 100, frequency: 1, repeat: 0.05 }, { recency: 100, monetary: 400, frequency: 4, repeat: 0.6 }); // => "Lapsed low-value one-timers"
 */
export function segmentName(
  s: { recency: number; monetary: number; frequency: number; repeat: number },
  all: { recency: number; monetary: number; frequency: number; repeat: number },
): string {
  const words: string[] = [];
  if (s.recency >= 1.5 * all.recency) words.push("lapsed");
  else if (s.recency <= 0.5 * all.recency) words.push("active");
  if (s.monetary >= 2 * all.monetary) words.push("high-value");
  else if (s.monetary <= 0.5 * all.monetary) words.push("low-value");
  words.push(s.repeat < 0.3 ? "one-timers" : s.frequency >= 1.5 * all.frequency ? "loyal" : "regulars");
  const name = words.join(" ");
  return name[0]!.toUpperCase() + name.slice(1);
}

/** The `top` largest entries of a count map (ties: label in code-unit order), each with its share of `total`; none when `total` is 0. */
function mix(counts: ReadonlyMap<string, number>, total: number, top = 3): { label: string; share: number }[] {
  if (total === 0) return [];
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, top)
    .map(([label, v]) => ({ label, share: v / total }));
}

export function segments(
  base: CustomerBase,
  recency: Float64Array,
  attributes: CustomerAttributes,
  spend: CategorySpend | null,
  config: SegmentsConfig,
  sink: FactSink,
): Segmentation | null {
  const n = base.n;
  if (n < MIN_CUSTOMERS) return null;
  const features = buildFeatures(config.features, base, recency, attributes, spend);
  const X = standardise(features.columns).columns;
  const imputed: { feature: string; customers: number }[] = [];
  features.imputed.forEach((m, j) => {
    if (m > 0) imputed.push({ feature: features.names[j]!, customers: m });
  });
  const sampled = n > EXACT_UP_TO;
  const sample = evenSample(n, SAMPLE);
  const Xs = sampled ? pick(X, sample) : X;

  const runs = new Map<number, Int32Array>();
  const sampleLabels: Int32Array[] = [];
  for (const k of K_RANGE) {
    if (k >= Xs[0]!.length) break;
    const fit = kmeans(Xs, k, { seed: SEED, starts: sampled ? SAMPLED_STARTS : STARTS });
    const all = sampled ? nearestCentres(X, fit.centroids) : fit;
    const labels = all.labels;
    runs.set(k, labels);
    sampleLabels.push(sampled ? Int32Array.from(sample, (i) => labels[i]!) : labels);
    sink.add("segments.inertia", all.inertia, { k: String(k) });
    sink.add("segments.davies_bouldin", daviesBouldin(X, labels), { k: String(k) });
  }
  const silhouettes = silhouetteScores(Xs, sampleLabels);
  let bestK = -1;
  let bestSilhouette = -Infinity;
  [...runs.keys()].forEach((k, j) => {
    const sil = silhouettes[j] ?? null;
    sink.add("segments.silhouette", sil, { k: String(k) });
    if (k >= 3 && sil !== null && sil > bestSilhouette) {
      bestSilhouette = sil;
      bestK = k;
    }
  });
  const k = config.k !== undefined && runs.has(config.k) ? config.k : bestK;
  if (k < 0) return null;
  const labels = runs.get(k)!;
  sink.add("segments.k", k);

  // Profiles.
  const size = new Float64Array(k);
  const revenue = new Float64Array(k);
  const orders = new Float64Array(k);
  const rSum = new Float64Array(k);
  const repeat = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const s = labels[i]!;
    size[s]!++;
    revenue[s]! += base.revenue[i]!;
    orders[s]! += base.orders[i]!;
    rSum[s]! += recency[i]!;
    if (base.orders[i]! >= 2) repeat[s]!++;
  }
  const totalRevenue = revenue.reduce((a, b) => a + b, 0);
  const totalOrders = orders.reduce((a, b) => a + b, 0);
  let repeaters = 0;
  for (let i = 0; i < n; i++) if (base.orders[i]! >= 2) repeaters++;
  const all = { recency: rSum.reduce((a, b) => a + b, 0) / n, monetary: totalRevenue / n, frequency: totalOrders / n, repeat: repeaters / n };
  const names: string[] = [];
  for (let s = 0; s < k; s++) {
    let name = segmentName(
      { recency: rSum[s]! / size[s]!, monetary: revenue[s]! / size[s]!, frequency: orders[s]! / size[s]!, repeat: repeat[s]! / size[s]! },
      all,
    );
    if (names.includes(name)) {
      let j = 2;
      while (names.includes(`${name} ${j}`)) j++;
      name = `${name} ${j}`;
    }
    names.push(name);
  }

  const profiles: SeriesRow<"segment_profiles">[] = [];
  for (let s = 0; s < k; s++) {
    const segment = names[s]!;
    const dims = { segment };
    sink.add("segments.size", size[s]!, dims);
    sink.add("segments.revenue.share", ratio(revenue[s], totalRevenue), dims);
    sink.add("segments.recency.mean", rSum[s]! / size[s]!, dims);
    sink.add("segments.frequency.mean", orders[s]! / size[s]!, dims);
    sink.add("segments.monetary.mean", revenue[s]! / size[s]!, dims);
    sink.add("segments.aov", ratio(revenue[s], orders[s]), dims);
    sink.add("segments.repeat.share", repeat[s]! / size[s]!, dims);
    const row: SeriesRow<"segment_profiles"> = {
      segment,
      customers: size[s]!,
      revenue_share: ratio(revenue[s], totalRevenue),
      recency_days: rSum[s]! / size[s]!,
      orders: orders[s]! / size[s]!,
      revenue: revenue[s]! / size[s]!,
      aov: ratio(revenue[s], orders[s]),
      repeat_share: repeat[s]! / size[s]!,
      reach: {},
      mixes: {},
    };
    if (attributes.age) {
      let sum = 0;
      let known = 0;
      for (let i = 0; i < n; i++) {
        if (labels[i] === s && !Number.isNaN(attributes.age[i]!)) {
          sum += attributes.age[i]!;
          known++;
        }
      }
      sink.add("segments.age.mean", ratio(sum, known), dims);
      row.age = ratio(sum, known);
    }
    for (const channel of CHANNEL_ROLES) {
      const flags = attributes.channels.get(channel);
      if (!flags) continue;
      let yes = 0;
      let known = 0;
      for (let i = 0; i < n; i++) {
        if (labels[i] === s && !Number.isNaN(flags[i]!)) {
          yes += flags[i]!;
          known++;
        }
      }
      sink.add("segments.channel.reach", ratio(yes, known), { segment, channel });
      row.reach[channel] = ratio(yes, known);
    }
    for (const p of attributes.labels) {
      const counts = new Map<string, number>();
      let total = 0;
      for (let i = 0; i < n; i++) {
        if (labels[i] !== s || p.values[i]! < 0) continue;
        const v = attributes.text[p.values[i]!]!;
        counts.set(v, (counts.get(v) ?? 0) + 1);
        total++;
      }
      row.mixes[p.name] = mix(counts, total);
    }
    if (spend) {
      const c = spend.codes.length;
      const bySpend = new Map<string, number>();
      let total = 0;
      for (let i = 0; i < n; i++) {
        if (labels[i] !== s) continue;
        for (let j = 0; j < c; j++) {
          const a = spend.amount[i * c + j]!;
          if (a > 0) bySpend.set(spend.names[j]!, (bySpend.get(spend.names[j]!) ?? 0) + a);
        }
        total += base.revenue[i]!;
      }
      row.top_categories = mix(bySpend, total);
    }
    profiles.push(row);
  }

  const shown = evenSample(n, SCATTER_POINTS);
  const points: SeriesRow<"segment_points">[] = Array.from(shown, (i) => ({
    segment: names[labels[i]!]!,
    recency_days: recency[i]!,
    orders: base.orders[i]!,
    revenue: base.revenue[i]!,
  }));
  return { k, labels, names, features: features.names, profiles, points, imputed };
}
