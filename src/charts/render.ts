/**
 * The one SSR renderer: a chart spec → inline SVG markup, drawn by
 * Observable Plot into a server-side DOM (linkedom). Labels from the data
 * are text nodes, so the serializer escapes them.
 */
import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import type { ChartSpec } from "./spec.ts";

const { document } = parseHTML("<!doctype html><html><body></body></html>");

export function renderChart(spec: ChartSpec, width: number): string {
  const options = spec.plot(width);
  const svg = Plot.plot({
    ...options,
    document: document as unknown as Document,
    width,
    ariaLabel: spec.title,
    ariaDescription: spec.description,
    style: { background: "transparent", fontSize: "12px", overflow: "visible" },
  }) as unknown as { outerHTML: string };
  return svg.outerHTML;
}
