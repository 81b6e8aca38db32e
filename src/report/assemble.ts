/**
 * Assembles the report document from loaded datasets: resolve the period,
 * clip every dataset to it, run the analyses, and account for every row.
 * Pure: the data was read before, and nothing is written here.
 */
import { basket } from "../analyses/basket/index.ts";
import { clv } from "../analyses/clv/index.ts";
import type { Series, SeriesRow } from "../analyses/series.ts";
import { customers } from "../analyses/customers/index.ts";
import { forecast } from "../analyses/forecast/index.ts";
import { funnel } from "../analyses/funnel/index.ts";
import type { LoadedDataset, LoadResult } from "../read/load.ts";
import { concatTables, type Table } from "../read/table.ts";
import type { Config } from "../schema/config.ts";
import { KINDS, type Kind } from "../schema/kinds.ts";
import { REPORT_SCHEMA_VERSION, type DatasetAccount, type Report } from "../schema/report.ts";
import { dayLabel, monthLabel } from "../time/calendar.ts";
import { periodFrame } from "../time/period.ts";
import { zone as makeZone } from "../time/zone.ts";
import { channelRecommendations } from "../rules/channels.ts";
import { clvRecommendations } from "../rules/clv.ts";
import { segmentRecommendations } from "../rules/segments.ts";
import { clipToPeriod, resolvePeriod } from "./period.ts";
import { versionId } from "./version.ts";

/** The accounting of one dataset; `used` is its row count after the period clip. */
export function account(d: LoadedDataset, used: number): DatasetAccount {
  return {
    name: d.table.name,
    kind: d.table.kind,
    files: d.files.map((f) => ({ ...f })),
    columns: { ...d.columns },
    rows: d.rows,
    used,
    rejected: d.rejections.list(),
  };
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

/** What names a version besides its content: a label and the git commit. */
export interface Stamp {
  readonly label?: string | undefined;
  readonly commit?: string | undefined;
}

export function assembleReport(loaded: LoadResult, config: Config, generator: string, stamp: Stamp = {}): Report {
  const zone = makeZone(config.timezone);
  const period = resolvePeriod(
    loaded.datasets.map((d) => d.table),
    config,
  );
  const clipped = loaded.datasets.map((d) => (period ? clipToPeriod(d.table, period.range, d.rejections) : d.table));
  const byKind = (kind: Kind): Table | null => {
    const tables = clipped.filter((t) => t.kind === kind);
    return tables.length > 0 ? concatTables(tables) : null;
  };
  const frame = period ? periodFrame(period.range) : null;
  const funnelResult = frame
    ? funnel(
        { visits: byKind("visits"), orders: byKind("orders"), costs: byKind("costs") },
        {
          frame,
          userCount: loaded.dicts.user.labels.length,
          sourceLabels: loaded.dicts.source.labels,
          deviceLabels: loaded.dicts.device.labels,
          margin: config.margin,
          zone,
        },
      )
    : { facts: [], warnings: [], series: {} };
  const orders = byKind("orders");
  const customerResult =
    frame && orders
      ? customers(
          { orders, customers: byKind("customers"), categories: byKind("categories") },
          {
            frame,
            userLabels: loaded.dicts.user.labels,
            categoryLabels: loaded.dicts.category.labels,
            text: loaded.dicts.label.labels,
            config,
          },
        )
      : null;
  const b = config.basket;
  const basketResult = (frame && orders
    ? basket(
        { orders },
        {
          productLabels: loaded.dicts.product.labels,
          text: loaded.dicts.label.labels,
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
    : null) ?? { facts: [], warnings: [], series: {} };
  const forecastResult = frame && orders ? forecast({ orders }, { frame, config: config.forecast }) : null;
  // The k-means segment of each customer id, for the segment mix of the CLV bands.
  const segmentOfId = new Map<string, string>();
  if (customerResult) {
    loaded.dicts.user.labels.forEach((id, u) => {
      const segment = customerResult.segmentsOf(u)[1];
      if (segment !== undefined) segmentOfId.set(id, segment);
    });
  }
  const clvResult =
    frame && orders
      ? clv(
          { orders },
          {
            frame,
            userLabels: loaded.dicts.user.labels,
            margin: config.margin,
            config: { discount: config.clv.discount, holdoutFrom: config.clv.holdout_from },
            segments: segmentOfId,
          },
        )
      : null;
  const none = { facts: [], warnings: [], series: {} };
  const parts = [funnelResult, customerResult ?? none, basketResult, clvResult ?? none, forecastResult ?? none];
  const result = {
    facts: parts.flatMap((p) => p.facts),
    warnings: parts.flatMap((p) => p.warnings),
    series: finiteSeries(Object.assign({}, ...parts.map((p) => p.series)) as Series),
  };
  const files = loaded.datasets.flatMap((d) => d.files);
  return {
    schema: REPORT_SCHEMA_VERSION,
    generator,
    version: {
      id: versionId(generator, config, files),
      ...((stamp.label ?? config.label) ? { label: (stamp.label ?? config.label)! } : {}),
      ...(stamp.commit ? { commit: stamp.commit } : {}),
    },
    title: config.title,
    currency: config.currency,
    locale: config.locale,
    timezone: config.timezone,
    margin: config.margin,
    period:
      period && frame
        ? {
            from: dayLabel(period.range.from),
            to: dayLabel(period.range.to),
            days: frame.days,
            activity: period.activity,
            completeMonths: frame.months.map(monthLabel),
            completeWeeks: frame.weeks.length,
          }
        : null,
    datasets: loaded.datasets
      .map((d, i) => account(d, clipped[i]!.length))
      .sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    ignored: loaded.ignored.map((x) => ({ ...x })),
    warnings: [...result.warnings].sort((a, b) => (a.code + JSON.stringify(a.dims) < b.code + JSON.stringify(b.dims) ? -1 : 1)),
    facts: result.facts,
    recommendations: [
      ...channelRecommendations(result.facts, config.recommendations),
      ...segmentRecommendations(result.facts),
      ...clvRecommendations(result.facts),
    ],
    series: result.series,
  };
}
