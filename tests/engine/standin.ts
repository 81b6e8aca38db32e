/**
 * A stand-in for a ClickHouse server, for tests: an HTTP server on
 * 127.0.0.1 that speaks as much of ClickHouse's HTTP interface as
 * `@clickhouse/client` uses (the query in the body, the database and the
 * settings in the URL, errors as status 500 with ClickHouse's message) and
 * passes each query, with its database and settings, to one chdb session.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { loadChdb, type ChdbSession } from "../../src/engine/chdb.ts";

/** URL parameters that are not settings. */
const NOT_SETTINGS = new Set(["database", "query", "query_id", "session_id", "default_format", "role", "user", "password"]);

export interface StandIn {
  readonly url: string;
  /** The session behind it, to create the tables a test reads. */
  readonly session: ChdbSession;
  /** Every query it was sent, in order. */
  readonly queries: string[];
  close(): Promise<void>;
}

export async function startStandIn(path: string): Promise<StandIn> {
  const { Session } = await loadChdb();
  const session = new Session(path);
  const queries: string[] = [];
  const literal = (v: string): string => (/^-?\d+(\.\d+)?$/.test(v) ? v : `'${v.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      if (url.pathname === "/ping") {
        res.end("Ok.\n");
        return;
      }
      const query = req.method === "POST" ? Buffer.concat(chunks).toString("utf8") : (url.searchParams.get("query") ?? "");
      queries.push(query);
      try {
        session.query(`USE ${url.searchParams.get("database") ?? "default"}`);
        for (const [k, v] of url.searchParams) if (!NOT_SETTINGS.has(k) && !k.startsWith("param_")) session.query(`SET ${k} = ${literal(v)}`);
        const out = session.query(query, "TabSeparated");
        res.writeHead(200, { "Content-Type": "text/plain; charset=UTF-8" });
        res.end(out);
      } catch (e) {
        const message = String((e as Error).message).replace(/^Query failed: /, "");
        const code = /^Code: (\d+)/.exec(message)?.[1] ?? "1";
        res.writeHead(500, { "X-ClickHouse-Exception-Code": code, "Content-Type": "text/plain; charset=UTF-8" });
        res.end(`${message}\n`);
      }
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    session,
    queries,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => {
          session.cleanup();
          done();
        });
      }),
  };
}
