/**
 * The PR comment: a report diff (and threshold result) as GitHub Markdown.
 * It opens with a marker line, so the workflow can find and update its own
 * comment, and a one-line summary; long lists fold into <details>.
 * Every label from the data is escaped: it shows as text, never as
 * Markdown or HTML.
 */
import { makeFormatter, type Formatter } from "../words/format.ts";
import type { Fact } from "../schema/report.ts";
import { factKey } from "../facts/metric.ts";
import { SECTION_LIST } from "../schema/sections.ts";
import { countsLine, type FactChange, type ReportDiff, type Side } from "./compare.ts";
import type { ThresholdResult } from "./thresholds.ts";

export const MARKER = "<!-- romi-metrics-diff -->";

/** The sections in the site's order, then "other" for the metrics this romi does not know. */
const GROUPS: readonly { readonly slug: FactChange["section"]; readonly title: string }[] = [...SECTION_LIST, { slug: "other", title: "Other" }];

/**
 * Text that renders as itself in GitHub Markdown, table cells included.
 * @example escapeMarkdown("<b>*x*</b> | y"); // => "&lt;b&gt;\\*x\\*&lt;/b&gt; &#124; y"
 */
export function escapeMarkdown(text: string): string {
  // Markdown punctuation first, so the entities added after it stay intact.
  return text
    .replace(/([\\`*_[\]~#!()])/g, "\\$1")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "&#124;")
    .replace(/\r?\n/g, " ");
}

/** "ROMI · source 3 · age 2": the metric's name without its "by …" part, which the dims spell out. */
export function changeLabel(c: Pick<FactChange, "label" | "dims">): string {
  const dims = Object.entries(c.dims);
  return [dims.length ? c.label.replace(/ by .*$/, "") : c.label, ...dims.map(([k, v]) => `${k} ${v}`)].join(" · ");
}

const signed = (s: string, v: number): string => (v > 0 ? `+${s}` : v < 0 ? `−${s.replace(/^-/, "")}` : s);

export interface ChangeFormat {
  value(v: number | null, unit: Fact["unit"]): string;
  /** "−0.09 (−17.3%)", "+1.25 pp (+4.1%)" for a share, "n/a" parts where undefined. */
  change(c: FactChange): string;
}

export function changeFormat(locale: string, currency: string): ChangeFormat {
  const fmt: Formatter = makeFormatter(locale, currency);
  // A diff shows one more digit than a page, so that a small move shows in the values too.
  const value = (v: number | null, unit: Fact["unit"]): string => (unit === "ratio" ? fmt.number(v, 3) : unit === "share" ? fmt.percent(v, 2) : fmt(v, unit));
  // A share moves in percentage points: 12% → 15% is +3 pp (and +25%).
  const amount = (v: number, unit: Fact["unit"]): string => (unit === "share" ? `${fmt.number(v * 100, 2)} pp` : value(v, unit));
  return {
    value,
    change(c) {
      if (c.kind === "added") return "added";
      if (c.kind === "removed") return "removed";
      if (c.kind === "appeared") return "appeared";
      if (c.kind === "vanished") return "now unknown";
      const abs = signed(amount(Math.abs(c.abs!), c.unit), c.abs!);
      const rel = c.rel === null ? "n/a" : signed(fmt.percent(Math.abs(c.rel)), c.rel);
      return `${abs} (${rel})`;
    },
  };
}

const ICON: Record<FactChange["direction"], string> = { regression: "🔴 worse", improvement: "🟢 better", neutral: "⚪" };

function side(s: Side): string {
  const bits = [s.label ? escapeMarkdown(s.label) : null, s.commit ? `commit ${s.commit.slice(0, 7)}` : null].filter(Boolean);
  return `\`${s.id}\`${bits.length ? ` (${bits.join(", ")})` : ""}`;
}

function table(changes: readonly FactChange[], f: ChangeFormat): string[] {
  return [
    "| | metric | base | head | change |",
    "| --- | --- | ---: | ---: | ---: |",
    ...changes.map(
      (c) => `| ${ICON[c.direction]} | ${escapeMarkdown(changeLabel(c))} | ${f.value(c.base, c.unit)} | ${f.value(c.head, c.unit)} | ${f.change(c)} |`,
    ),
  ];
}

export interface MarkdownOptions {
  readonly locale: string;
  readonly currency: string;
  /** Rows in the "largest changes" table. */
  readonly maxRows: number;
}

/** The one-line summary, e.g. "12 metrics changed: 3 regressions, 2 improvements; ROMI · source 3 −18.2%". */
export function summaryLine(diff: ReportDiff, f: ChangeFormat): string {
  if (diff.summary.changed === 0) return "no metric changed";
  const top = diff.facts.find((c) => c.direction === "regression") ?? diff.facts[0]!;
  const move = top.rel !== null ? f.change(top).replace(/^.*\((.*)\)$/, "$1") : f.change(top);
  return `${countsLine(diff.summary)}; ${escapeMarkdown(changeLabel(top))} ${move}`;
}

export function formatMarkdown(diff: ReportDiff, thresholds: ThresholdResult | null, options: MarkdownOptions): string {
  const f = changeFormat(options.locale, options.currency);
  const out: string[] = [MARKER, `### romi: ${summaryLine(diff, f)}`, "", `base ${side(diff.base)} → head ${side(diff.head)}`, ""];

  if (thresholds) {
    const broken = thresholds.breaches.filter((b) => !b.acknowledged);
    const acked = thresholds.breaches.filter((b) => b.acknowledged);
    // A code span shows its text as is (no escapes apply inside it); only a backtick could end it early.
    const line = (b: (typeof broken)[number]): string =>
      `- \`${b.rule.replace(/`/g, "'")}\`: ${escapeMarkdown(changeLabel(b.change))} ${f.value(b.change.base, b.change.unit)} → ${f.value(b.change.head, b.change.unit)}, ${f.change(b.change)}`;
    if (broken.length) out.push(`**❌ ${broken.length} threshold${broken.length === 1 ? "" : "s"} broken**`, "", ...broken.map(line), "");
    else out.push("**✅ Every threshold holds.**", "");
    if (acked.length) out.push(`**Acknowledged in this pull request** (${acked.length}):`, "", ...acked.map(line), "");
    if (thresholds.skipped.length) {
      out.push(
        `<details><summary>${thresholds.skipped.length} move${thresholds.skipped.length === 1 ? "" : "s"} not judged: sample too small</summary>`,
        "",
        ...thresholds.skipped.map((s) => `- ${escapeMarkdown(s.fact)}: ${escapeMarkdown(s.sample)}`),
        "",
        "</details>",
        "",
      );
    }
  }

  // Metrics renamed or redefined between the two reports' romi versions: said once, not shown as regressions.
  const noted = [...new Map(diff.facts.filter((c) => c.note).map((c) => [`${c.id}|${c.note}`, c])).values()];
  if (noted.length) {
    out.push("#### Changed by the romi upgrade", "", ...noted.map((c) => `- ${escapeMarkdown(c.label)} (\`${c.id}\`): ${escapeMarkdown(c.note!)}`), "");
  }
  if (diff.facts.length) {
    out.push("#### Largest changes", "", ...table(diff.facts.slice(0, options.maxRows), f), "");
  }
  if (diff.recommendations.length) {
    out.push("#### Recommendations", "", ...diff.recommendations.map((r) => `- ${escapeMarkdown(r.subject)}: ${r.base ?? "none"} → ${r.head ?? "none"}`), "");
  }
  if (diff.datasets.length || diff.base.period !== diff.head.period) {
    out.push("#### Data", "");
    if (diff.base.period !== diff.head.period) out.push(`Period: ${diff.base.period ?? "none"} → ${diff.head.period ?? "none"}`, "");
    if (diff.datasets.length) {
      const counts = makeFormatter(options.locale, options.currency);
      const n = (v: number | undefined): string => counts.number(v, 0);
      const cell = (b: number | undefined, h: number | undefined): string => (b === h ? n(h) : `${n(b)} → ${n(h)}`);
      out.push(
        "| dataset | rows | used | rejected |",
        "| --- | ---: | ---: | ---: |",
        ...diff.datasets.map(
          (d) =>
            `| ${escapeMarkdown(d.name)} | ${cell(d.base?.rows, d.head?.rows)} | ${cell(d.base?.used, d.head?.used)} | ${cell(d.base?.rejected, d.head?.rejected)} |`,
        ),
        "",
      );
    }
  }
  if (diff.facts.length > options.maxRows) {
    out.push(`<details><summary>All ${diff.facts.length} changes by section</summary>`, "");
    for (const { slug, title } of GROUPS) {
      const changes = diff.facts.filter((c) => c.section === slug).sort((a, b) => (factKey(a.id, a.dims) < factKey(b.id, b.dims) ? -1 : 1));
      if (changes.length) out.push(`#### ${title} (${changes.length})`, "", ...table(changes, f), "");
    }
    out.push("</details>", "");
  }
  out.push(`<sub>Values equal to 9 significant digits count as unchanged. Generated by romi.</sub>`);
  return `${out.join("\n")}\n`;
}
