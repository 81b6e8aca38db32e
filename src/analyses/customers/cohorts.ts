/**
 * Customer cohorts by month: buyer retention and revenue per customer over
 * first-order cohorts, and activity over registration cohorts.
 */
import { monthLabel } from "../../time/calendar.ts";
import type { PeriodFrame } from "../../time/period.ts";
import { ratio } from "../ratio.ts";
import { type FactSink } from "../../facts/sink.ts";
import type { CustomerBase } from "./base.ts";
import { numbers, stacked, type Reduction, type ResultTable, type Sources } from "../analysis.ts";
import { orderRelation } from "../orders.ts";

/**
 * `retention.buyers{cohort,age}` and `revenue.per_customer{cohort,age}`.
 * A cohort is the complete month of a customer's first order in the period;
 * cells run to the last complete month, so none lies outside the period.
 *
 * @example
 * // customers a (orders in Jan and Mar) and b (Jan only); months Jan–Mar
 * // retention.buyers{2024-01,0} = 1, {2024-01,1} = 0, {2024-01,2} = 0.5
 */
export function buyerCohorts(base: CustomerBase, frame: PeriodFrame, sink: FactSink): void {
  const months = frame.months.length;
  const size = new Float64Array(months);
  const active = new Float64Array(months * months);
  const revenue = new Float64Array(months * months);
  // Customers in base order, each one's months ascending: every cell sums its customers in base order.
  for (let i = 0; i < base.n; i++) {
    const c = base.cohort[i]!;
    if (c < 0) continue;
    size[c]!++;
    for (let e = base.activeFrom[i]!; e < base.activeFrom[i + 1]!; e++) {
      const m = base.active.month[e]!;
      if (m < c) continue;
      active[c * months + m]!++;
      revenue[c * months + m]! += base.active.revenue[e]!;
    }
  }
  for (let c = 0; c < months; c++) {
    if (size[c] === 0) continue;
    const cohort = monthLabel(frame.months[c]!);
    for (let m = c; m < months; m++) {
      const age = String(m - c);
      sink.add("retention.buyers", ratio(active[c * months + m], size[c]), { cohort, age });
      sink.add("revenue.per_customer", ratio(revenue[c * months + m], size[c]), { cohort, age });
    }
  }
}

/** The registration cohort reductions, or none without a customers file with registration dates, or without a period. */
export function registrationReductions(sources: Sources): Record<string, Reduction> {
  const file = stacked(sources, "customers", [
    { role: "user", text: true },
    { role: "registered", text: false },
  ]);
  const has = (sources.datasets.customers ?? []).some((s) => s.roles.has("registered"));
  if (!file || !has || !sources.calendar) return {};
  const q = sources.dialect.ident;
  // Each customers-file row registered in a complete month of the period, with that month.
  const rows = `SELECT f.${q("user")} AS u, c.month AS cohort FROM ${file} AS f JOIN ${sources.calendar} AS c ON c.day = f.${q("registered")} WHERE c.month >= 0`;
  const out: Record<string, Reduction> = {
    registrations: { sql: `SELECT cohort, count(*) AS n FROM (${rows}) AS r GROUP BY cohort ORDER BY cohort`, numeric: ["cohort", "n"] },
  };
  const o = orderRelation(sources);
  if (o) {
    // Each such row's complete months with an order, from its cohort on.
    const months = `SELECT DISTINCT o.u AS u, c.month AS month FROM ${o} AS o JOIN ${sources.calendar} AS c ON c.day = o.day WHERE c.month >= 0`;
    out["registrationActivity"] = {
      sql: `SELECT r.cohort AS cohort, m.month AS month, count(*) AS n FROM (${rows}) AS r JOIN (${months}) AS m ON m.u = r.u WHERE m.month >= r.cohort GROUP BY r.cohort, m.month ORDER BY cohort, month`,
      numeric: ["cohort", "month", "n"],
    };
  }
  return out;
}

/**
 * `registration.cohort.size{cohort}` and `activity{cohort,age}`: cohorts of
 * the customers file by registration month (complete months of the period
 * only); the denominator counts customers who never bought. Each row of
 * the customers files counts (`registrationReductions`).
 */
export function registrationCohorts(reduced: Readonly<Record<string, ResultTable>>, frame: PeriodFrame, sink: FactSink): void {
  const registrations = reduced["registrations"];
  if (!registrations) return;
  const months = frame.months.length;
  const size = new Float64Array(months);
  const active = new Float64Array(months * months);
  const cohort = numbers(registrations, "cohort");
  const count = numbers(registrations, "n");
  cohort.forEach((c, i) => (size[c] = count[i]!));
  const activity = reduced["registrationActivity"];
  if (activity) {
    const from = numbers(activity, "cohort");
    const month = numbers(activity, "month");
    const n = numbers(activity, "n");
    from.forEach((c, i) => (active[c * months + month[i]!] = n[i]!));
  }
  for (let c = 0; c < months; c++) {
    if (size[c] === 0) continue;
    const label = monthLabel(frame.months[c]!);
    sink.add("registration.cohort.size", size[c]!, { cohort: label });
    for (let m = c; m < months; m++) sink.add("activity", ratio(active[c * months + m], size[c]), { cohort: label, age: String(m - c) });
  }
}
