/**
 * `node tests/clv/fit-bench.ts [runs]`: times the CLV fits on the full CDNOW
 * orders (../shared/data/cdnow/cdnow_orders.csv: 69,659 purchases of 23,570
 * customers): the summary, BG/NBD and Gamma-Gamma fits alone, then the whole
 * `clv()` model on the engine's per-customer reduction (simple CLV, fits,
 * per-customer predictions, holdout refit).
 * Prints the median over the runs and the process's peak RSS. Not a test:
 * machines here are shared and noisy (see DESIGN.md, "Measuring speed").
 */
import { mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { clv, clvAnalysis, clvCustomers } from "../../src/analyses/clv/index.ts";
import { fitBgNbd, fitGammaGamma, rfmSummary } from "../../src/clv/index.ts";
import { parseConfig } from "../../src/read/config.ts";
import { Dict } from "../../src/read/table.ts";
import { dayFromYmd } from "../../src/time/calendar.ts";
import { reduceFor } from "../helpers.ts";
import { cdnowPresent, cdnowRows } from "./cdnow.ts";

const runs = Number(process.argv[2] ?? 5);
if (!cdnowPresent) {
  console.log("skipped: ../shared/data/cdnow is absent");
  process.exit(0);
}
const rows = cdnowRows("cdnow_orders.csv").slice(1);
const users = new Dict();
const n = rows.length;
const user = new Int32Array(n);
const day = new Float64Array(n);
const revenue = new Float64Array(n);
rows.forEach((r, i) => {
  user[i] = users.id(r[0]!);
  const [y, m, d] = r[1]!.split("-").map(Number) as [number, number, number];
  day[i] = dayFromYmd(y, m, d);
  revenue[i] = Number(r[3]);
});
const range = { from: dayFromYmd(1997, 1, 1), to: dayFromYmd(1998, 6, 30) };
const dir = mkdtempSync(join(tmpdir(), "romi-clv-bench-"));
symlinkSync(new URL("../../../shared/data/cdnow/cdnow_orders.csv", import.meta.url).pathname, join(dir, "cdnow_orders.csv"));
const config = parseConfig({ period: { from: "1997-01-01", to: "1998-06-30" } }, "bench");
const { reduced, frame } = await reduceFor(dir, config, clvAnalysis);
const customers = clvCustomers(reduced, frame);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
function time(label: string, f: () => void): void {
  const ms: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    f();
    ms.push(performance.now() - t0);
  }
  console.log(`${label.padEnd(44)} median ${(median(ms) / 1000).toFixed(3)} s  (${runs} runs, first ${(ms[0]! / 1000).toFixed(3)} s)`);
}

console.log(`CDNOW: ${n} purchases, ${users.labels.length} customers; node ${process.version}`);
const summary = rfmSummary({ customer: user, day, revenue }, range.to);
time("rfmSummary", () => rfmSummary({ customer: user, day, revenue }, range.to));
time("fitBgNbd + fitGammaGamma", () => {
  fitBgNbd(summary);
  fitGammaGamma(summary.frequency, summary.monetary);
});
time("clv() model (with the holdout refit)", () => {
  clv({ customers }, { frame, margin: 1, config: config.clv });
});
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
