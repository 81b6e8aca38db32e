/**
 * Prints the SHA-256 of the demo's metrics.json, built with a pinned stamp
 * (generator and commit), for the determinism test to run under another
 * time zone and locale: `node tests/report/demo-hash.ts`.
 */
import { createHash } from "node:crypto";
import { runEngine } from "../../src/engine.ts";
import { stringifyReport } from "../../src/report/json.ts";

const root = new URL("../../", import.meta.url).pathname;
const run = await runEngine({
  dataDir: `${root}data`,
  configPath: `${root}content/report.yaml`,
  stamp: { generator: "romi (pinned)", commit: "0000000" },
});
if (!run.report) throw new Error(run.errors.join("\n"));
console.log(createHash("sha256").update(stringifyReport(run.report)).digest("hex"));
