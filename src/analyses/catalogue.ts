/**
 * Every metric romi emits, across analyses: the one list that the diff, the
 * data page and the site's number formatting look definitions up in.
 */
import { BASKET_METRICS } from "./basket/catalogue.ts";
import { CAMPAIGN_METRICS } from "./campaigns/catalogue.ts";
import { EXPERIMENT_METRICS } from "./experiments/catalogue.ts";
import { BUDGET_METRICS } from "./budget/catalogue.ts";
import { CLV_METRICS } from "./clv/catalogue.ts";
import { CUSTOMER_METRICS } from "./customers/catalogue.ts";
import { metricKey, metricKeyOf, type MetricDef } from "../facts/metric.ts";
import { FORECAST_METRICS } from "./forecast/catalogue.ts";
import { FUNNEL_METRICS } from "./funnel/catalogue.ts";

const CATALOGUES = [
  ...FUNNEL_METRICS,
  ...CUSTOMER_METRICS,
  ...CLV_METRICS,
  ...BASKET_METRICS,
  ...FORECAST_METRICS,
  ...CAMPAIGN_METRICS,
  ...EXPERIMENT_METRICS,
  ...BUDGET_METRICS,
] as const satisfies readonly MetricDef[];

/** Every metric id of the catalogue: facts are emitted and looked up by these, and tsc checks them. */
export type MetricId = (typeof CATALOGUES)[number]["id"];

export const METRICS: readonly MetricDef<MetricId>[] = CATALOGUES;

const BY_KEY: ReadonlyMap<string, MetricDef<MetricId>> = new Map(METRICS.map((m) => [metricKey(m.id, m.dims), m]));

/**
 * The definition of a fact's metric, by its id and dim names (a dataset dim
 * left out); undefined for a metric this romi does not know.
 * @example metricOf({ id: "romi", dims: { source: "3" } })?.label; // => "ROMI by source"
 */
export const metricOf = (fact: { readonly id: string; readonly dims?: Readonly<Record<string, string>> | undefined }): MetricDef<MetricId> | undefined =>
  BY_KEY.get(metricKeyOf(fact));
