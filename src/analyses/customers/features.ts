/**
 * Clustering features per customer, from the config's feature names.
 */
import type { CustomerBase } from "./base.ts";
import type { CustomerAttributes } from "./attributes.ts";
import type { CategorySpend } from "./categories.ts";

export interface Features {
  readonly names: readonly string[];
  /** One column per feature, before standardising. */
  readonly columns: readonly Float64Array[];
  /** Per feature, customers whose value was unknown and set to the feature's mean. */
  readonly imputed: readonly number[];
}

/**
 * - `recency`, `frequency`, `monetary`, `aov`: log1p of days since the last
 *   order, orders, revenue, and revenue ÷ orders;
 * - `age` or `attr.<header>`: a numeric customer attribute as it is;
 * - `share:<code>`: the category's share of the customer's spend (0 when the
 *   customer spent nothing in it).
 *
 * An unknown attribute value is set to the mean of the known ones (and
 * counted in `imputed`), so that no customer drops out of the segmentation.
 *
 * @throws when a feature names an attribute or category the data lacks
 */
export function buildFeatures(
  names: readonly string[],
  base: CustomerBase,
  recency: Float64Array,
  attributes: CustomerAttributes,
  spend: CategorySpend | null,
): Features {
  const columns: Float64Array[] = [];
  const imputed: number[] = [];
  for (const name of names) {
    let col: Float64Array;
    if (name === "recency") col = recency.map(Math.log1p);
    else if (name === "frequency") col = base.orders.map(Math.log1p);
    else if (name === "monetary") col = base.revenue.map(Math.log1p);
    else if (name === "aov") col = base.revenue.map((r, i) => Math.log1p(r / base.orders[i]!));
    else if (name.startsWith("share:")) {
      const code = name.slice("share:".length);
      if (!spend) throw new Error(`segments.features: ${name} needs a category column in the orders`);
      const c = spend.codes.indexOf(code);
      if (c < 0) throw new Error(`segments.features: no category ${JSON.stringify(code)} in the orders`);
      col = new Float64Array(base.n);
      for (let i = 0; i < base.n; i++) col[i] = base.revenue[i]! > 0 ? spend.amount[i * spend.codes.length + c]! / base.revenue[i]! : 0;
    } else {
      const p = attributes.numbers.find((x) => x.name === name);
      if (!p) {
        const known = attributes.numbers.map((x) => x.name).join(", ") || "none";
        throw new Error(`segments.features: no numeric customer attribute ${JSON.stringify(name)} (numeric attributes: ${known})`);
      }
      col = Float64Array.from(p.values);
    }
    let sum = 0;
    let known = 0;
    for (const v of col) {
      if (Number.isFinite(v)) {
        sum += v;
        known++;
      }
    }
    if (known === 0) throw new Error(`segments.features: ${name} is unknown for every customer`);
    let filled = 0;
    for (let i = 0; i < col.length; i++) {
      if (!Number.isFinite(col[i]!)) {
        col[i] = sum / known;
        filled++;
      }
    }
    columns.push(col);
    imputed.push(filled);
  }
  return { names, columns, imputed };
}
