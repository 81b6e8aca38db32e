/**
 * `npm run bench [-- --scales 1,10 --runs 5]`: times `romi metrics` on demo
 * data of each scale (generated once into .bench/; past scale 20 as Parquet,
 * e.g. `--scales 100 --runs 1 --no-clickhouse`) and on the real Y.Afisha
 * files when ../shared is there, and the budget model alone (10 sources ×
 * 52 weeks, 200 bootstrap draws). Beside each demo scale it times a plain
 * DuckDB script of the core funnel aggregates on the same files. With chdb
 * installed, each dataset is timed on ClickHouse too. Prints the median wall
 * time over the runs, romi's phases (reading the files with the row rules,
 * the analyses' SQL, the models) and the largest peak RSS of any run.
 * Compare ratios from one run of this script: the machines are shared and
 * noisy.
 */
import { spawnSync } from "node:child_process";
import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { drawWeights, sourceCurve } from "../src/analyses/budget/curves.ts";
import { bestSplit, outcomeInterval, type PlanSource } from "../src/analyses/budget/plan.ts";
import { adstock, hill } from "../src/response/index.ts";
import { createRand } from "../src/stats/prng.ts";

const root = new URL("..", import.meta.url).pathname;
const { values } = parseArgs({
  options: { scales: { type: "string", default: "1,10" }, runs: { type: "string", default: "5" }, "no-clickhouse": { type: "boolean", default: false } },
});
const runs = Number(values.runs);
const scales = values.scales.split(",").map(Number);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Timed {
  readonly ms: number;
  readonly maxRssKb: number;
  /** romi's own phases (absent for the plain DuckDB script). */
  readonly timings?: { read: number; sql: number; models: number };
}

function romi(args: string[], child = "bench/metrics-child.ts"): Timed {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(root, child), ...args], { stdio: ["ignore", "ignore", "inherit", "pipe"], encoding: "utf8" });
  const wall = performance.now() - t0;
  const report = JSON.parse(String(r.output[3])) as Omit<Timed, "ms"> & { code: number };
  if (report.code !== 0) throw new Error(`romi ${args.join(" ")} exited ${report.code}`);
  return { ms: wall, maxRssKb: report.maxRssKb, ...(report.timings ? { timings: report.timings } : {}) };
}

function ensureDemo(scale: number): string {
  const dir = join(root, ".bench", `demo-seed1-scale${scale}`);
  if (!existsSync(join(dir, "visits.csv"))) {
    const r = spawnSync(process.execPath, [join(root, "bin/romi.js"), "demo-data", "--out", dir, "--seed", "1", "--scale", String(scale)], {
      stdio: "inherit",
    });
    if (r.status !== 0) throw new Error(`demo-data --scale ${scale} failed`);
  }
  return dir;
}

/** Scales past this are written as Parquet (through DuckDB), as a team with that much data would keep it. */
const PARQUET_PAST = 20;

/** The demo of a large scale as Parquet files: generated as CSV once, copied to Parquet, the CSV removed. */
async function ensureParquetDemo(scale: number): Promise<string> {
  const dir = join(root, ".bench", `demo-seed1-scale${scale}-parquet`);
  if (!existsSync(join(dir, "visits.parquet"))) {
    const csv = ensureDemo(scale);
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const db = await DuckDBInstance.create(":memory:", { memory_limit: "2GB", temp_directory: join(root, ".bench", "tmp") });
    const c = await db.connect();
    mkdirSync(dir, { recursive: true });
    for (const file of readdirSync(csv).filter((f) => f.endsWith(".csv"))) {
      // Every column as text: the files' own values, typed by romi as if read from CSV.
      await c.run(
        `COPY (SELECT * FROM read_csv('${join(csv, file)}', header = true, all_varchar = true)) TO '${join(dir, file.replace(/\.csv$/, ".parquet"))}' (FORMAT parquet)`,
      );
    }
    c.closeSync();
    db.closeSync();
    rmSync(csv, { recursive: true, force: true });
  }
  return dir;
}

