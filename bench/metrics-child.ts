// Runs one `romi metrics` in this process and reports its time and peak RSS
// on fd 3, so the benchmark measures the command, not the benchmark.
// Peak RSS is VmHWM from /proc/self/status: getrusage's maxRSS of a child
// process on Linux carries over the parent's peak from before exec.
import { readFileSync, writeSync } from "node:fs";
import { main } from "../src/cli/main.ts";

function peakRssKb(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
    if (m) return Number(m[1]);
  } catch {
    // Not Linux: fall back to getrusage.
  }
  return process.resourceUsage().maxRSS;
}

const started = performance.now();
const code = await main(process.argv.slice(2), { stdout: () => {}, stderr: (t) => process.stderr.write(t) });
writeSync(3, JSON.stringify({ code, ms: performance.now() - started, maxRssKb: peakRssKb() }));
