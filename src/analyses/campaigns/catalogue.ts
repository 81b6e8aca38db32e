/**
 * The campaign metrics: spend, conversions, conversion rate, cost per
 * conversion and ROAS by channel, campaign, region, segment and channel ×
 * segment, and each campaign's causal lift. The public contract of ids, dims
 * and units; the data page renders this table.
 */
import type { MetricDef } from "../../facts/metric.ts";

/** The breakdowns that get facts; the KPI table has more (device, channel × region). */
export const FACT_BREAKDOWNS: readonly (readonly string[])[] = [[], ["channel"], ["campaign"], ["region"], ["segment"], ["channel", "segment"]];

const ABSENT = "not emitted without campaigns data, or for a breakdown whose column the file lacks; an empty label is the group (unknown)";

/** A metric before its section and dims are given. */
type Kpi = Omit<MetricDef, "section" | "dims" | "perDataset">;

const KPIS = [
  { id: "campaign.spend", label: "Campaign spend", unit: "currency", formula: "Σ spend of the group's rows", empty: ABSENT },
  {
    id: "campaign.conversions",
    label: "Conversions",
    unit: "count",
    better: "up",
    formula: "Σ conversions of the group's rows",
    empty: ABSENT,
  },
  {
    id: "campaign.cvr",
    label: "Conversion rate",
    unit: "share",
    better: "up",
    formula: "Σ conversions ÷ Σ clicks; above 1 when view-through conversions exceed clicks (the KPI table flags the group and gives no Wilson interval)",
    empty: `${ABSENT}; null without clicks`,
  },
  {
    id: "campaign.cpa",
    label: "Cost per conversion",
    unit: "currency",
    better: "down",
    formula: "Σ spend ÷ Σ conversions",
    empty: `${ABSENT}; null without conversions`,
  },
  {
    id: "campaign.roas",
    label: "ROAS",
    unit: "ratio",
    better: "up",
    formula: "Σ revenue ÷ Σ spend over the group's rows that have a revenue value (rows without one are left out of both sums)",
    empty: `${ABSENT}; not emitted without a revenue column; null when those rows have no spend`,
  },
] as const satisfies readonly Kpi[];

const kpiDefs = KPIS.flatMap((k) => FACT_BREAKDOWNS.map((dims) => ({ ...k, section: "campaigns" as const, dims, perDataset: true })));

const LIFT_EMPTY =
  "not emitted for undated data; null (with the reason in the lift table) when the campaign has no pre-period of 14 days, no control series (it runs in every region and channel), or the fit is refused";

export const CAMPAIGN_METRICS = [
  ...kpiDefs,
  {
    id: "campaign.trend",
    section: "campaigns",
    label: "Return per spend, last 28 days ÷ the 28 before",
    unit: "ratio",
    better: "up",
    dims: ["campaign"],
    perDataset: true,
    formula:
      "return per unit of spend (revenue ÷ spend, or conversions ÷ spend without revenue) over the campaign's last 28 days of data ÷ the same over the 28 days before; 1 is flat, 0.8 a fall of a fifth",
    empty: "not emitted for undated data or a campaign with fewer than 56 days; null when either window has no spend or no return",
  },
  {
    id: "campaign.lift",
    section: "campaigns",
    label: "Campaign lift, conversions per day",
    unit: "count",
    better: "up",
    dims: ["campaign"],
    perDataset: true,
    formula:
      "mean daily (actual − counterfactual) of conversions in the regions the campaign runs in (or its channels, when it runs in every region) from its launch; the counterfactual regresses that KPI on the untouched regions' (or channels') daily totals over the pre-period (OLS with intercept)",
    empty: LIFT_EMPTY,
  },
  {
    id: "campaign.lift.lo95",
    section: "campaigns",
    label: "Campaign lift, 95% low",
    unit: "count",
    dims: ["campaign"],
    perDataset: true,
    formula: "2.5% percentile of the mean daily lift over seeded bootstrap draws (moving blocks of pre-period residuals, refit, plus resampled noise)",
    empty: LIFT_EMPTY,
  },
  {
    id: "campaign.lift.hi95",
    section: "campaigns",
    label: "Campaign lift, 95% high",
    unit: "count",
    dims: ["campaign"],
    perDataset: true,
    formula: "97.5% percentile of the same bootstrap draws",
    empty: LIFT_EMPTY,
  },
] as const satisfies readonly MetricDef[];

/** Days in each window of `campaign.trend`. */
export const TREND_DAYS = 28;
