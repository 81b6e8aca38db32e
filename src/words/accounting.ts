/**
 * The row accounting as text, for `romi validate`.
 */
import type { EngineRun } from "../engine.ts";
import { KIND_SPECS } from "../schema/kinds.ts";
import type { DatasetAccount } from "../schema/report.ts";
import { account } from "../report/assemble.ts";
import { counted, makeFormatter } from "./format.ts";
import { warningText } from "./warnings.ts";

/** The command line writes counts in en-US, whatever the report's locale: its output is read in logs and CI. */
const CLI = makeFormatter("en-US", "USD");
const n = (x: number): string => CLI.number(x, 0);

function datasetLines(d: DatasetAccount): string[] {
  const rejected = d.rows - d.used;
  const lines = [
    `${d.name} (${d.kind}): ${n(d.rows)} rows, ${n(d.used)} used, ${n(rejected)} rejected`,
    `  files: ${d.files.map((f) => `${f.file} (${n(f.rows)} rows)`).join(", ")}`,
    `  columns: ${Object.entries(d.columns)
      .map(([role, header]) => `${role} ← ${JSON.stringify(header)}`)
      .join(", ")}`,
  ];
  for (const r of d.rejected) lines.push(`  rejected ${n(r.count)} × ${r.reason}: ${r.examples.join(", ")}${r.count > r.examples.length ? ", …" : ""}`);
  for (const m of d.merged ?? [])
    lines.push(`  merged ${m.role} ${JSON.stringify(m.label)} ← ${m.spellings.map((x) => `${JSON.stringify(x.text)} ${n(x.rows)}`).join(", ")}`);
  return lines;
}

export function formatAccounting(run: EngineRun): string {
  const lines: string[] = [];
  const datasets = run.report?.datasets ?? run.loaded.datasets.map((d) => account(d, d.used));
  const period = run.report?.period;
  if (period) {
    const months = period.completeMonths;
    const complete = months.length > 0 ? `${months[0]} … ${months[months.length - 1]} (${months.length})` : "none";
    lines.push(
      `period: ${period.from} … ${period.to} (${period.days} days, from ${period.activity}); complete months: ${complete}; complete ISO weeks: ${period.completeWeeks}`,
    );
  }
  // Campaign results and experiments are read over their own span.
  const own = datasets.filter((d) => KIND_SPECS[d.kind].ownPeriod);
  if (period && own.length > 0) {
    lines.push(`${[...new Set(own.map((d) => d.kind))].join(" and ")}: each file over its own first to last day, never clipped to the report period`);
  }
  for (const d of datasets) lines.push(...datasetLines(d));
  for (const x of run.loaded.ignored) lines.push(`ignored: ${x.reason}`);
  for (const w of run.report?.warnings ?? []) lines.push(`warning: ${warningText(w, CLI)}`);
  for (const e of run.errors) lines.push(`error: ${e}`);
  lines.push(run.errors.length > 0 ? "not usable: fix the errors above" : "ok");
  return `${lines.join("\n")}\n`;
}

/** Seconds with one decimal, for the build's stage lines. */
const seconds = (ms: number): string => `${CLI.number(ms / 1000, 1)} s`;

/**
 * The build's first two stage lines, from the engine's run: what was read
 * (rows used and rejected) and what the analyses gave, each with its time.
 * @example stageLines(run); // => ["romi: read 6 files, 81,050 rows: 80,835 used, 215 rejected (1.9 s)", "romi: analyses: 4,120 facts, 16 recommendations, 2 warnings (5.1 s)"]
 */
export function stageLines(run: EngineRun): string[] {
  const datasets = run.report?.datasets ?? run.loaded.datasets.map((d) => account(d, d.used));
  const files = datasets.reduce((s, d) => s + d.files.length, 0);
  const rows = datasets.reduce((s, d) => s + d.rows, 0);
  const used = datasets.reduce((s, d) => s + d.used, 0);
  const lines = [
    `romi: read ${counted(CLI, files, "file")}, ${counted(CLI, rows, "row")}: ${n(used)} used, ${n(rows - used)} rejected (${seconds(run.timings.read)})`,
  ];
  if (run.report) {
    const r = run.report;
    lines.push(
      `romi: analyses: ${counted(CLI, r.facts.length, "fact")}, ${counted(CLI, r.recommendations.length, "recommendation")}, ${counted(CLI, r.warnings.length, "warning")} (${seconds(run.timings.sql + run.timings.models)})`,
    );
  }
  return lines;
}

/** The build's pages line: what Astro wrote, and the time it took beyond the engine's run. */
export function pagesLine(pages: number, csvs: number, ms: number): string {
  return `romi: pages: ${counted(CLI, pages, "page")}, ${counted(CLI, csvs, "CSV file")} (${seconds(ms)})`;
}
