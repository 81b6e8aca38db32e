/**
 * A chart, as pure data: what it shows, the rows it plots (also its CSV
 * download), and its Plot options for a given width. Rendering to SVG is
 * `render.ts`'s job; nothing here touches a DOM.
 */
import type * as Plot from "@observablehq/plot";

/** A row a chart plots: a series row, or one a chart derives from them. */
export type DataRow = Readonly<Record<string, unknown>>;

export interface ChartSpec {
  /** File-safe id; the data is served as `data/<id>.csv`. */
  readonly id: string;
  readonly title: string;
  /** What to read from the chart, in one sentence. */
  readonly subtitle: string;
  /** The accessible description: what the chart encodes. */
  readonly description: string;
  /** The plotted rows, in CSV column order (the download flattens them: `csvOf`). */
  readonly data: readonly DataRow[];
  /** Plot options (marks, scales, axis labels) for a width in px. */
  readonly plot: (width: number) => Plot.PlotOptions;
}
