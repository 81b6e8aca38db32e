/**
 * How metrics changed between romi versions: a metric renamed, or one whose
 * definition changed (revenue becoming net of cancellations). `romi diff`
 * and the version archive compare reports of two romi versions through it,
 * so that a rename is not shown as a metric removed and one added, and a
 * new definition is not judged as a regression.
 */

export interface MetricChange {
  readonly kind: "renamed" | "redefined";
  /** The metric's id since `since`. */
  readonly id: string;
  /** A renamed metric's id before `since`. */
  readonly from?: string;
  /** The first romi version with the change, e.g. "0.2.0". */
  readonly since: string;
  /** Why, for the reader of the diff. */
  readonly why: string;
}

/** Every change, oldest first. Add one when a release renames a metric or changes what it measures. */
export const METRIC_HISTORY: readonly MetricChange[] = [];

/** A report's romi version from its generator ("romi 0.1.0"); null for one that names none (a pinned test stamp). */
export function romiVersion(generator: string): readonly number[] | null {
  const m = /^romi (\d+)\.(\d+)\.(\d+)/.exec(generator);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

const compare = (a: readonly number[], b: readonly number[]): number => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;

/**
 * The changes a diff from `base` to `head` spans: those since a version
 * after base's, up to head's. None when either report names no version.
 * @example changesBetween("romi 0.1.0", "romi 0.2.0", [{ kind: "redefined", id: "revenue", since: "0.2.0", why: "…" }]).length; // => 1
 */
export function changesBetween(base: string, head: string, history: readonly MetricChange[] = METRIC_HISTORY): MetricChange[] {
  const [b, h] = [romiVersion(base), romiVersion(head)];
  if (!b || !h) return [];
  return history.filter((c) => {
    const since = romiVersion(`romi ${c.since}`)!;
    return compare(b, since) < 0 && compare(since, h) <= 0;
  });
}
