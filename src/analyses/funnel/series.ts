/**
 * The funnel's series: activity, sessions, revenue per month and cost per
 * week, and the session-length and conversion-delay histograms.
 */
import { z } from "zod";
import { day, maybe, month, num, text } from "../rows.ts";

/** Session lengths above this many minutes share one open bin. */
export const SESSION_LENGTH_MAX_MIN = 30;
/** Conversion delays above this many days share one open bin. */
export const CONVERSION_DELAY_MAX_DAYS = 30;

export const FUNNEL_SERIES = {
  /** DAU per day, WAU per complete week (at its Monday), MAU per complete month (at its first day). */
  active_users: z.strictObject({ date: day, metric: z.enum(["DAU", "WAU", "MAU"]), users: num }),
  /** Each day with sessions. */
  sessions_per_user_day: z.strictObject({ date: day, sessions: num, users: num, sessions_per_user: num }),
  /** Each complete month: the month's mean DAU ÷ its MAU. */
  sticky_monthly: z.strictObject({ month, dau: num, mau: num, sticky: maybe }),
  /** One-minute bins of session length per device; the last bin (`to_min` null) is open. */
  session_length_histogram: z.strictObject({ device: text, from_min: num, to_min: maybe, sessions: num }),
  /** Days from first session to first order per source; the last bin (`to_days` null) is open. */
  conversion_delay_histogram: z.strictObject({ source: text, from_days: num, to_days: maybe, buyers: num }),
  /** Each complete month. */
  aov_monthly: z.strictObject({ month, orders: num, revenue: num, aov: maybe }),
  /** Cost per complete ISO week (its Monday) and source. */
  cost_weekly: z.strictObject({ week: day, source: text, cost: num }),
};
