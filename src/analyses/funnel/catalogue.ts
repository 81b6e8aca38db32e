/**
 * The funnel metrics: the public contract of ids, dims and units. The site's
 * data page renders this table; keep the formulas in plain words.
 */
import type { MetricDef } from "../facts.ts";

const NOT_WITHOUT = (what: string): string => `not emitted without ${what}`;
const COMPLETE = "only complete calendar months of the period";

export const FUNNEL_METRICS: readonly MetricDef[] = [
  // Visits
  { id: "visits.sessions", label: "Sessions", unit: "count", dims: [], formula: "number of sessions in the period", empty: NOT_WITHOUT("visits") },
  { id: "visits.users", label: "Visitors", unit: "users", dims: [], formula: "distinct users with a session in the period", empty: NOT_WITHOUT("visits") },
  { id: "dau", label: "DAU", unit: "users", better: "up", dims: [], formula: "mean over every day of the period of distinct users that day; days without sessions count as 0", empty: NOT_WITHOUT("visits") },
  { id: "wau", label: "WAU", unit: "users", better: "up", dims: [], formula: "mean distinct users per ISO week (Monday to Sunday) lying wholly inside the period", empty: "not emitted without visits or without a complete ISO week" },
  { id: "mau", label: "MAU", unit: "users", better: "up", dims: [], formula: "mean distinct users per calendar month lying wholly inside the period", empty: "not emitted without visits or without a complete month" },
  { id: "sticky.dau_wau", label: "Sticky factor (DAU/WAU)", unit: "ratio", better: "up", dims: [], formula: "dau ÷ wau", empty: "not emitted without wau; null when wau is 0" },
  { id: "sticky.dau_mau", label: "Sticky factor (DAU/MAU)", unit: "ratio", better: "up", dims: [], formula: "dau ÷ mau", empty: "not emitted without mau; null when mau is 0" },
  { id: "sessions.per_user_day", label: "Sessions per user per day", unit: "ratio", dims: [], formula: "mean over days with sessions of sessions ÷ distinct users that day", empty: NOT_WITHOUT("visits") },
  { id: "session.length.median_s", label: "Median session length", unit: "seconds", dims: [], formula: "median of session end − start, in seconds", empty: "not emitted without session end times" },
  { id: "session.length.mean_s", label: "Mean session length", unit: "seconds", dims: [], formula: "mean of session end − start, in seconds", empty: "not emitted without session end times" },
  { id: "session.length.mode_s", label: "Most common session length", unit: "seconds", dims: [], formula: "most frequent session length rounded to whole seconds; the smallest on a tie", empty: "not emitted without session end times" },
  { id: "visits.cohort.size", label: "Visitor cohort size", unit: "users", dims: ["cohort"], formula: "users whose first session in the period falls in the cohort month", empty: COMPLETE },
  { id: "retention", label: "Retention", unit: "ratio", better: "up", dims: ["cohort", "age"], formula: "share of the cohort's users with a session in month cohort + age; 0 when none came back", empty: `${COMPLETE}, for cohort + age up to the last complete month; cohorts without users are left out` },
  // Orders
  { id: "orders.count", label: "Orders", unit: "count", better: "up", dims: [], formula: "orders in the period (distinct order ids, or rows without order ids)", empty: NOT_WITHOUT("orders") },
  { id: "buyers", label: "Buyers", unit: "users", better: "up", dims: [], formula: "distinct users with an order in the period", empty: NOT_WITHOUT("orders") },
  { id: "revenue", label: "Revenue", unit: "currency", better: "up", dims: [], formula: "sum of order revenue in the period (before margin)", empty: NOT_WITHOUT("orders") },
  { id: "aov", label: "AOV", unit: "currency", better: "up", dims: [], formula: "revenue ÷ orders", empty: "null without orders" },
  { id: "cohort.size", label: "Buyer cohort size", unit: "users", dims: ["cohort"], formula: "buyers whose first order in the period falls in the cohort month", empty: COMPLETE },
  { id: "ltv", label: "LTV", unit: "currency", better: "up", dims: ["cohort", "age"], formula: "cohort revenue in months cohort … cohort + age × margin ÷ cohort size", empty: `${COMPLETE}; null for a cohort without buyers` },
  { id: "ltv.mean", label: "Mean LTV", unit: "currency", better: "up", dims: ["age"], formula: "unweighted mean of ltv over the cohorts that reached the age", empty: COMPLETE },
  { id: "orders.per_buyer", label: "Orders per buyer", unit: "ratio", better: "up", dims: ["cohort", "age"], formula: "cohort orders in months cohort … cohort + age ÷ cohort size", empty: `${COMPLETE}; null for a cohort without buyers` },
  // Costs
  { id: "cost", label: "Marketing cost", unit: "currency", dims: [], formula: "sum of cost in the period", empty: NOT_WITHOUT("costs") },
  { id: "cost", label: "Cost by source", unit: "currency", dims: ["source"], formula: "sum of the source's cost in the period", empty: NOT_WITHOUT("costs") },
  { id: "cost", label: "Cost by month", unit: "currency", dims: ["month"], formula: "sum of cost in the month; partial months of the period included", empty: "only months with cost rows" },
  { id: "cac", label: "CAC by cohort", unit: "currency", better: "down", dims: ["cohort"], formula: "all cost in the cohort month ÷ cohort size", empty: `${COMPLETE}; null when the month has no cost rows or no buyers` },
  { id: "romi", label: "ROMI by cohort", unit: "ratio", better: "up", dims: ["cohort", "age"], formula: "ltv ÷ cac of the cohort", empty: "null when the cohort month's cost is 0 or missing" },
  // Visits and orders
  { id: "conversion.rate", label: "Conversion rate", unit: "ratio", better: "up", dims: [], formula: "visitors who bought ÷ visitors", empty: NOT_WITHOUT("visits and orders") },
  { id: "buyers.without_sessions", label: "Buyers without sessions", unit: "users", dims: [], formula: "buyers with no session in the period; left out of every per-source metric", empty: NOT_WITHOUT("visits and orders") },
  { id: "visits.users", label: "Visitors by first source", unit: "users", dims: ["source"], formula: "users whose earliest session came from the source (first touch; on a tie the smaller label)", empty: NOT_WITHOUT("visits") },
  { id: "conversion.rate", label: "Conversion rate by source", unit: "ratio", better: "up", dims: ["source"], formula: "first-touch visitors of the source who bought ÷ first-touch visitors of the source", empty: NOT_WITHOUT("visits and orders") },
  { id: "conversion.delay.median_days", label: "Median days to first order", unit: "days", better: "down", dims: [], formula: "median of (date of first order − date of first session), in whole days", empty: "not emitted without buyers who have sessions" },
  { id: "conversion.delay.mean_days", label: "Mean days to first order", unit: "days", better: "down", dims: [], formula: "mean of (date of first order − date of first session), in whole days", empty: "not emitted without buyers who have sessions" },
  { id: "conversion.delay.median_days", label: "Median days to first order by source", unit: "days", better: "down", dims: ["source"], formula: "as conversion.delay.median_days, over the source's first-touch buyers", empty: "only sources with buyers" },
  { id: "conversion.delay.mean_days", label: "Mean days to first order by source", unit: "days", better: "down", dims: ["source"], formula: "as conversion.delay.mean_days, over the source's first-touch buyers", empty: "only sources with buyers" },
  { id: "buyers", label: "Buyers by source", unit: "users", better: "up", dims: ["source"], formula: "buyers whose first session came from the source", empty: NOT_WITHOUT("visits and orders") },
  { id: "revenue", label: "Revenue by source", unit: "currency", better: "up", dims: ["source"], formula: "revenue in the period of the source's first-touch buyers", empty: NOT_WITHOUT("visits and orders") },
  // Visits, orders and costs
  { id: "cac", label: "CAC by source", unit: "currency", better: "down", dims: ["source"], formula: "cost of the source ÷ its buyers", empty: "null when the source has no cost rows or no buyers" },
  { id: "romi", label: "ROMI by source", unit: "ratio", better: "up", dims: ["source"], formula: "revenue of the source × margin ÷ its cost", empty: "null when the source's cost is 0 or missing" },
  { id: "ltv", label: "LTV by source", unit: "currency", better: "up", dims: ["source", "age"], formula: "over the source's buyers whose cohort and cohort + age are complete months: revenue in their first age + 1 months × margin ÷ their number", empty: "only ages some of the source's cohorts reached" },
  { id: "romi", label: "ROMI by source and age", unit: "ratio", better: "up", dims: ["source", "age"], formula: "ltv of the source at the age ÷ cac of the source", empty: "null when the source's cac is missing or 0" },
  { id: "payback.months", label: "Payback month", unit: "months", better: "down", dims: ["source"], formula: "smallest age at which the source's ROMI reaches 1", empty: "null when it never does or the source has no cost" },
];
