/**
 * What the chart specs of every page share: the context they read, series
 * look-up, axis helpers, the cohort heatmap and the annotation markers.
 */
import * as Plot from "@observablehq/plot";
import type { MetricId } from "../analyses/catalogue.ts";
import type { SeriesName, SeriesRow } from "../analyses/series.ts";
import type { DataRow } from "./spec.ts";
import type { Annotation } from "../schema/annotations.ts";
import type { Report } from "../schema/report.ts";
import type { FactIndex } from "../facts/index.ts";
import type { Formatter } from "../words/format.ts";
import type { ChartSpec } from "./spec.ts";
import { OTHER, PALETTE, SEQUENTIAL } from "./theme.ts";

/** Cohorts smaller than this are marked in the heatmaps. */
export const SMALL_COHORT = 30;

export interface ChartContext {
  readonly report: Report;
  readonly facts: FactIndex;
  readonly format: Formatter;
}

/** The rows of a series; none when its analysis did not run. */
export const series = <N extends SeriesName>(report: Report, name: N): readonly SeriesRow<N>[] => report.series[name] ?? [];
export const date = (s: unknown): Date => new Date(`${String(s)}T00:00:00Z`);
/** Horizontal room a `YY-MM` tick label needs, in px, with a gap to the next (11 px text). */
const MONTH_TICK_PX = 44;

/**
 * `YY-MM` month ticks for a band axis of `months` months on a chart `width`
 * px wide: every month when each band has room for its label, else every
 * 2nd, 3rd, 6th or 12th, so that labels never run together.
 * @example [0, 1, 2, 3].map((i) => monthTicks(390, 25)(`2024-0${i + 1}`, i)); // => ["24-01", "", "", ""] (every 6th)
 */
export const monthTicks = (width: number, months: number) => {
  const step = tickStep(width, months, MONTH_TICK_PX, [1, 2, 3, 6, 12]);
  return (m: string, i: number): string => (i % step === 0 ? m.slice(2) : "");
};

/** Room of one band of `count` on a chart `width` px wide, whose margins take about `margins` px. */
export const bandWidth = (width: number, count: number, margins = 80): number => Math.max(1, width - margins) / Math.max(1, count);

/** The smallest of `steps` that gives every labelled band `labelPx` of room. */
export const tickStep = (width: number, count: number, labelPx: number, steps: readonly number[], margins = 80): number =>
  steps.find((k) => k * bandWidth(width, count, margins) >= labelPx) ?? steps[steps.length - 1]!;
/** A label cut to `n` characters for axes and legends; tooltips and CSVs keep it whole. */
export const truncate = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
/**
 * The longest name a legend shows whole: two lines on a phone. A legend's
 * swatches wrap to the card's width, so any shorter name is shown in full; a
 * longer one is cut, and the renderer gives its swatch the whole name as a
 * tooltip (`src/charts/render.ts`).
 */
export const LEGEND_CHARS = 60;
export const color = (domain?: readonly string[]): Plot.ScaleOptions => ({
  type: "categorical",
  range: [...PALETTE],
  legend: true,
  tickFormat: (s: string) => truncate(String(s), LEGEND_CHARS),
  ...(domain ? { domain: [...domain] } : {}),
});
/**
 * The k-means segments in the order of their profiles, so that a segment has
 * the same colour on every chart that colours by segment; segments a chart
 * has that the profiles lack follow.
 */
export const segmentDomain = (report: Report, seen: readonly string[] = []): string[] => {
  const profiled = (report.series.segment_profiles ?? []).map((p) => p.segment);
  return [...profiled, ...seen.filter((s) => !profiled.includes(s))];
};

/** Category order for a chart: the named ones first, "other" last. */
export const categories = (rows: readonly DataRow[], key: string): string[] => {
  const all = [...new Set(rows.map((r) => String(r[key])))];
  return [...all.filter((c) => c !== OTHER), ...all.filter((c) => c === OTHER)];
};

