/**
 * The one SSR renderer: a chart spec → inline SVG markup, drawn by
 * Observable Plot into a server-side DOM (linkedom). Labels from the data
 * are text nodes, so the serializer escapes them.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import type { ChartSpec } from "./spec.ts";

const { document } = parseHTML("<!doctype html><html><body></body></html>");

/**
 * Room for the axis titles beside the tick labels: Plot sets a bottom x
 * title 27 px below the axis and a y title 17 px above the plot, where 12 px
 * tick labels reach; these defaults put the titles clear of them (a chart
 * that sets its own margins or offsets keeps them).
 */
const AXIS_ROOM = { marginTop: 30, marginBottom: 42, xLabelOffset: 38 } as const;

export function renderChart(spec: ChartSpec, width: number): string {
  const options = spec.plot(width);
  const svg = Plot.plot({
    marginTop: AXIS_ROOM.marginTop,
    marginBottom: AXIS_ROOM.marginBottom,
    ...options,
    x: { labelOffset: AXIS_ROOM.xLabelOffset, ...options.x },
    document: document as unknown as Document,
    width,
    ariaLabel: spec.title,
    ariaDescription: spec.description,
    style: { background: "transparent", fontSize: "12px", overflow: "visible" },
  }) as unknown as Drawn;
  titleCutSwatches(svg);
  return svg.outerHTML;
}

/** What the renderer reads of Plot's drawing: its markup, its elements and its scales. */
interface Drawn {
  readonly outerHTML: string;
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null; setAttribute(name: string, value: string): void }>;
  scale(name: "color"): { readonly domain?: readonly unknown[] } | undefined;
}

/**
 * A legend swatch whose name was cut to fit ("…") gets the whole name as its
 * tooltip: the colour's domain value, in the swatches' order.
 */
function titleCutSwatches(drawn: Drawn): void {
  const swatches = drawn.querySelectorAll('span[class$="-swatch"]');
  if (swatches.length === 0) return;
  const domain = drawn.scale("color")?.domain ?? [];
  for (let i = 0; i < swatches.length; i++) {
    const swatch = swatches[i]!;
    if (swatch.textContent?.endsWith("…") && i < domain.length) swatch.setAttribute("title", String(domain[i]));
  }
}
