/**
 * `node tests/clv/fit-bench.ts [runs]`: times the CLV fits on the full CDNOW
 * orders (../shared/data/cdnow/cdnow_orders.csv: 69,659 purchases of 23,570
 * customers): the summary, BG/NBD and Gamma-Gamma fits alone, then the whole
 * `clv()` analysis (simple CLV, fits, per-customer predictions, holdout refit).
 * Prints the median over the runs and the process's peak RSS. Not a test:
 * machines here are shared and noisy (see DESIGN.md, "Measuring speed").
 */
import { clv, CLV_DEFAULTS } from "../../src/analyses/clv/index.ts";
import { fitBgNbd, fitGammaGamma, rfmSummary } from "../../src/clv/index.ts";
import { Dict, type Table } from "../../src/read/table.ts";
import { DAY_MS, dayFromYmd } from "../../src/time/calendar.ts";
import { periodFrame } from "../../src/time/period.ts";
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
const table: Table = {
  kind: "orders",
  name: "orders",
  length: n,
  num: { time: day.map((d) => d * DAY_MS), revenue },
  ref: { user },
  file: new Uint16Array(n),
  line: new Uint32Array(n),
  files: ["cdnow_orders.csv"],
};

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
time("clv() analysis (with the holdout refit)", () => {
  clv({ orders: table }, { frame: periodFrame(range), userLabels: users.labels, margin: 1, config: CLV_DEFAULTS });
});
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
