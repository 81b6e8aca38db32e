// Runs one `romi metrics` in this process and reports its peak RSS on fd 3,
// so the benchmark measures the command, not the benchmark.
import { writeSync } from "node:fs";
import { main } from "../src/cli/main.ts";

const started = performance.now();
const code = await main(process.argv.slice(2), { stdout: () => {}, stderr: (t) => process.stderr.write(t) });
writeSync(3, JSON.stringify({ code, ms: performance.now() - started, maxRssKb: process.resourceUsage().maxRSS }));
