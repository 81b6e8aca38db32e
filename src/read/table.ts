/**
 * Columnar tables: one typed array per column, so that millions of rows cost
 * bytes, not objects. Text columns (ids and labels) are interned into shared
 * dictionaries and stored as indices. `load.ts` fills them from the engine's
 * cleaned rows, for the analyses that still read rows rather than the
 * results of SQL reductions.
 *
 * - `num` columns hold times (wall-clock ms), dates (day numbers) and
 *   numbers; NaN marks an empty optional value.
 * - `ref` columns hold dictionary indices; -1 marks an empty optional value.
 */
import { FOLDED_DICTS, READ_DICT_NAMES, type ReadDictName, type Kind } from "../schema/kinds.ts";

/**
 * Interns strings: the same text always gets the same index. A folding
 * dictionary (see `FOLDED_DICTS`) interns text case-insensitively. The
 * report's dictionaries come from the engine (`Dict.fromLabels`): an index
 * is the order a label is first met, a folded label its most frequent spelling.
 */
export class Dict {
  readonly labels: string[] = [];
  readonly fold: boolean;
  private readonly index = new Map<string, number>();
  /** Folding dictionaries: each spelling seen → its index. */
  private readonly spelled = new Map<string, number>();
  /** Labels not yet in the maps: the report's dictionaries are read far more than they are added to, so they index on the first `id`. */
  private unindexed = 0;

  constructor(fold = false) {
    this.fold = fold;
  }

  /** A dictionary whose labels, in index order, are `labels` (their keys already distinct). */
  static fromLabels(labels: readonly string[], fold: boolean): Dict {
    const dict = new Dict(fold);
    for (const label of labels) dict.labels.push(label);
    dict.unindexed = labels.length;
    return dict;
  }

  id(label: string): number {
    if (this.unindexed > 0) {
      this.labels.slice(0, this.unindexed).forEach((l, i) => {
        this.index.set(this.fold ? l.toLowerCase() : l, i);
        if (this.fold) this.spelled.set(l, i);
      });
      this.unindexed = 0;
    }
    // A folding dictionary first looks the spelling up as it is, then folded.
    let i = this.fold ? this.spelled.get(label) : this.index.get(label);
    if (i !== undefined) return i;
    const key = this.fold ? label.toLowerCase() : label;
    i = this.index.get(key);
    if (i === undefined) {
      i = this.labels.length;
      this.labels.push(label);
      this.index.set(key, i);
    }
    if (this.fold) this.spelled.set(label, i);
    return i;
  }
}

/** The dictionaries read into TypeScript (`ENGINE_DICTS` stay in the engine). */
export type Dicts = Readonly<Record<ReadDictName, Dict>>;

export const newDicts = (): Dicts => Object.fromEntries(READ_DICT_NAMES.map((n) => [n, new Dict(FOLDED_DICTS.has(n))])) as Record<ReadDictName, Dict>;

export interface Table {
  readonly kind: Kind;
  /** The dataset name: its kind, or its first file when a kind has several datasets. */
  readonly name: string;
  readonly length: number;
  readonly num: Readonly<Record<string, Float64Array>>;
  readonly ref: Readonly<Record<string, Int32Array>>;
  /** Index into `files` of each row's file, and its line there. */
  readonly file: Uint16Array;
  readonly line: Uint32Array;
  readonly files: readonly string[];
}

/** The rows of `table` where `keep[i]` is 1, in order. */
export function filterRows(table: Table, keep: Uint8Array): Table {
  let n = 0;
  for (let i = 0; i < table.length; i++) n += keep[i]!;
  const idx = new Uint32Array(n);
  for (let i = 0, k = 0; i < table.length; i++) if (keep[i]) idx[k++] = i;
  const pick = <A extends Float64Array | Int32Array | Uint16Array | Uint32Array>(a: A, out: A): A => {
    for (let k = 0; k < n; k++) out[k] = a[idx[k]!]!;
    return out;
  };
  const num: Record<string, Float64Array> = {};
  const ref: Record<string, Int32Array> = {};
  for (const r in table.num) num[r] = pick(table.num[r]!, new Float64Array(n));
  for (const r in table.ref) ref[r] = pick(table.ref[r]!, new Int32Array(n));
  return {
    ...table,
    length: n,
    num,
    ref,
    file: pick(table.file, new Uint16Array(n)),
    line: pick(table.line, new Uint32Array(n)),
  };
}

/** A column that must exist (the reader guarantees required roles). */
export function numCol(table: Table, role: string): Float64Array {
  const col = table.num[role];
  if (!col) throw new Error(`${table.name}: no column for role ${role}`);
  return col;
}

export function refCol(table: Table, role: string): Int32Array {
  const col = table.ref[role];
  if (!col) throw new Error(`${table.name}: no column for role ${role}`);
  return col;
}

/** Tables of one kind stacked in order; roles missing from some become empty values. */
export function concatTables(tables: readonly Table[]): Table {
  const first = tables[0];
  if (!first) throw new Error("concatTables needs at least one table");
  if (tables.length === 1) return first;
  const n = tables.reduce((s, t) => s + t.length, 0);
  const numRoles = [...new Set(tables.flatMap((t) => Object.keys(t.num)))];
  const refRoles = [...new Set(tables.flatMap((t) => Object.keys(t.ref)))];
  const num: Record<string, Float64Array> = {};
  const ref: Record<string, Int32Array> = {};
  for (const r of numRoles) num[r] = new Float64Array(n).fill(NaN);
  for (const r of refRoles) ref[r] = new Int32Array(n).fill(-1);
  const file = new Uint16Array(n);
  const line = new Uint32Array(n);
  const files: string[] = [];
  let offset = 0;
  for (const t of tables) {
    for (const r in t.num) num[r]!.set(t.num[r]!, offset);
    for (const r in t.ref) ref[r]!.set(t.ref[r]!, offset);
    for (let i = 0; i < t.length; i++) file[offset + i] = t.file[i]! + files.length;
    line.set(t.line, offset);
    files.push(...t.files);
    offset += t.length;
  }
  return { kind: first.kind, name: first.kind, length: n, num, ref, file, line, files };
}
