/**
 * A ClickHouse server, through `@clickhouse/client` over HTTP. romi reads
 * the server's tables named in the config and keeps its own work tables in
 * a database of its own, `romi_<random>`, made when the engine opens and
 * dropped when it closes; the session pins what reductions assume of any
 * engine (`sessionSettings`). The user and password come from the
 * environment (`CLICKHOUSE_USER`, `CLICKHOUSE_PASSWORD`), never from the
 * config, which is committed.
 */
import { randomBytes } from "node:crypto";
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from "@clickhouse/client";
import { FORMAT, parseResult, resultColumns, resultRows, sessionSettings, type JsonResult } from "./clickhouse-session.ts";
import { clickhouseDialect, type Dialect } from "./dialect.ts";
import type { Engine, EngineLimits, ResultColumn } from "./engine.ts";

/** Where the server is. */
export interface ClickHouseServer {
  readonly url: string;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
}

export class ClickHouseEngine implements Engine {
  readonly dialect: Dialect = clickhouseDialect;
  /** romi's database on the server. */
  readonly database: string;
  private readonly client: ClickHouseClient;

  private constructor(client: ClickHouseClient, database: string) {
    this.client = client;
    this.database = database;
  }

  static async open(server: ClickHouseServer, limits: EngineLimits = {}): Promise<ClickHouseEngine> {
    const database = `romi_${randomBytes(6).toString("hex")}`;
    const options = {
      url: server.url,
      username: server.username ?? process.env["CLICKHOUSE_USER"] ?? "default",
      password: server.password ?? process.env["CLICKHOUSE_PASSWORD"] ?? "",
      clickhouse_settings: sessionSettings(limits),
      compression: { request: false, response: false },
      request_timeout: 3_600_000,
      // Errors reach the user once, as romi's message, not also as the client's log.
      log: { level: ClickHouseLogLevel.OFF },
    };
    const admin = createClient(options);
    try {
      await admin.command({ query: `CREATE DATABASE ${clickhouseDialect.ident(database)}` });
    } catch (e) {
      throw new Error(`cannot reach ClickHouse at ${server.url}: ${String((e as Error).message ?? e).split("\n")[0]}`, { cause: e });
    } finally {
      await admin.close();
    }
    return new ClickHouseEngine(createClient({ ...options, database }), database);
  }

  async run(sql: string): Promise<void> {
    await this.client.command({ query: sql });
  }

  async rows(sql: string): Promise<Record<string, unknown>[]> {
    return resultRows(await this.read(sql));
  }

  async columns(sql: string, numeric: ReadonlySet<string>, exact?: ReadonlySet<string>): Promise<Record<string, ResultColumn>> {
    return resultColumns(await this.read(sql), numeric, exact);
  }

  async close(): Promise<void> {
    try {
      await this.client.command({ query: `DROP DATABASE IF EXISTS ${clickhouseDialect.ident(this.database)}` });
    } finally {
      await this.client.close();
    }
  }

  private async read(sql: string): Promise<JsonResult> {
    const result = await this.client.query({ query: sql, format: FORMAT });
    return parseResult(await result.text());
  }
}
