/**
 * Assembles the report document from loaded datasets, once the period is
 * resolved and every dataset clipped to it: run the analyses, and account
 * for every row. The data was read before and nothing is written here; the
 * only effect is the analyses' reductions, run through `reducer`.
 */
import type { Reducer } from "../analyses/analysis.ts";
import type { LoadedDataset, LoadResult } from "../read/load.ts";
import type { Config } from "../schema/config.ts";
import { KINDS, type Kind } from "../schema/kinds.ts";
import { REPORT_SCHEMA_VERSION, type DatasetAccount, type Report } from "../schema/report.ts";
import { dayLabel, monthLabel } from "../time/calendar.ts";
import { periodFrame } from "../time/period.ts";
import type { ResolvedPeriod } from "./period.ts";
import type { Table } from "../read/table.ts";
import { channelRecommendations, channelThresholds } from "../rules/channels.ts";
import { campaignRecommendations } from "../rules/campaigns.ts";
import { clvRecommendations } from "../rules/clv.ts";
import type { Annotation } from "../schema/annotations.ts";
import { segmentRecommendations } from "../rules/segments.ts";
import { runAnalyses } from "./analyses.ts";
import { versionId } from "./version.ts";

/** The accounting of one dataset; `used` is its row count after the period clip. */
export function account(d: LoadedDataset, used: number): DatasetAccount {
  return {
    name: d.name,
    kind: d.kind,
    files: d.files.map((f) => ({ ...f })),
    columns: { ...d.columns },
    rows: d.rows,
    used,
    rejected: d.rejections.list(),
    ...(d.labels.length > 0 ? { merged: d.labels.map((m) => ({ role: m.role, label: m.label, spellings: m.spellings.map((x) => ({ ...x })) })) } : {}),
  };
}

/** What names a version besides its content: a label and the git commit. */
export interface Stamp {
  readonly label?: string | undefined;
  readonly commit?: string | undefined;
  /** The generator to record instead of romi's name and version: a test pins it, so that a hash of the report does not move with each release. */
  readonly generator?: string | undefined;
}

/** The datasets in the report period: the period, each dataset's rows left in it, and the tables of the kinds analyses read as rows. */
export interface InPeriod {
  readonly period: ResolvedPeriod | null;
  /** Rows used in the period, per dataset of `loaded.datasets`. */
  readonly used: readonly number[];
  readonly tables: readonly Table[];
}

/** `reducer` runs the analyses' reductions on the engine that loaded the data (null: none may have any). */
export async function assembleReport(
  loaded: LoadResult,
  data: InPeriod,
  config: Config,
  generator: string,
  reducer: Reducer | null,
  stamp: Stamp = {},
  annotations: readonly Annotation[] = [],
): Promise<Report> {
  const { period } = data;
  const frame = period ? periodFrame(period.range) : null;
  const datasets: Partial<Record<Kind, string[]>> = {};
  for (const d of loaded.datasets) (datasets[d.kind] ??= []).push(d.name);
  const result = await runAnalyses(data.tables, datasets, loaded.dicts, frame, config, annotations, reducer);
  const files = loaded.datasets.flatMap((d) => d.files);
  return {
    schema: REPORT_SCHEMA_VERSION,
    generator,
    version: {
      id: versionId(generator, config, files, annotations),
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
      .map((d, i) => account(d, data.used[i]!))
      .sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    ignored: loaded.ignored.map((x) => ({ ...x })),
    ...(annotations.length > 0
      ? { annotations: [...annotations].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).map((a) => ({ ...a })) }
      : {}),
    warnings: [...result.warnings].sort((a, b) => (a.code + JSON.stringify(a.dims) < b.code + JSON.stringify(b.dims) ? -1 : 1)),
    facts: result.facts,
    recommendations: [
      ...channelRecommendations(result.facts, channelThresholds(config)),
      ...segmentRecommendations(result.facts),
      ...clvRecommendations(result.facts),
      ...campaignRecommendations(result.facts, config.campaigns),
    ],
    series: result.series,
  };
}
