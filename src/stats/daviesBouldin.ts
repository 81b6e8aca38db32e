import { rowMajor } from "./points.ts";

/**
 * The Davies-Bouldin index of a clustering, as scikit-learn's
 * `sklearn.metrics.davies_bouldin_score(X, labels)`: lower is better, 0 is the
 * least possible.
 *
 * For each cluster i, with centroid cᵢ (the mean of its points) and scatter
 * sᵢ (the mean Euclidean distance of its points to cᵢ), the index is the mean
 * over clusters of `maxⱼ (sᵢ + sⱼ) / ‖cᵢ − cⱼ‖`. As in sklearn, a pair of
 * clusters with the same centroid counts 0 (the distance is taken as
 * infinite), and the index is 0 when every scatter, or every centroid
 * distance, is at most 1e-8 (numpy's `allclose(…, 0)`).
 *
 * Points are given as `d` feature columns of `n` values each (the shape
 * `standardise` returns). Labels are whole numbers from 0; a label with no
 * points is ignored.
 *
 * Empty-data policy: the index needs at least 2 clusters and fewer clusters
 * than points (sklearn raises an error otherwise); it is null then, and for
 * no points.
 *
 * @example daviesBouldin([Float64Array.of(0, 2, 10, 12)], Int32Array.of(0, 0, 1, 1)); // => 0.2  (scatters 1 and 1, centroids 1 and 11)
 */
export function daviesBouldin(columns: readonly Float64Array[], labels: ArrayLike<number>): number | null {
  const d = columns.length;
  const n = columns[0]?.length ?? 0;
  if (labels.length !== n) throw new Error(`invalid labels length: ${labels.length} (${n} points)`);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const label = labels[i]!;
    if (!Number.isInteger(label) || label < 0) throw new Error(`invalid label at point ${i}: ${label}`);
    if (label >= k) k = label + 1;
  }
  const size = new Float64Array(k);
  for (let i = 0; i < n; i++) size[labels[i]!]!++;
  const clusters: number[] = [];
  for (let c = 0; c < k; c++) if (size[c]! > 0) clusters.push(c);
  if (clusters.length < 2 || clusters.length > n - 1) return null;

  const x = rowMajor(columns, n);
  const centroids = new Float64Array(k * d);
  for (let i = 0; i < n; i++) for (let f = 0; f < d; f++) centroids[labels[i]! * d + f]! += x[i * d + f]!;
  for (const c of clusters) for (let f = 0; f < d; f++) centroids[c * d + f]! /= size[c]!;
  const scatter = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    let s = 0;
    for (let f = 0; f < d; f++) s += (x[i * d + f]! - centroids[c * d + f]!) ** 2;
    scatter[c]! += Math.sqrt(s);
  }
  for (const c of clusters) scatter[c]! /= size[c]!;

  const distance = (a: number, b: number): number => {
    let s = 0;
    for (let f = 0; f < d; f++) s += (centroids[a * d + f]! - centroids[b * d + f]!) ** 2;
    return Math.sqrt(s);
  };
  const close = 1e-8;
  if (clusters.every((c) => scatter[c]! <= close)) return 0;
  if (clusters.every((a) => clusters.every((b) => distance(a, b) <= close))) return 0;
  let total = 0;
  for (const a of clusters) {
    let worst = 0;
    for (const b of clusters) {
      const gap = distance(a, b);
      if (gap === 0) continue; // sklearn: a zero centroid distance becomes infinite, so the ratio is 0
      worst = Math.max(worst, (scatter[a]! + scatter[b]!) / gap);
    }
    total += worst;
  }
  return total / clusters.length;
}
