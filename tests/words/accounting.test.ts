/** The build's stage lines: one per stage, with its counts and time, in en-US whatever the report's locale. */
import { describe, expect, it } from "vitest";
import type { EngineRun } from "../../src/engine.ts";
import type { Report } from "../../src/schema/report.ts";
import { pagesLine, stageLines } from "../../src/words/accounting.ts";
import { report } from "../site/report.ts";

const dataset = (name: string, files: number, rows: number, used: number): Report["datasets"][number] => ({
  name,
  kind: "orders",
  files: Array.from({ length: files }, (_, i) => ({ file: `${name}${i}.csv`, sha256: "0", rows: rows / files })),
  columns: {},
  rows,
  used,
  rejected: [],
});

const run = (r: Report | null): EngineRun =>
  ({ report: r, errors: [], timings: { read: 1940, sql: 1210, models: 3850 }, loaded: { datasets: [], ignored: [] } }) as unknown as EngineRun;

describe("stageLines(run) and pagesLine(…)", () => {
  it("counts files, rows used and rejected over every dataset, and the analyses' output, each stage with its seconds", () => {
    const r = report({
      datasets: [dataset("orders", 2, 80_000, 79_800), dataset("costs", 1, 1_050, 1_035)],
      warnings: [{ code: "basket.empty", values: {} }],
    });
    expect(stageLines(run({ ...r, locale: "de-DE" }))).toEqual([
      "romi: read 3 files, 81,050 rows: 80,835 used, 215 rejected (1.9 s)",
      "romi: analyses: 0 facts, 0 recommendations, 1 warning (5.1 s)",
    ]);
  });

  it("says only what was read when the engine stopped on bad data (here: nothing)", () => {
    expect(stageLines(run(null))).toEqual(["romi: read 0 files, 0 rows: 0 used, 0 rejected (1.9 s)"]);
  });

  it("writes the pages line with a singular for one", () => {
    expect(pagesLine(18, 61, 12_345)).toBe("romi: pages: 18 pages, 61 CSV files (12.3 s)");
    expect(pagesLine(1, 1, 950)).toBe("romi: pages: 1 page, 1 CSV file (1 s)");
  });
});
