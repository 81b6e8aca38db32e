/**
 * The experiments' series. Every row starts with `dataset` (the file) when
 * a folder holds several experiment logs.
 */
import { z } from "zod";
import { day, maybe, num, text } from "../rows.ts";
import { BECAUSE, DECISIONS } from "./decision.ts";

const dataset = text.optional();

export const EXPERIMENTS_SERIES = {
  /** Per variant, with the conversion rate's 95% interval; revenue null when the log has none. */
  experiment_variants: z.strictObject({
    dataset,
    variant: text,
    control: z.boolean(),
    users: num,
    conversions: num,
    cvr: maybe,
    lo95: maybe,
    hi95: maybe,
    revenue: maybe,
    revenue_per_user: maybe,
  }),
  /**
   * Per treatment against the control: the lift (absolute and relative, with
   * 95% intervals), the z-test, the Bayesian P(better) and expected loss, the
   * SRM check (`srm`: its p lies below `SRM_ALPHA`, the split is broken),
   * the MDE with the users it needs and the power achieved, and the decision
   * with the finding that decided it (`because`, see `decision.ts`).
   */
  experiment_results: z.strictObject({
    dataset,
    variant: text,
    control: text,
    lift_abs: num,
    lift_abs_lo95: maybe,
    lift_abs_hi95: maybe,
    lift_rel: maybe,
    lift_rel_lo95: maybe,
    lift_rel_hi95: maybe,
    z: maybe,
    p_value: maybe,
    alternative: z.enum(["two-sided", "greater", "less"]),
    alpha: num,
    p_better: maybe,
    expected_loss: maybe,
    srm_p: maybe,
    srm_chi2: maybe,
    srm: z.boolean(),
    mde: num,
    needed_per_variant: maybe,
    users_per_variant: num,
    power: maybe,
    target_power: num,
    powered: z.boolean().nullable(),
    decision: z.enum(DECISIONS),
    because: z.enum(BECAUSE),
  }),
  /** Each variant's Beta posterior on a shared grid. */
  experiment_posteriors: z.strictObject({ dataset, variant: text, rate: num, density: maybe }),
  /** Per day of exposure and variant. */
  experiment_daily: z.strictObject({ dataset, date: day, variant: text, users: num, conversions: num }),
};
