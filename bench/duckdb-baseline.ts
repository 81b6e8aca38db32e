// The yardstick of issue 14: a plain DuckDB script, no romi, that computes
// the core funnel aggregates on a demo folder (DAU, MAU, retention cells by
// monthly cohort, first-touch buyers per source) and reports its time and
// peak RSS on fd 3, like metrics-child.ts. `romi metrics` on the same files
// should take at most twice as long.
import { DuckDBInstance } from "@duckdb/node-api";
import { existsSync, readFileSync, writeSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2]!;
const started = performance.now();
const instance = await DuckDBInstance.create(":memory:");
const c = await instance.connect();
// The demo's CSV files, or their Parquet copies (the bench writes scales past 20 as Parquet).
const parquet = existsSync(join(dir, "visits.parquet"));
const read = (name: string): string => (parquet ? `read_parquet('${join(dir, `${name}.parquet`)}')` : `read_csv('${join(dir, `${name}.csv`)}', header = true)`);
await c.run(`CREATE TABLE v AS SELECT CAST("Uid" AS VARCHAR) AS uid, CAST("Start Ts" AS TIMESTAMP) AS start, "Source Id" AS source FROM ${read("visits")}`);
await c.run(`CREATE TABLE o AS SELECT CAST("Uid" AS VARCHAR) AS uid, "Buy Ts" AS ts, "Revenue" AS revenue FROM ${read("orders")}`);
const queries = [
  `SELECT CAST(start AS DATE) AS day, count(DISTINCT uid) AS dau FROM v GROUP BY 1`,
  `SELECT date_trunc('month', start) AS month, count(DISTINCT uid) AS mau FROM v GROUP BY 1`,
  `WITH f AS (SELECT uid, min(date_trunc('month', start)) AS cohort FROM v GROUP BY uid)
   SELECT f.cohort, date_diff('month', f.cohort, date_trunc('month', v.start)) AS age, count(DISTINCT v.uid) AS users FROM v JOIN f USING (uid) GROUP BY 1, 2`,
  `WITH first AS (SELECT uid, arg_min(source, start) AS source FROM v GROUP BY uid), buyers AS (SELECT DISTINCT uid FROM o)
   SELECT first.source, count(*) AS buyers FROM first JOIN buyers USING (uid) GROUP BY 1`,
];
let rows = 0;
for (const q of queries) rows += (await c.runAndReadAll(q)).currentRowCount;
c.closeSync();
instance.closeSync();
const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
writeSync(3, JSON.stringify({ code: rows > 0 ? 0 : 1, ms: performance.now() - started, maxRssKb: m ? Number(m[1]) : process.resourceUsage().maxRSS }));
