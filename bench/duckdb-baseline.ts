// The yardstick of issue 14: a plain DuckDB script, no romi, that computes
// the core funnel aggregates on a demo folder (DAU, MAU, retention cells by
// monthly cohort, first-touch buyers per source) and reports its time and
// peak RSS on fd 3, like metrics-child.ts. `romi metrics` on the same files
// should take at most twice as long.
import { DuckDBInstance } from "@duckdb/node-api";
import { readFileSync, writeSync } from "node:fs";
import { join } from "node:path";

const dir = process.argv[2]!;
const started = performance.now();
const instance = await DuckDBInstance.create(":memory:");
const c = await instance.connect();
const csv = (file: string): string => `read_csv('${join(dir, file)}', header = true)`;
await c.run(`CREATE TABLE v AS SELECT CAST("Uid" AS VARCHAR) AS uid, "Start Ts" AS start, "Source Id" AS source FROM ${csv("visits.csv")}`);
await c.run(`CREATE TABLE o AS SELECT CAST("Uid" AS VARCHAR) AS uid, "Buy Ts" AS ts, "Revenue" AS revenue FROM ${csv("orders.csv")}`);
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
