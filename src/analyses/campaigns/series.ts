/**
 * The campaign analysis's series. Every row starts with `dataset` (the
 * file) when a folder holds several campaigns files.
 */
import { z } from "zod";
import { day, maybe, num, text } from "../rows.ts";
import { LIFT_REFUSALS } from "./lift.ts";

const dataset = text.optional();
const Refusal = z.strictObject({ code: z.enum(LIFT_REFUSALS), pre_days: maybe, needed_days: maybe });
const labels = z.array(z.string());

export const CAMPAIGNS_SERIES = {
  /**
   * Campaign KPIs, one row per group of each breakdown (`total`, `channel`,
   * `campaign`, `region`, `segment`, `device`, `channel × segment`, `channel
   * × region`) that the file's columns allow; the dims outside the breakdown
   * are null. `view_through`: conversions exceed clicks, so the rate has no
   * interval. `leading`: the file's best channel or campaign by ROAS (by
   * cost per conversion without revenue), among more than one; a campaign
   * with too few conversions to judge does not lead.
   */
  campaign_kpis: z.strictObject({
    dataset,
    breakdown: text,
    channel: text.nullable(),
    region: text.nullable(),
    segment: text.nullable(),
    device: text.nullable(),
    campaign: text.nullable(),
    campaign_name: text.nullable(),
    rows: num,
    impressions: num,
    clicks: num,
    leads: maybe,
    conversions: num,
    spend: num,
    revenue: maybe,
    ctr: maybe,
    ctr_lo95: maybe,
    ctr_hi95: maybe,
    cpc: maybe,
    cvr: maybe,
    cvr_lo95: maybe,
    cvr_hi95: maybe,
    view_through: z.boolean(),
    leading: z.boolean(),
    cpa: maybe,
    roas: maybe,
    roi: maybe,
  }),
  /**
   * Per segment (or `(all)` without segments) and channel with clicks: the
   * tests compare each channel with the segment's best (z and p null for the
   * best itself); p_holm is Holm-adjusted within the segment, and `worse`
   * says that it lies below `HOLM_ALPHA`: the channel converts worse than the
   * best. `view_through`: conversions exceed clicks, so the channel is not
   * a proportion and is left out of the tests.
   */
  campaign_channel_tests: z.strictObject({
    dataset,
    segment: text,
    channel: text,
    best: text,
    is_best: z.boolean(),
    clicks: num,
    conversions: num,
    cvr: num,
    z: maybe,
    p_value: maybe,
    p_holm: maybe,
    p_best: maybe,
    p_beats_best: maybe,
    expected_loss: maybe,
    cred_lo95: maybe,
    cred_hi95: maybe,
    worse: z.boolean(),
    view_through: z.boolean(),
  }),
  /** Per ISO week (its Monday) lying wholly inside the file's dates, and campaign; dated data only. */
  campaign_weekly: z.strictObject({ dataset, week: day, campaign: text, spend: num, conversions: num, revenue: maybe }),
  /**
   * One row per dated campaign and KPI: where the campaign runs (`target`,
   * by region or else by channel: `split_by`) against the untouched
   * `controls`, and the lift (numbers null when refused).
   */
  campaign_lift: z.strictObject({
    dataset,
    campaign: text,
    campaign_name: text,
    launch: day.nullable(),
    launch_from: z.enum(["annotation", "first day"]),
    split_by: z.enum(["region", "channel"]).nullable(),
    target: labels.nullable(),
    controls: labels.nullable(),
    kpi: z.enum(["conversions", "revenue"]),
    status: z.enum(["ok", "refused"]),
    /** Why the lift is not measured (`LIFT_REFUSALS`), with the days the check read; null when measured. */
    refused: Refusal.nullable(),
    /** Why the placebo check was skipped, when it was. */
    placebo_refused: Refusal.nullable(),
    pre_days: maybe,
    post_days: maybe,
    r2: maybe,
    model: text.nullable(),
    average: maybe,
    lo95: maybe,
    hi95: maybe,
    cumulative: maybe,
    cum_lo95: maybe,
    cum_hi95: maybe,
    relative: maybe,
    placebo: maybe,
    placebo_lo95: maybe,
    placebo_hi95: maybe,
    placebo_passed: z.boolean().nullable(),
    did: maybe,
    did_lo95: maybe,
    did_hi95: maybe,
    parallel_pre: z.boolean().nullable(),
  }),
  /** Daily conversions where the campaign runs against the counterfactual, for each campaign with a lift. */
  campaign_lift_points: z.strictObject({ dataset, campaign: text, date: day, actual: num, predicted: maybe, lo95: maybe, hi95: maybe }),
  /** One row per campaign: its channels and regions (null where the file lacks the column) and its first and last day. */
  campaign_summary: z.strictObject({
    dataset,
    campaign: text,
    campaign_name: text,
    channels: labels.nullable(),
    regions: labels.nullable(),
    from: day.nullable(),
    to: day.nullable(),
  }),
};
