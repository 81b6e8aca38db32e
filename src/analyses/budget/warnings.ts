/** The budget analysis's warnings: why it stopped, and what it could not do. */
import { z } from "zod";

export const BUDGET_WARNINGS = {
  /** No session log: buyers cannot be credited to sources, and no curve is fitted. */
  "budget.no_visits": {},
  /** The period has `weeks` complete ISO weeks, fewer than the `needed` a response curve needs. */
  "budget.short": { weeks: z.number(), needed: z.number() },
  /** No cost rows fall in the complete ISO weeks of the period. */
  "budget.no_costs": {},
  /** No source's response curve could be identified (each source's reason is in `budget_sources`): no split is recommended. */
  "budget.no_curve": {},
  /** A source the config names (`dims.source`, in `locked` or `source_bounds`) has no cost rows. */
  "budget.unknown_source": {},
  /** The scenario (`dims.scenario`) total `total` lies outside what the bounds allow, `lower` to `upper`: it has no split. */
  "budget.bounds": { total: z.number(), lower: z.number(), upper: z.number() },
};
