// Runs what `romi metrics` runs, in this process (the engine, then the JSON
// text), and reports its time, its phases and its peak RSS on fd 3, so the
// benchmark measures the command, not the benchmark. Arguments: --data DIR
// --config FILE [--engine NAME].
// Peak RSS is VmHWM from /proc/self/status: getrusage's maxRSS of a child
// process on Linux carries over the parent's peak from before exec.
import { readFileSync, writeSync } from "node:fs";
import { parseArgs } from "node:util";
import { runEngine } from "../src/engine.ts";
import { stringifyReport } from "../src/report/json.ts";
import type { EngineName } from "../src/schema/config.ts";

function peakRssKb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]);
  } catch {
    // Not Linux: fall back to getrusage.
  }
  return process.resourceUsage().maxRSS;
}

const { values } = parseArgs({ options: { data: { type: "string" }, config: { type: "string" }, engine: { type: "string" } } });
const started = performance.now();
const run = await runEngine({ dataDir: values.data!, configPath: values.config, engine: values.engine as EngineName | undefined });
if (run.report) stringifyReport(run.report);
else process.stderr.write(`${run.errors.join("\n")}\n`);
const ms = performance.now() - started;
writeSync(3, JSON.stringify({ code: run.report ? 0 : 1, ms, timings: run.timings, maxRssKb: peakRssKb() }));