/** Heatmap of a cohort × age metric (retention, LTV), with small cohorts marked. */
export function cohortHeatmap(
  ctx: ChartContext,
  o: { id: string; title: string; subtitle: string; metric: MetricId; sizeMetric: MetricId; label: string; percent: boolean; skipAgeZero: boolean },
): ChartSpec | null {
  const sizes = new Map(ctx.facts.list(o.sizeMetric, ["cohort"]).map((f) => [f.dims!["cohort"]!, f.value]));
  const data = ctx.facts
    .list(o.metric, ["cohort", "age"])
    .filter((f) => !(o.skipAgeZero && f.dims!["age"] === "0"))
    .map((f) => ({ cohort: f.dims!["cohort"]!, age: Number(f.dims!["age"]), value: f.value, cohort_size: sizes.get(f.dims!["cohort"]!) ?? null }));
  if (data.length === 0) return null;
  const label = (c: string): string => {
    const n = sizes.get(c);
    return `${c} (${n ?? "?"})${n !== null && n !== undefined && n < SMALL_COHORT ? " *" : ""}`;
  };
  const show = (v: number | null): string => (o.percent ? ctx.format.percent(v) : ctx.format.money(v));
  const values = data.flatMap((d) => (d.value === null ? [] : [d.value]));
  const midpoint = (Math.min(...values) + Math.max(...values)) / 2;
  const ages = new Set(data.map((d) => d.age)).size;
  return {
    id: o.id,
    title: o.title,
    subtitle: `${o.subtitle} Rows are cohorts with their size; * marks cohorts under ${SMALL_COHORT}. Months a cohort has not reached are empty.`,
    description: `A heatmap of ${o.label} by first-month cohort (rows) and age in months (columns).`,
    data,
    plot: (width) => ({
      marginLeft: 110,
      height: Math.max(160, 24 * new Set(data.map((d) => d.cohort)).size + 60),
      // Ages up to two digits: 22 px a label; every 2nd, 3rd or 6th age when the bands are narrower.
      x: {
        label: "Age (months)",
        type: "band",
        tickFormat: (a: number, i: number) => (i % tickStep(width, ages, 22, [1, 2, 3, 6], 120) === 0 ? String(a) : ""),
      },
      y: { label: null, type: "band", tickFormat: label },
      // Quantized: steps read better in a heatmap, and their legend needs no canvas.
      color: { type: "quantize", n: 6, scheme: SEQUENTIAL, legend: true, label: o.label, ...(o.percent ? { percent: true } : {}) },
      marks: [
        Plot.cell(
          data.filter((d) => d.value !== null),
          { x: "age", y: "cohort", fill: "value", inset: 0.5, title: (d) => `${d.cohort}, age ${d.age}: ${show(d.value)} (cohort of ${d.cohort_size ?? "?"})` },
        ),
        // A cell's number only where the cell has room for it (up to 5 characters at 10 px).
        ...(bandWidth(width, ages, 120) >= 34
          ? [
              Plot.text(
                data.filter((d) => d.value !== null),
                {
                  x: "age",
                  y: "cohort",
                  text: (d) => (o.percent ? `${Math.round(d.value! * 100)}` : ctx.format.number(d.value, Math.abs(d.value!) < 100 ? 1 : 0)),
                  // cividis runs from dark blue to light yellow: dark text on the light upper half.
                  fill: (d) => (d.value! > midpoint ? "black" : "white"),
                  fontSize: 10,
                },
              ),
            ]
          : []),
      ],
    }),
  };
}

/** The longest line of an annotation label on a chart, in characters, at desktop and at phone width; a label takes up to two lines. */
const ANNOTATION_CHARS = { wide: 36, narrow: 20 } as const;

/**
 * A label in at most two lines of at most `chars` characters, broken between
 * words; what does not fit is cut short with "…".
 * @example labelLines("Spring Launch (CMP-107) goes live", 20); // => ["Spring Launch", "(CMP-107) goes live"]
 */
export function labelLines(label: string, chars: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of label.split(/\s+/).filter((w) => w !== "")) {
    if (line === "" || line.length + 1 + word.length <= chars) {
      line = line === "" ? word : `${line} ${word}`;
      continue;
    }
    lines.push(line);
    line = word;
  }
  if (line !== "") lines.push(line);
  if (lines.length <= 2) return lines.map((l) => truncate(l, chars));
  return [truncate(lines[0]!, chars), truncate(`${lines.slice(1).join(" ")}`, chars)];
}

/**
 * The report's annotations as a mark: a dashed vertical rule at each date
 * inside the chart's x range, with its label (in up to two lines, cut short
 * beyond) staggered over up to three rows at the top so neighbours do not overlap, and the full date
 * and label as a tooltip. The mark has no channels of its own, so it never
 * widens the x domain: it draws with the scale the other marks made, and
 * leaves out dates outside it.
 */
