/**
 * Chart data that facts do not hold: daily series, histograms, model
 * tables. Each analysis declares its series' row shapes as zod schemas (its
 * `series.ts`); this module composes them into the report's `series`, so
 * that an analysis writes, and the site reads, rows that tsc checks against
 * one declaration.
 */
import { z } from "zod";
import { BASKET_SERIES } from "./basket/series.ts";
import { BUDGET_SERIES } from "./budget/series.ts";
import { CAMPAIGNS_SERIES } from "./campaigns/series.ts";
import { CLV_SERIES } from "./clv/series.ts";
import { CUSTOMERS_SERIES } from "./customers/series.ts";
import { EXPERIMENTS_SERIES } from "./experiments/series.ts";
import { FORECAST_SERIES } from "./forecast/series.ts";
import { FUNNEL_SERIES } from "./funnel/series.ts";

/** Every series' row schema, by the series' name in metrics.json. */
export const SERIES_ROWS = {
  ...FUNNEL_SERIES,
  ...CUSTOMERS_SERIES,
  ...BASKET_SERIES,
  ...CLV_SERIES,
  ...FORECAST_SERIES,
  ...CAMPAIGNS_SERIES,
  ...EXPERIMENTS_SERIES,
  ...BUDGET_SERIES,
};
export type SeriesName = keyof typeof SERIES_ROWS;
/** One row of the series `N`. */
export type SeriesRow<N extends SeriesName> = z.infer<(typeof SERIES_ROWS)[N]>;
/** The series whose rows name their dataset (`DatasetTag`) when a folder holds several files of the kind. */
export type DatasetSeries = { [N in SeriesName]: "dataset" extends keyof SeriesRow<N> ? N : never }[SeriesName];

type Rows = typeof SERIES_ROWS;
const shape = Object.fromEntries(Object.entries(SERIES_ROWS).map(([name, row]) => [name, z.array(row).optional()])) as {
  [N in keyof Rows]: z.ZodOptional<z.ZodArray<Rows[N]>>;
};
/** The report's `series`: each series an analysis wrote, as a list of rows (absent when it did not run). */
export type Series = { [N in SeriesName]?: SeriesRow<N>[] | undefined };
export const SeriesSchema: z.ZodType<Series> = z.strictObject(shape);

/**
 * The index of a value among unit-wide bins [0, 1), [1, 2) … [max, ∞);
 * negative values fall in the first bin.
 * @example unitBin(2.5, 30); // => 2
 * @example unitBin(99, 30); // => 30
 */
export function unitBin(value: number, max: number): number {
  return Math.min(max, Math.max(0, Math.floor(value)));
}
