/**
 * romi against an independent implementation: tests/reference/funnel_reference.py
 * (pandas) computes the same metrics from the same files, and compare.py
 * matches them fact by fact (relative tolerance 1e-9). Skipped with a
 * message when Debian's python3-pandas is not installed.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runEngine } from "../src/engine.ts";
import { stringifyReport } from "../src/report/json.ts";

const PYTHON = "/usr/bin/python3";
const REF = new URL("./reference/", import.meta.url).pathname;
const hasPandas = existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import pandas"]).status === 0;
if (!hasPandas) console.warn("skipping reference comparison: /usr/bin/python3 with pandas is not installed (apt-get install python3-pandas)");

async function compare(dataDir: string): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), "romi-ref-"));
  writeFileSync(join(out, "romi.json"), stringifyReport((await runEngine({ dataDir, configPath: null })).report!));
  const ref = spawnSync(PYTHON, [join(REF, "funnel_reference.py"), dataDir], { encoding: "utf8", maxBuffer: 1 << 28 });
  expect(ref.status, ref.stderr).toBe(0);
  writeFileSync(join(out, "ref.json"), ref.stdout);
  const cmp = spawnSync(PYTHON, [join(REF, "compare.py"), join(out, "romi.json"), join(out, "ref.json")], { encoding: "utf8" });
  expect(cmp.status, cmp.stdout).toBe(0);
  return cmp.stdout;
}

describe.skipIf(!hasPandas)("romi metrics = pandas reference", () => {
  it("on demo data with visits, orders and costs (scale 0.05)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "romi-demo-"));
    const bin = new URL("../bin/romi.js", import.meta.url).pathname;
    expect(spawnSync(process.execPath, [bin, "demo-data", "--out", dir, "--seed", "3", "--scale", "0.05"]).status).toBe(0);
    expect(await compare(dir)).toMatch(/[1-9]\d+ shared facts, 0 problems/);
  });

  const yafisha = new URL("../../shared/data/yafisha", import.meta.url).pathname;
  it.skipIf(!existsSync(yafisha))("on the Y.Afisha orders and costs", async () => {
    expect(await compare(yafisha)).toContain("294 shared facts, 0 problems");
  });
});
