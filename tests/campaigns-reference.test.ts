/**
 * Campaign and experiment facts against an independent implementation:
 * tests/reference/campaigns_reference.py (pandas, SciPy, statsmodels)
 * cleans the files by the rules of docs/data.md, docs/metrics.md and docs/methods.md and computes the KPIs, the z-test,
 * P(better) by quadrature and the SRM χ²; compare.py matches them fact by
 * fact. Runs on the real files in ../shared/data and on the demo; skipped
 * with a message when they or Debian's python3-statsmodels are absent.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runEngine } from "../src/engine.ts";
import { stringifyReport } from "../src/report/json.ts";

const PYTHON = "/usr/bin/python3";
const REF = new URL("./reference/", import.meta.url).pathname;
const SHARED = new URL("../../shared/data/", import.meta.url).pathname;
const hasStatsmodels = existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import pandas, scipy, statsmodels"]).status === 0;
if (!hasStatsmodels)
  console.warn(
    "skipping the campaign reference comparison: /usr/bin/python3 with pandas, scipy and statsmodels is not installed (apt-get install python3-statsmodels)",
  );

/** A folder holding only `files` (symbolic links). */
function folder(...files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "romi-camp-"));
  for (const f of files) symlinkSync(f, join(dir, f.split("/").pop()!));
  return dir;
}

async function compare(dataDir: string): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), "romi-camp-ref-"));
  const run = await runEngine({ dataDir, configPath: null });
  expect(run.errors).toEqual([]);
  // Only the campaign and experiment facts: the reference computes nothing else.
  const report = { ...run.report!, facts: run.report!.facts.filter((f) => f.id.startsWith("campaign.") || f.id.startsWith("experiment.")) };
  report.facts = report.facts.filter((f) => !["campaign.lift", "campaign.lift.lo95", "campaign.lift.hi95", "campaign.trend"].includes(f.id));
  writeFileSync(join(out, "romi.json"), stringifyReport(report));
  const ref = spawnSync(PYTHON, [join(REF, "campaigns_reference.py"), dataDir], { encoding: "utf8", maxBuffer: 1 << 28 });
  expect(ref.status, ref.stderr).toBe(0);
  writeFileSync(join(out, "ref.json"), ref.stdout);
  const cmp = spawnSync(PYTHON, [join(REF, "compare.py"), join(out, "romi.json"), join(out, "ref.json")], { encoding: "utf8" });
  expect(cmp.status, cmp.stdout).toBe(0);
  expect(cmp.stdout).not.toContain("extra in romi");
  return cmp.stdout;
}

describe.skipIf(!hasStatsmodels)("campaign and experiment facts = pandas/SciPy/statsmodels reference", () => {
  const marketing = join(SHARED, "campaigns/marketing_campaign_dataset.csv");
  it.skipIf(!existsSync(marketing))("on marketing_campaign_dataset.csv", async () => {
    expect(await compare(folder(marketing))).toMatch(/^4\d\d shared facts, 0 problems/m);
  });

  const kag = join(SHARED, "campaigns/KAG_conversion_data.csv");
  it.skipIf(!existsSync(kag))("on KAG_conversion_data.csv (undated, no revenue)", async () => {
    expect(await compare(folder(kag))).toMatch(/[1-9]\d* shared facts, 0 problems/);
  });

  const ab = join(SHARED, "ab-test/ab_data.csv");
  it.skipIf(!existsSync(ab))(
    "on ab_data.csv",
    async () => {
      expect(await compare(folder(ab))).toContain("9 shared facts, 0 problems");
    },
    30_000,
  );
});
