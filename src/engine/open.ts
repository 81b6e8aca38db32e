/** Opens the SQL engine a report runs on: DuckDB (the default) or ClickHouse, embedded or a server. */
import type { Config } from "../schema/config.ts";
import { ChdbEngine } from "./chdb.ts";
import { ClickHouseEngine } from "./clickhouse.ts";
import { DuckDbEngine } from "./duckdb.ts";
import type { Engine, EngineLimits } from "./engine.ts";

/**
 * An engine with these limits: DuckDB, embedded; ClickHouse at
 * `clickhouse.url`; or, without a URL, ClickHouse embedded through chdb (an
 * optional package: without it, this says how to install it).
 */
export async function openEngine(name: Config["engine"], clickhouse: Config["clickhouse"], limits: EngineLimits = {}): Promise<Engine> {
  if (name === "duckdb") return DuckDbEngine.open(limits);
  return clickhouse.url !== undefined ? ClickHouseEngine.open({ url: clickhouse.url }, limits) : ChdbEngine.open(limits);
}
