/**
 * Customer attributes lined up with the customer base: from the customers
 * file (age, gender, city, channel flags, other columns) and from the order
 * lines (each customer's most frequent country). Unknown is NaN or -1,
 * never 0.
 *
 * Reductions (SQL, over the customers files stacked in load order): the
 * rows of the customers who have orders in the period, in file order, and
 * the distinct values of each other column (`attr.<header>`). The rows of
 * customers without orders stay in the engine; only the registration
 * cohorts count them (`cohorts.ts`).
 */
import { KIND_SPECS, ATTRIBUTE_PREFIX, CHANNEL_ROLES, type ChannelRole } from "../../schema/kinds.ts";
import { numbers, stacked, type Reduction, type ResultTable, type Sources } from "../analysis.ts";
import { orderRelation } from "../orders.ts";
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

/** The roles of the customers files, in the order they are first met (text roles first in each), or none. */
export function customerFileRoles(sources: Sources): { readonly role: string; readonly text: boolean }[] {
  const roles = [...new Set((sources.datasets.customers ?? []).flatMap((s) => [...s.roles]))];
  const spec = KIND_SPECS.customers.roles;
  return roles.map((role) => ({ role, text: role.startsWith(ATTRIBUTE_PREFIX) || spec[role]?.type === "id" || spec[role]?.type === "label" }));
}

/** The name of the reduction of the distinct values of the other column `role`. */
const valuesOf = (role: string): string => `values ${role}`;

/** The attribute reductions, or none without a customers file, orders or period. */
export function attributeReductions(sources: Sources): Record<string, Reduction> {
  const o = orderRelation(sources);
  const roles = customerFileRoles(sources);
  const file = stacked(sources, "customers", roles);
  if (!file || !o || !sources.calendar) return {};
  const q = sources.dialect.ident;
  const user = q("user");
  const out: Record<string, Reduction> = {
    customerFile: {
      sql: `SELECT ${roles.map((r) => `f.${q(r.role)} AS ${q(r.role)}`).join(", ")} FROM ${file} AS f WHERE f.${user} IN (SELECT u FROM ${o} AS o) ORDER BY f._seq`,
      numeric: roles.map((r) => r.role),
    },
  };
  for (const { role } of roles) {
    if (!role.startsWith(ATTRIBUTE_PREFIX)) continue;
    out[valuesOf(role)] = { sql: `SELECT DISTINCT f.${q(role)} AS v FROM ${file} AS f WHERE f.${q(role)} >= 0 ORDER BY v`, numeric: ["v"] };
  }
  return out;
}

/**
 * `country` is each customer's most frequent country of the order lines
 * (`modalCountry`), null when the lines have none. Without the customers
 * file's reductions only that country is known. An `attr.<header>` column
 * whose non-empty values all read as numbers is numeric; any other is
 * text. When a customer has rows in several customers files, the last row
 * in load order holds.
 */
export function customerAttributes(
  base: CustomerBase,
  country: Int32Array | null,
  reduced: Readonly<Record<string, ResultTable>>,
  text: readonly string[],
): CustomerAttributes {
  const labels: LabelProperty[] = [];
  const numberProps: NumberProperty[] = [];
  const channels = new Map<ChannelRole, Float64Array>();
  if (country) labels.push({ name: "country", values: country });
  const file = reduced["customerFile"];
  if (!file) return { age: null, labels, numbers: numberProps, channels, text };

  const user = numbers(file, "user");
  const rowOf = new Int32Array(base.n).fill(-1);
  for (let r = 0; r < user.length; r++) {
    const i = base.customerOf(user[r]!);
    if (i >= 0) rowOf[i] = r;
  }
  const numberOf = (col: Float64Array): Float64Array => {
    const out = new Float64Array(base.n).fill(NaN);
    for (let i = 0; i < base.n; i++) if (rowOf[i]! >= 0) out[i] = col[rowOf[i]!]!;
    return out;
  };
  const labelOf = (col: Float64Array): Int32Array => {
    const out = new Int32Array(base.n).fill(-1);
    for (let i = 0; i < base.n; i++) if (rowOf[i]! >= 0) out[i] = col[rowOf[i]!]!;
    return out;
  };
  const has = (role: string): boolean => role in file;
  for (const role of ["gender", "city"]) if (has(role)) labels.push({ name: role, values: labelOf(numbers(file, role)) });
  for (const role of CHANNEL_ROLES) if (has(role)) channels.set(role, numberOf(numbers(file, role)));
  for (const role of Object.keys(file)) {
    if (!role.startsWith(ATTRIBUTE_PREFIX)) continue;
    const values = labelOf(numbers(file, role));
    // Numeric when every value the column holds, in any customers file row, reads as a number.
    const numeric = Array.from(numbers(reduced[valuesOf(role)], "v")).every((v) => isNumber(text[v]!));
    if (numeric) numberProps.push({ name: role, values: Float64Array.from(values, (v) => (v < 0 ? NaN : Number(text[v]!))) });
    else labels.push({ name: role, values });
  }
  const age = has("age") ? numberOf(numbers(file, "age")) : null;
  if (age) numberProps.unshift({ name: "age", values: age });
  return { age, labels, numbers: numberProps, channels, text };
}

/** The property named `name` ("age", "city", "attr.x", "push" …), as labels or numbers; null when absent. */
export function findProperty(a: CustomerAttributes, name: string): LabelProperty | NumberProperty | null {
  return a.labels.find((p) => p.name === name) ?? a.numbers.find((p) => p.name === name) ?? null;
}
