/**
 * Customer attributes lined up with the customer base: from the customers
 * file (age, gender, city, channel flags, other columns) and from the order
 * lines (each customer's most frequent country). Unknown is NaN or -1,
 * never 0.
 */
import type { Table } from "../../read/table.ts";
import { ATTRIBUTE_PREFIX, CHANNEL_ROLES, type ChannelRole } from "../../schema/kinds.ts";
import type { CustomerBase } from "./base.ts";

/** A text property per base customer: label dictionary indices, -1 unknown. */
export interface LabelProperty {
  readonly name: string;
  readonly values: Int32Array;
}

/** A numeric property per base customer, NaN unknown. */
export interface NumberProperty {
  readonly name: string;
  readonly values: Float64Array;
}

export interface CustomerAttributes {
  /** The customers file's user of each of its rows (empty without the file). */
  readonly user: Int32Array;
  /** Registration day of each customers-file row; null without that column. */
  readonly registered: Float64Array | null;
  /** Per base customer. */
  readonly age: Float64Array | null;
  readonly labels: readonly LabelProperty[];
  readonly numbers: readonly NumberProperty[];
  /** Channel flags per base customer (1, 0, NaN unknown), for the channel columns present. */
  readonly channels: ReadonlyMap<ChannelRole, Float64Array>;
  /** The label dictionary the label properties index. */
  readonly text: readonly string[];
}

const isNumber = (s: string): boolean => s.trim() !== "" && Number.isFinite(Number(s));

/**
 * `country` is each customer's most frequent country of the order lines
 * (`modalCountry`), null when the lines have none. `customers` may be null
 * (no customers file): then only that country is known. An
 * `attr.<header>` column whose non-empty values all read as numbers is
 * numeric; any other is text.
 */
export function customerAttributes(base: CustomerBase, country: Int32Array | null, customers: Table | null, text: readonly string[]): CustomerAttributes {
  const labels: LabelProperty[] = [];
  const numbers: NumberProperty[] = [];
  const channels = new Map<ChannelRole, Float64Array>();
  if (country) labels.push({ name: "country", values: country });
  if (!customers) return { user: new Int32Array(0), registered: null, age: null, labels, numbers, channels, text };

  const user = customers.ref["user"]!;
  const rowOf = new Int32Array(base.n).fill(-1);
  for (let r = 0; r < customers.length; r++) {
    const i = base.customerOf(user[r]!);
    if (i >= 0) rowOf[i] = r;
  }
  const numberOf = (col: Float64Array): Float64Array => {
    const out = new Float64Array(base.n).fill(NaN);
    for (let i = 0; i < base.n; i++) if (rowOf[i]! >= 0) out[i] = col[rowOf[i]!]!;
    return out;
  };
  const labelOf = (col: Int32Array): Int32Array => {
    const out = new Int32Array(base.n).fill(-1);
    for (let i = 0; i < base.n; i++) if (rowOf[i]! >= 0) out[i] = col[rowOf[i]!]!;
    return out;
  };
  for (const role of ["gender", "city"]) {
    const col = customers.ref[role];
    if (col) labels.push({ name: role, values: labelOf(col) });
  }
  for (const role of CHANNEL_ROLES) {
    const col = customers.num[role];
    if (col) channels.set(role, numberOf(col));
  }
  for (const [role, col] of Object.entries(customers.ref)) {
    if (!role.startsWith(ATTRIBUTE_PREFIX)) continue;
    const values = labelOf(col);
    let numeric = true;
    for (let r = 0; r < customers.length && numeric; r++) if (col[r]! >= 0 && !isNumber(text[col[r]!]!)) numeric = false;
    if (numeric) numbers.push({ name: role, values: Float64Array.from(values, (v) => (v < 0 ? NaN : Number(text[v]!))) });
    else labels.push({ name: role, values });
  }
  const age = customers.num["age"] ? numberOf(customers.num["age"]) : null;
  if (age) numbers.unshift({ name: "age", values: age });
  return { user, registered: customers.num["registered"] ?? null, age, labels, numbers, channels, text };
}

/** The property named `name` ("age", "city", "attr.x", "push" …), as labels or numbers; null when absent. */
export function findProperty(a: CustomerAttributes, name: string): LabelProperty | NumberProperty | null {
  return a.labels.find((p) => p.name === name) ?? a.numbers.find((p) => p.name === name) ?? null;
}
