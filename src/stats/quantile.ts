/**
 * Quantiles with linear interpolation between order statistics (numpy's
 * default "linear", R's type 7): h = (n − 1)p, value = x_(⌊h⌋) + (h − ⌊h⌋)
 * (x_(⌊h⌋+1) − x_(⌊h⌋)), x_(i) the i-th smallest (from 0). `quantile` reads
 * sorted values; `percentile` selects from unsorted ones.
 */

/**
 * The p-quantile of values already sorted ascending; NaN for none.
 * @example quantile(Float64Array.of(1, 2, 3, 4), 0.5); // => 2.5
 */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * The p-quantile of `values` with linear interpolation between order
 * statistics (numpy's default "linear", R's type 7): h = (n − 1)p, value =
 * x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋)), x_(i) the i-th smallest (from 0).
 *
 * Found by selection (Hoare/Wirth quickselect, O(n) on average) instead of a
 * sort, so a bootstrap's per-day bands cost little. Reorders `values` in place.
 *
 * Policy: throws a `RangeError` on an empty array or p outside [0, 1]; the
 * values must not be NaN (bootstrap draws never are).
 *
 * @example percentile(Float64Array.of(4, 1, 3, 2), 0.5); // => 2.5
 * @example percentile(Float64Array.of(4, 1, 3, 2), 0.025); // => 1.075
 */
export function percentile(values: Float64Array, p: number): number {
  const n = values.length;
  if (n === 0) throw new RangeError("percentile needs at least 1 value, got 0");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile invalid p: ${p}`);
  const h = (n - 1) * p;
  const k = Math.floor(h);
  const low = select(values, k);
  if (k + 1 >= n || h === k) return low;
  // Everything after index k is ≥ x_(k) now; the next order statistic is their minimum.
  let next = Infinity;
  for (let i = k + 1; i < n; i++) if (values[i]! < next) next = values[i]!;
  return low + (h - k) * (next - low);
}

/** Rearranges `a` so that a[k] is its k-th smallest value, smaller-or-equal values before it and greater-or-equal after; returns a[k]. */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[k]!;
    let i = lo;
    let j = hi;
    do {
      while (a[i]! < pivot) i++;
      while (pivot < a[j]!) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) lo = i;
    if (k < i) hi = j;
  }
  return a[k]!;
}
