/**
 * What the site context (`context.ts`) lends the page builders of each analysis: tiles from facts,
 * a chart page from specs (rendering them and registering their CSVs), and
 * registration of a table's CSV download.
 */
import type { MetricId } from "../analyses/catalogue.ts";
import type { ChartSpec } from "../charts/spec.ts";
import type { ChartPage, Kpi, Table } from "./views.ts";

export interface PagePieces {
  /** A tile for the fact with this id (and dims), labelled and formatted by its metric's definition, or null when the report has no such fact. */
  readonly kpi: (id: MetricId, hint: string, dims?: Record<string, string>) => Kpi | null;
  /** Tiles and rendered charts, or null without any chart. */
  readonly page: (kpis: (Kpi | null)[], specs: ChartSpec[]) => ChartPage | null;
  /** Registers the table's CSV download and returns the table. */
  readonly table: (t: Table) => Table;
}
