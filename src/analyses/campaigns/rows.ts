/**
 * A typed view of one campaigns dataset: the columns the analysis reads,
 * and the labels of its breakdowns. An empty label is its own group,
 * `(unknown)`; the campaign is its id, labelled by its most frequent name.
 */
import { numCol, refCol, type Table } from "../../read/table.ts";

/** The breakdowns a campaigns file can have besides the campaign. */
export const DIMS = ["channel", "region", "segment", "device"] as const;
export type Dim = (typeof DIMS)[number];

/** The label of an empty breakdown value. */
export const UNKNOWN = "(unknown)";

export interface CampaignRows {
  readonly length: number;
  /** Day numbers; null when the file has no date column (totals only, no time charts, no lift). */
  readonly day: Float64Array | null;
  /**
   * With dates: the file's first and last day, and each campaign's (by
   * campaign index); null without dates.
   */
  readonly span: { readonly first: number; readonly last: number; readonly campaignFirst: Float64Array; readonly campaignLast: Float64Array } | null;
  /** Campaign index per row, into `campaigns`. */
  readonly campaign: Int32Array;
  /** Campaign ids in code-unit order, and the name of each (the id when there is none). */
  readonly campaigns: readonly string[];
  readonly names: readonly string[];
  /** Per breakdown present in the file: the label index of each row, into `labels[dim]`. */
  readonly dims: Readonly<Partial<Record<Dim, Int32Array>>>;
  /** Per breakdown and campaign index: the label indices of the campaign's rows, ascending (where it runs). */
  readonly runsIn: Readonly<Partial<Record<Dim, readonly (readonly number[])[]>>>;
  /** Per breakdown: its labels in code-unit order, `(unknown)` included when a row lacks one. */
  readonly labels: Readonly<Partial<Record<Dim, readonly string[]>>>;
  readonly impressions: Float64Array;
  readonly clicks: Float64Array;
  readonly conversions: Float64Array;
  readonly spend: Float64Array;
  /** NaN where the row has no value; null when the file lacks the column. */
  readonly leads: Float64Array | null;
  readonly revenue: Float64Array | null;
}

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Re-indexes dictionary refs to the labels a column uses, sorted; -1 becomes `(unknown)`. */
function relabel(refs: Int32Array, dict: readonly string[]): { index: Int32Array; labels: string[] } {
  const used = new Set<string>();
  for (const r of refs) used.add(r < 0 ? UNKNOWN : dict[r]!);
  const labels = [...used].sort(byCodeUnit);
  const at = new Map(labels.map((l, i) => [l, i]));
  const index = new Int32Array(refs.length);
  refs.forEach((r, i) => (index[i] = at.get(r < 0 ? UNKNOWN : dict[r]!)!));
  return { index, labels };
}

export function campaignRows(table: Table, labels: { readonly campaign: readonly string[]; readonly dim: readonly string[] }): CampaignRows {
  const ids = relabel(refCol(table, "campaign"), labels.campaign);
  // Each campaign's name: its most frequent, then first in code-unit order.
  const nameRefs = table.ref["name"];
  const counts = ids.labels.map(() => new Map<string, number>());
  if (nameRefs) {
    nameRefs.forEach((r, i) => {
      if (r < 0) return;
      const m = counts[ids.index[i]!]!;
      const name = labels.dim[r]!;
      m.set(name, (m.get(name) ?? 0) + 1);
    });
  }
  const names = ids.labels.map((id, c) => {
    let best = id;
    let most = 0;
    for (const [name, n] of counts[c]!) if (n > most || (n === most && name < best)) [best, most] = [name, n];
    return best;
  });
  const dims: Partial<Record<Dim, Int32Array>> = {};
  const dimLabels: Partial<Record<Dim, string[]>> = {};
  const runsIn: Partial<Record<Dim, number[][]>> = {};
  for (const d of DIMS) {
    const refs = table.ref[d];
    if (!refs) continue;
    const r = relabel(refs, labels.dim);
    dims[d] = r.index;
    dimLabels[d] = r.labels;
    const sets = ids.labels.map(() => new Set<number>());
    r.index.forEach((k, i) => sets[ids.index[i]!]!.add(k));
    runsIn[d] = sets.map((set) => [...set].sort((a, b) => a - b));
  }
  const day = table.num["date"] ?? null;
  return {
    length: table.length,
    day,
    span: day ? spanOf(day, ids.index, ids.labels.length) : null,
    campaign: ids.index,
    campaigns: ids.labels,
    names,
    dims,
    runsIn,
    labels: dimLabels,
    impressions: numCol(table, "impressions"),
    clicks: numCol(table, "clicks"),
    conversions: numCol(table, "conversions"),
    spend: numCol(table, "spend"),
    leads: table.num["leads"] ?? null,
    revenue: table.num["revenue"] ?? null,
  };
}

/** The first and last day overall and per campaign. */
function spanOf(day: Float64Array, campaign: Int32Array, campaigns: number): NonNullable<CampaignRows["span"]> {
  let first = Infinity;
  let last = -Infinity;
  const campaignFirst = new Float64Array(campaigns).fill(Infinity);
  const campaignLast = new Float64Array(campaigns).fill(-Infinity);
  day.forEach((d, i) => {
    const c = campaign[i]!;
    first = Math.min(first, d);
    last = Math.max(last, d);
    campaignFirst[c] = Math.min(campaignFirst[c]!, d);
    campaignLast[c] = Math.max(campaignLast[c]!, d);
  });
  return { first, last, campaignFirst, campaignLast };
}
