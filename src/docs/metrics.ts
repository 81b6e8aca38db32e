/**
 * docs/metrics.md from the metric catalogue: per section, in the site's
 * order, each metric's id and dims, unit, which way is good, label, formula
 * and when it is empty. Pure; `scripts/docs.ts` writes the file, and a test
 * fails when the committed file is not this text.
 */
import { METRICS } from "../analyses/catalogue.ts";
import { DATASET_DIM, type MetricDef } from "../facts/metric.ts";
import type { Unit } from "../schema/report.ts";
import { SECTION_LIST } from "../schema/sections.ts";

/** How a value of each unit reads on the site and in the PR diff. */
const UNITS: Readonly<Record<Unit, string>> = {
  count: "a number of things (sessions, orders, baskets, rules …), or a mean of one",
  users: "a number of distinct users or customers, or a mean of one",
  currency: "money, in the report's currency",
  ratio: "a quotient shown as a plain number: a ROMI, a ROAS, a model's parameter, a p-value",
  share: "a fraction shown as a percent: a share of a whole, a rate, a probability, a percentage error; the PR diff gives its changes in percentage points",
  seconds: "a duration in seconds",
  days: "a number of days",
  months: "a number of months",
};

const BETTER: Readonly<Record<NonNullable<MetricDef["better"]>, string>> = { up: "higher is better", down: "lower is better" };

/**
 * Text that renders as itself in Markdown, escaping only what could start
 * markup, so the file stays readable as text: the catalogue's formulas use
 * `*` (x*ₜ, an adstocked spend), snake_case config keys (an `_` inside a
 * word is no emphasis) and brackets (a link only when `](` follows).
 * @example escape("x*ₜ = xₜ + θ·x*ₜ₋₁ for basket.min_lift"); // => "x\\*ₜ = xₜ + θ·x\\*ₜ₋₁ for basket.min_lift"
 */
const escape = (text: string): string =>
  text
    .replace(/([\\`*<])/g, "\\$1")
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, "\\_")
    .replace(/\](?=\()/g, "\\]");

/** GitHub's anchor of a heading made of one plain title. */
const anchor = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^\w -]/g, "")
    .replace(/ /g, "-");

/** A metric's name: its id, with its dims in braces. */
const key = (m: MetricDef): string => (m.dims.length ? `${m.id}{${m.dims.join(",")}}` : m.id);

const dimsText = (dims: readonly string[]): string => (dims.length ? dims.join(", ") : "none");

/**
 * Entries that differ only in their dims (the campaign KPIs by each
 * breakdown) are documented once: runs of the catalogue's neighbours with
 * the same id, label, unit, direction, formula and empty policy.
 */
function groups(metrics: readonly MetricDef[]): MetricDef[][] {
  const same = (a: MetricDef, b: MetricDef): boolean =>
    a.id === b.id &&
    a.label === b.label &&
    a.unit === b.unit &&
    a.better === b.better &&
    a.formula === b.formula &&
    a.empty === b.empty &&
    a.perDataset === b.perDataset;
  const out: MetricDef[][] = [];
  for (const m of metrics) {
    const last = out.at(-1);
    if (last && same(last[0]!, m)) last.push(m);
    else out.push([m]);
  }
  return out;
}

function entry(group: readonly MetricDef[]): string[] {
  const m = group[0]!;
  const dims = group.length === 1 ? dimsText(m.dims) : `${group.map((g) => dimsText(g.dims)).join("; ")} (a metric each)`;
  return [
    `### \`${group.length === 1 ? key(m) : m.id}\`: ${escape(m.label)}`,
    "",
    `- **Unit:** ${m.unit}${m.better ? `, ${BETTER[m.better]}` : ""}`,
    `- **Dims:** ${dims}${m.perDataset ? `; and \`${DATASET_DIM}\`, last, when a folder holds several files of its kind` : ""}`,
    `- **Formula:** ${escape(m.formula)}`,
    `- **Empty:** ${escape(m.empty)}`,
    "",
  ];
}

/** The text of docs/metrics.md for these metrics (by default, the catalogue). */
export function metricsDoc(metrics: readonly MetricDef[] = METRICS): string {
  const sections = SECTION_LIST.map((s) => ({ ...s, metrics: metrics.filter((m) => m.section === s.slug) })).filter((s) => s.metrics.length > 0);
  const lines = [
    "<!-- Generated from the metric catalogues (src/analyses/*/catalogue.ts) by `npm run docs`: edit those, not this file. -->",
    "",
    "# Metrics",
    "",
    "Every metric romi computes into `metrics.json`, by section of the report. How each analysis works, and the shape of `metrics.json`, are in [methods.md](methods.md).",
    "",
    "A metric is an id with a set of dims: `cost`, `cost{source}` and `cost{month}` are three metrics. A fact of a metric carries a value, as text, for each of its dims: `cohort` and `month` are `YYYY-MM`, `age` a whole number of months. A metric whose inputs are absent is not emitted at all (no visits file: no product and no per-source metrics); a value that is undefined for the inputs given, such as a ratio over a zero cost, is `null`. Nothing is ever filled in with 0. **Empty** says when each metric is not emitted, or is null.",
    "",
    "## Units",
    "",
    "| unit | how it reads |",
    "| --- | --- |",
    ...Object.entries(UNITS).map(([unit, text]) => `| ${unit} | ${text} |`),
    "",
    `Sections: ${sections.map((s) => `[${s.title}](#${anchor(s.title)})`).join(" · ")}.`,
    "",
  ];
  for (const s of sections) lines.push(`## ${s.title}`, "", ...groups(s.metrics).flatMap(entry));
  return `${lines.join("\n").trimEnd()}\n`;
}