/** Rows of Parquet files, from their metadata. */
async function parquetRows(dir: string, names: readonly string[]): Promise<number[]> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  const out: number[] = [];
  for (const name of names) {
    const r = await c.runAndReadAll(
      `SELECT sum(row_group_num_rows) AS n FROM (SELECT DISTINCT row_group_id, row_group_num_rows FROM parquet_metadata('${join(dir, `${name}.parquet`)}'))`,
    );
    out.push(Number(r.getRows()[0]![0]));
  }
  c.closeSync();
  db.closeSync();
  return out;
}

/** Data rows of a CSV (lines less the header), counted by streaming to keep this process small. */
async function rows(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(file)) for (let i = (chunk as Buffer).indexOf(10); i >= 0; i = (chunk as Buffer).indexOf(10, i + 1)) n++;
  return n - 1;
}

/** Whether chdb is installed (and not turned off with --no-clickhouse): then each dataset is timed on ClickHouse too. */
const chdb =
  !values["no-clickhouse"] &&
  (await import("chdb" as string).then(
    () => true,
    () => false,
  ));

function bench(label: string, dir: string, size: string, child?: string, engine = "duckdb"): void {
  const args = child ? [dir] : ["--data", dir, "--config", join(root, "bench/report.yaml"), "--engine", engine];
  const results = Array.from({ length: runs }, () => romi(args, child));
  const ms = median(results.map((r) => r.ms));
  const rss = Math.max(...results.map((r) => r.maxRssKb)) / 1024;
  const phase = (name: "read" | "sql" | "models"): string => `${(median(results.map((r) => r.timings![name])) / 1000).toFixed(2)} s`;
  const phases = results[0]!.timings ? `; read ${phase("read")}, SQL ${phase("sql")}, models ${phase("models")}` : "";
  console.log(
    `${label.padEnd(28)} ${size.padEnd(44)} median ${(ms / 1000).toFixed(2).padStart(6)} s  peak RSS ${rss.toFixed(0).padStart(5)} MB  (${runs} runs${phases})`,
  );
  if (!child && engine === "duckdb" && chdb) bench("  on ClickHouse (chdb)", dir, "the same files", undefined, "clickhouse");
}

/**
 * The budget model alone, in this process: curves fitted (grid, CV, 200 block-bootstrap refits) for 10
 * sources over 52 weeks, then the greedy split and its bootstrap intervals, as the budget analysis runs them.
 */
function benchBudget(): void {
  const weeks = 52;
  const rand = createRand(9);
  const sources = Array.from({ length: 10 }, (_, s) => {
    const spend = Float64Array.from({ length: weeks }, () => 1000 * (0.2 + 1.6 * rand()));
    const x = adstock(spend, 0.1 * (s % 5));
    const mean = x.reduce((a, b) => a + b, 0) / weeks;
    const outcome = Float64Array.from(x, (v) => 800 * hill(v, 1, mean * (0.3 + 0.5 * s)) * (0.9 + 0.2 * rand()));
    return { spend, outcome };
  });
  const times = Array.from({ length: runs }, () => {
    const t0 = performance.now();
    const weights = drawWeights(weeks, 200, 1);
    const fits = sources.map((s) => sourceCurve(s.spend, s.outcome, 1000, 1, weights, true));
    const plan: PlanSource[] = fits.flatMap((f, i) =>
      f.fit && f.declined === null ? [{ label: String(i), curve: f.fit.curve, draws: f.draws, current: 1000, lower: 700, upper: 1300 }] : [],
    );
    const split = bestSplit(plan, plan.length * 1000, 1);
    outcomeInterval(plan, 1, (_, i) => split[i]!);
    if (plan.length !== 10) throw new Error(`budget bench: ${plan.length} of 10 curves fitted`);
    return performance.now() - t0;
  });
  const rss = process.resourceUsage().maxRSS / 1024;
  console.log(
    `${"budget fit + allocation".padEnd(28)} ${"10 sources × 52 weeks, 200 bootstrap draws".padEnd(44)} median ${(median(times) / 1000).toFixed(2).padStart(6)} s  peak RSS ${rss.toFixed(0).padStart(5)} MB  (${runs} runs, in process)`,
  );
}