export function annotationMark(annotations: readonly Annotation[], width: number): Plot.RenderFunction {
  const chars = width < 600 ? ANNOTATION_CHARS.narrow : ANNOTATION_CHARS.wide;
  return (_index, scales, _values, dimensions, context) => {
    const doc = context.document;
    const svg = (tag: string, attrs: Record<string, string | number>): SVGElement => {
      const el = doc.createElementNS("http://www.w3.org/2000/svg", tag);
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
      return el;
    };
    // The phone drawing is shown about 8% smaller than drawn: 11 px keeps its labels at 10 px.
    const fontSize = width < 600 ? 11 : 10;
    const g = svg("g", { "aria-label": "annotations", "font-size": fontSize, fill: "currentColor" });
    const x = scales.x;
    if (!x) return g;
    const left = dimensions.marginLeft;
    const right = dimensions.width - dimensions.marginRight;
    const top = dimensions.marginTop;
    const bottom = dimensions.height - dimensions.marginBottom;
    // The right end of the last label on each line of text, for staggering.
    const rows = [-Infinity, -Infinity, -Infinity, -Infinity];
    for (const a of annotations) {
      const px = x(date(a.date)) as number;
      if (!Number.isFinite(px) || px < left || px > right) continue;
      const lines = labelLines(a.label, chars);
      const textWidth = Math.max(...lines.map((l) => l.length)) * fontSize * 0.56;
      const flip = px + 3 + textWidth > right;
      const from = flip ? px - 3 - textWidth : px + 3;
      // The first line from which the label's lines are all free.
      const fits = (r: number): boolean => lines.every((_, k) => r + k < rows.length && from > rows[r + k]! + 4);
      let row = rows.findIndex((_, r) => fits(r));
      if (row < 0) row = 0;
      for (let k = 0; k < lines.length && row + k < rows.length; k++) rows[row + k] = from + textWidth;
      const group = svg("g", {});
      const title = svg("title", {});
      title.textContent = `${a.date}: ${a.label}${a.campaign ? ` (${a.campaign})` : ""}`;
      group.append(title, svg("line", { x1: px, x2: px, y1: top, y2: bottom, stroke: "currentColor", "stroke-opacity": 0.55, "stroke-dasharray": "3,3" }));
      const label = svg("text", {
        x: flip ? px - 3 : px + 3,
        y: top + 9 + row * (fontSize + 2),
        "text-anchor": flip ? "end" : "start",
        "paint-order": "stroke",
        "stroke-width": 3,
        "stroke-linejoin": "round",
        style: "stroke: var(--bg, #fff)",
      });
      lines.forEach((line, k) => {
        const span = svg("tspan", { x: flip ? px - 3 : px + 3, dy: k === 0 ? 0 : fontSize + 2 });
        span.textContent = line;
        label.append(span);
      });
      group.append(label);
      g.append(group);
    }
    return g;
  };
}

/**
 * Labels beside points that never overlap each other or another point:
 * taken in the order given (most important first), each goes right of its
 * point, else left of it, else is left out (its point keeps its tooltip).
 * Drawn with the scales the other marks made, as `annotationMark` is;
 * `points` are every point drawn (default: the labelled ones).
 */
export function sparseLabels<T>(
  data: readonly T[],
  o: { readonly x: (d: T) => number; readonly y: (d: T) => number; readonly text: (d: T) => string; readonly fontSize: number; readonly points?: readonly T[] },
): Plot.RenderFunction {
  return (_index, scales, _values, dimensions, context) => {
    const doc = context.document;
    const g = doc.createElementNS("http://www.w3.org/2000/svg", "g");
    g.setAttribute("aria-label", "labels");
    g.setAttribute("font-size", String(o.fontSize));
    g.setAttribute("fill", "currentColor");
    const { x, y } = scales;
    if (!x || !y) return g;
    const placed: { left: number; right: number; top: number; bottom: number }[] = [];
    // Every point is an obstacle: a label never covers a dot.
    for (const d of o.points ?? data) {
      const px = x(o.x(d)) as number;
      const py = y(o.y(d)) as number;
      if (Number.isFinite(px) && Number.isFinite(py)) placed.push({ left: px - 5, right: px + 5, top: py - 5, bottom: py + 5 });
    }
    const free = (b: (typeof placed)[number]): boolean =>
      b.left >= 0 && b.right <= dimensions.width && placed.every((p) => b.right <= p.left || b.left >= p.right || b.bottom <= p.top || b.top >= p.bottom);
    for (const d of data) {
      const px = x(o.x(d)) as number;
      const py = y(o.y(d)) as number;
      if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
      const text = o.text(d);
      const w = text.length * o.fontSize * 0.6;
      const h = o.fontSize + 2;
      const right = { left: px + 6, right: px + 6 + w, top: py - h / 2, bottom: py + h / 2 };
      const left = { left: px - 6 - w, right: px - 6, top: py - h / 2, bottom: py + h / 2 };
      const box = free(right) ? right : free(left) ? left : null;
      if (!box) continue;
      placed.push(box);
      const label = doc.createElementNS("http://www.w3.org/2000/svg", "text");
      label.setAttribute("x", String(box === right ? box.left : box.right));
      label.setAttribute("y", String(py));
      label.setAttribute("dy", "0.32em");
      label.setAttribute("text-anchor", box === right ? "start" : "end");
      label.textContent = text;
      g.append(label);
    }
    return g;
  };
}

/** Whether a chart's x axis is dates (a utc or time scale). */
const datedX = (options: Plot.PlotOptions): boolean => {
  const type = (options.x as { type?: string } | undefined)?.type;
  return type === "utc" || type === "time";
};

/**
 * The spec with the report's annotations drawn on it when its x axis is
 * dates: the one place every time chart gets its markers (the site renders
 * every chart through it). Other charts, and any chart without annotations,
 * come back as they are.
 */
export function withAnnotations(spec: ChartSpec, annotations: readonly Annotation[] | undefined): ChartSpec {
  if (!annotations || annotations.length === 0) return spec;
  return {
    ...spec,
    plot: (width) => {
      const options = spec.plot(width);
      if (!datedX(options)) return options;
      return { ...options, marks: [...(options.marks ?? []), annotationMark(annotations, width)] };
    },
  };
}
