/**
 * Runs every analysis on the period-clipped tables, in one place: the
 * funnel (visits, orders, costs), then, when there are orders, the customer
 * analysis, the basket analysis, the forecast and CLV; with orders and costs,
 * the budget reallocation; and, each over its own period, campaign
 * performance and experiments. The customer analysis lends each customer's
 * segments to the basket filter and to the CLV bands.
 * Pure: tables and config in, facts, warnings and series out.
 */
import { basket } from "../analyses/basket/index.ts";
import { budget } from "../analyses/budget/index.ts";
import { campaigns } from "../analyses/campaigns/index.ts";
import { experiments } from "../analyses/experiments/index.ts";
import { clv } from "../analyses/clv/index.ts";
import { customers } from "../analyses/customers/index.ts";
import { forecast } from "../analyses/forecast/index.ts";
import { funnel } from "../analyses/funnel/index.ts";
import type { Series, SeriesRow } from "../analyses/series.ts";
import { concatTables, type Dicts, type Table } from "../read/table.ts";
import type { Annotation } from "../schema/annotations.ts";
import type { Config } from "../schema/config.ts";
import type { Kind } from "../schema/kinds.ts";
import type { Fact, Warning } from "../schema/report.ts";
import { dayFromYmd } from "../time/calendar.ts";
import type { PeriodFrame } from "../time/period.ts";
import { zone as makeZone } from "../time/zone.ts";

export interface AnalysesResult {
  readonly facts: Fact[];
  readonly warnings: Warning[];
  readonly series: Series;
}

/**
 * Series with every non-finite number (a model prediction at the edge of its
 * parameter space, say) replaced by null: as for facts, an undefined value is
 * null, never NaN and never 0. The analysis that produced it says why in a
 * warning.
 */
function finiteSeries(series: Series): Series {
  const out: Series = {};
  for (const [name, rows] of Object.entries(series)) {
    out[name] = rows.map((row) => {
      let clean: SeriesRow | null = null;
      for (const [k, v] of Object.entries(row)) {
        if (typeof v === "number" && !Number.isFinite(v)) (clean ??= { ...row })[k] = null;
      }
      return clean ?? row;
    });
  }
  return out;
}

/**
 * `tables` are every dataset's table, clipped to the report period (those of
 * kinds with their own period are whole); `frame` is null when no dataset is dated.
 */
export function runAnalyses(
  tables: readonly Table[],
  dicts: Dicts,
  frame: PeriodFrame | null,
  config: Config,
  annotations: readonly Annotation[] = [],
): AnalysesResult {
  const none: AnalysesResult = { facts: [], warnings: [], series: {} };
  const ofKind = (kind: Kind): Table[] => tables.filter((t) => t.kind === kind);
  const byKind = (kind: Kind): Table | null => {
    const list = ofKind(kind);
    return list.length > 0 ? concatTables(list) : null;
  };
  const launches = new Map<string, number>();
  for (const a of annotations) {
    if (a.campaign !== undefined) launches.set(a.campaign, dayFromYmd(Number(a.date.slice(0, 4)), Number(a.date.slice(5, 7)), Number(a.date.slice(8, 10))));
  }
  const campaignResult = campaigns(
    { tables: ofKind("campaigns") },
    { labels: { campaign: dicts.campaign.labels, dim: dicts.dim.labels }, config: config.campaigns, launches },
  );
  const experimentResult = experiments({ tables: ofKind("experiment") }, { labels: dicts.dim.labels, config: config.experiments });
  const own = [campaignResult, experimentResult];
  if (!frame) return merge(own);
  const funnelResult = funnel(
    { visits: byKind("visits"), orders: byKind("orders"), costs: byKind("costs") },
    {
      frame,
      userCount: dicts.user.labels.length,
      sourceLabels: dicts.source.labels,
      deviceLabels: dicts.device.labels,
      margin: config.margin,
      zone: makeZone(config.timezone),
    },
  );
  const orders = byKind("orders");
  const customerResult = orders
    ? customers(
        { orders, customers: byKind("customers"), categories: byKind("categories") },
        {
          frame,
          userLabels: dicts.user.labels,
          categoryLabels: dicts.category.labels,
          text: dicts.label.labels,
          config,
        },
      )
    : null;
  const b = config.basket;
  const basketResult =
    (orders
      ? basket(
          { orders },
          {
            productLabels: dicts.product.labels,
            text: dicts.label.labels,
            segmentsOf: customerResult?.segmentsOf,
            config: {
              minSupport: b.min_support,
              minConfidence: b.min_confidence,
              minLift: b.min_lift,
              maxSize: b.max_size,
              exclude: b.exclude,
              countries: b.countries,
              segments: b.segments,
            },
          },
        )
      : null) ?? none;
  const forecastResult = orders ? forecast({ orders }, { frame, config: config.forecast }) : null;
  // The k-means segment of each customer id, for the segment mix of the CLV bands.
  const segmentOfId = new Map<string, string>();
  if (customerResult) {
    dicts.user.labels.forEach((id, u) => {
      const segment = customerResult.segmentsOf(u)[1];
      if (segment !== undefined) segmentOfId.set(id, segment);
    });
  }
  const clvResult = orders
    ? clv(
        { orders },
        {
          frame,
          userLabels: dicts.user.labels,
          margin: config.margin,
          config: { discount: config.clv.discount, holdoutFrom: config.clv.holdout_from },
          segments: segmentOfId,
        },
      )
    : null;
  const budgetResult = budget(
    { visits: byKind("visits"), orders, costs: byKind("costs") },
    { frame, userCount: dicts.user.labels.length, sourceLabels: dicts.source.labels, margin: config.margin, config: config.budget },
  );
  return merge([funnelResult, customerResult ?? none, basketResult, clvResult ?? none, forecastResult ?? none, budgetResult, ...own]);
}

function merge(parts: readonly AnalysesResult[]): AnalysesResult {
  return {
    facts: parts.flatMap((p) => p.facts),
    warnings: parts.flatMap((p) => p.warnings),
    series: finiteSeries(Object.assign({}, ...parts.map((p) => p.series)) as Series),
  };
}