console.log(`romi metrics, node ${process.version}`);
benchBudget();
for (const scale of scales) {
  const parquet = scale > PARQUET_PAST;
  const dir = parquet ? await ensureParquetDemo(scale) : ensureDemo(scale);
  const ext = parquet ? "parquet" : "csv";
  const mb = ["visits", "orders", "costs"].reduce((s, f) => s + statSync(join(dir, `${f}.${ext}`)).size, 0) / 1e6;
  const [sessions, orders] = parquet
    ? await parquetRows(dir, ["visits", "orders"])
    : await Promise.all([rows(join(dir, "visits.csv")), rows(join(dir, "orders.csv"))]);
  const size = `${sessions!.toLocaleString("en-US")} sessions, ${orders!.toLocaleString("en-US")} orders, ${mb.toFixed(0)} MB${parquet ? " Parquet" : ""}`;
  bench(`demo scale ${scale}`, dir, size);
  // The yardstick: a plain DuckDB script of the core funnel aggregates on the same files.
  bench(`  plain DuckDB script`, dir, "DAU, MAU, retention cells, first-touch buyers", "bench/duckdb-baseline.ts");
}
// The site: `npm run build` of the committed demo report, and what a reader downloads for the overview.
{
  const out = join(root, ".bench", "site");
  const times = Array.from({ length: Math.min(runs, 3) }, () => {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(root, "bin/romi.js"), "build", "--data", join(root, "data"), "--out", out], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    if (r.status !== 0) throw new Error("romi build failed");
    return performance.now() - t0;
  });
  const weight = (file: string): number => statSync(join(out, file)).size / 1024;
  const scripts = (readFileSync(join(out, "index.html"), "utf8").match(/<script/g) ?? []).length;
  const files = readdirSync(out, { recursive: true }).map(String);
  const built = `${files.filter((f) => f.endsWith(".html")).length} pages, ${files.filter((f) => f.endsWith(".csv")).length} CSVs`;
  console.log(`${"romi build (demo data)".padEnd(28)} ${built.padEnd(44)} median ${(median(times) / 1000).toFixed(2).padStart(6)} s  (${times.length} runs)`);
  console.log(
    `${"page weight".padEnd(28)} overview ${weight("index.html").toFixed(0)} KB (${scripts} script tags, styles inline); product ${weight("product/index.html").toFixed(0)} KB, sales ${weight("sales/index.html").toFixed(0)} KB, marketing ${weight("marketing/index.html").toFixed(0)} KB, customers ${weight("customers/index.html").toFixed(0)} KB`,
  );
}
const yafisha = join(root, "../shared/data/yafisha");
if (existsSync(yafisha)) bench("Y.Afisha orders + costs", yafisha, "50,415 orders, 2,542 cost rows");
else console.log(`skipped Y.Afisha: ${yafisha} is absent`);
/** A .bench folder holding only a symbolic link to one shared file (other files beside it would be read too). */
function alone(file: string, name: string): string | null {
  const path = join(root, "../shared/data", file);
  if (!existsSync(path)) {
    console.log(`skipped ${name}: ${path} is absent`);
    return null;
  }
  const dir = join(root, ".bench", name);
  const link = join(dir, file.split("/").pop()!);
  if (!existsSync(link)) {
    mkdirSync(dir, { recursive: true });
    symlinkSync(path, link);
  }
  return dir;
}
// UCI Online Retail, the order-line file alone (the folder also holds the 2009-2010 sheet).
const retail = alone("online-retail/online_retail.csv.gz", "online-retail");
if (retail) bench("Online Retail order lines", retail, "541,909 lines, ≈4,300 customers, k = 2…8");
// Campaign results and the A/B test, each file alone (issue budget: 5 s for the three together).
const ab = alone("ab-test/ab_data.csv", "ab-data");
if (ab) bench("ab_data experiment", ab, "294,478 exposures");
const marketing = alone("campaigns/marketing_campaign_dataset.csv", "marketing-campaigns");
if (marketing) bench("marketing campaigns", marketing, "3,533 rows, 23 campaigns, 180 days");
const kag = alone("campaigns/KAG_conversion_data.csv", "kag-campaigns");
if (kag) bench("KAG Facebook ads", kag, "1,143 ads, undated");
