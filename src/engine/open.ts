/** Opens the SQL engine a report runs on, by name: DuckDB (the default) or ClickHouse. */
import { ChdbEngine } from "./chdb.ts";
import { DuckDbEngine } from "./duckdb.ts";
import type { EngineName } from "../schema/config.ts";
import type { Engine, EngineLimits } from "./engine.ts";

/**
 * An engine with these limits: DuckDB, embedded; or ClickHouse, embedded
 * through chdb (an optional package: without it, this says how to install it).
 */
export async function openEngine(name: EngineName, limits: EngineLimits = {}): Promise<Engine> {
  return name === "clickhouse" ? ChdbEngine.open(limits) : DuckDbEngine.open(limits);
}
