/**
 * The budget's series: the method, one row per source, the scenarios and
 * their splits, the response curves with their bands, and the fitted
 * periods.
 */
import { z } from "zod";
import { maybe, num, text } from "../rows.ts";
import { DECLINED } from "./curves.ts";

export const BUDGET_SERIES = {
  /**
   * One row, whenever there are orders and costs: whether a split is planned
   * (else why not: no session log, fewer complete weeks than MIN_WEEKS, no
   * cost rows in them, or no source's curve identified), and the settings it
   * was planned with.
   */
  budget_method: z.strictObject({
    status: z.enum(["planned", "no visits", "not enough history", "no costs", "no curve"]),
    grain: z.enum(["day", "week"]),
    outcome: z.enum(["revenue", "buyers"]),
    horizon_months: num,
    weeks: num,
    fitted_weeks: maybe,
    current_weeks: maybe,
    draws: num,
    seed: num,
    bounds: num,
    trend: z.boolean(),
    total: maybe,
    total_source: z.enum(["today", "config"]),
  }),
  /**
   * One row per source with cost rows; amounts per week, nulls for what a
   * declined source does not have. `declined`: the identification check it
   * failed (`DECLINED`), with the numbers it read (`weeks`, `buyers`,
   * `spend_cv`, `r2`). `move`: whether the recommended spend is more, less
   * or the same (a change under half a cent) as today's. `beyond_seen`: the
   * recommended spend lies outside the weekly spends seen (null without one).
   */
  budget_sources: z.strictObject({
    source: text,
    status: z.enum(["fitted", "declined"]),
    declined: z.enum(DECLINED).nullable(),
    buyers: num,
    weeks: num,
    spend_cv: maybe,
    current: num,
    recommended: maybe,
    change: maybe,
    change_share: maybe,
    move: z.enum(["more", "less", "same"]).nullable(),
    marginal_current: maybe,
    marginal_recommended: maybe,
    outcome_current: maybe,
    outcome_recommended: maybe,
    outcome_change: maybe,
    outcome_change_lo90: maybe,
    outcome_change_hi90: maybe,
    theta: maybe,
    alpha: maybe,
    gamma: maybe,
    beta: maybe,
    r2: maybe,
    holdout_error: maybe,
    min_seen: num,
    max_seen: num,
    beyond_seen: z.boolean().nullable(),
    locked: z.boolean(),
  }),
  /** Changes of the total weekly budget; outcome null when the bounds cannot hold the total. */
  budget_scenarios: z.strictObject({ scenario: z.enum(["-20%", "0%", "+20%"]), total: num, outcome: maybe, lo90: maybe, hi90: maybe }),
  /** Each scenario's split (spend null when it cannot be met). */
  budget_scenario_spend: z.strictObject({ scenario: z.enum(["-20%", "0%", "+20%"]), source: text, spend: maybe }),
  /** Each fitted curve at 41 weekly spends from 0, with its 90% bootstrap band. */
  budget_curves: z.strictObject({ source: text, spend: num, outcome: maybe, lo90: maybe, hi90: maybe }),
  /**
   * Each fitted period, per week (× 7 at day grain): `effective_spend` is the
   * adstocked spend × (1 − θ), the steady spend it is worth, and `fitted` the
   * curve there.
   */
  budget_weeks: z.strictObject({ source: text, period: text, spend: num, effective_spend: maybe, outcome: num, fitted: maybe }),
};
