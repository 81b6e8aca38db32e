/**
 * Customer cohorts by month: buyer retention and revenue per customer over
 * first-order cohorts, and activity over registration cohorts.
 */
import { monthLabel } from "../../time/calendar.ts";
import { completeMonthIndex, type PeriodFrame } from "../../time/period.ts";
import { ratio, type FactSink } from "../facts.ts";
import type { CustomerBase } from "./base.ts";
import type { CustomerAttributes } from "./attributes.ts";

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

/**
 * `registration.cohort.size{cohort}` and `activity{cohort,age}`: cohorts of
 * the customers file by registration month (complete months of the period
 * only); the denominator counts customers who never bought.
 */
export function registrationCohorts(attributes: CustomerAttributes, base: CustomerBase, frame: PeriodFrame, sink: FactSink): void {
  const registered = attributes.registered;
  if (!registered) return;
  const months = frame.months.length;
  const size = new Float64Array(months);
  const active = new Float64Array(months * months);
  for (let r = 0; r < registered.length; r++) {
    const day = registered[r]!;
    if (Number.isNaN(day)) continue;
    const c = completeMonthIndex(frame, day);
    if (c < 0) continue;
    size[c]!++;
    const i = base.customerOf(attributes.user[r]!);
    if (i < 0) continue;
    for (let e = base.activeFrom[i]!; e < base.activeFrom[i + 1]!; e++) {
      const m = base.active.month[e]!;
      if (m >= c) active[c * months + m]!++;
    }
  }
  for (let c = 0; c < months; c++) {
    if (size[c] === 0) continue;
    const cohort = monthLabel(frame.months[c]!);
    sink.add("registration.cohort.size", size[c]!, { cohort });
    for (let m = c; m < months; m++) sink.add("activity", ratio(active[c * months + m], size[c]), { cohort, age: String(m - c) });
  }
}
