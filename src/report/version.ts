import { createHash } from "node:crypto";
import type { Annotation } from "../schema/annotations.ts";
import type { Config } from "../schema/config.ts";

/**
 * The report version: the first 12 hex digits of a SHA-256 over the
 * generator version, the parsed config, the annotations (when there are
 * any: they set launch dates) and every input file's name and SHA-256. Any
 * change to data, settings or romi itself gives a new id; the engine that
 * ran it and the server's address do not (every engine gives the same
 * report). A server table's "SHA-256" is a checksum of its rows.
 */
export function versionId(
  generator: string,
  config: Config,
  files: readonly { file: string; sha256: string }[],
  annotations: readonly Annotation[] = [],
): string {
  const inputs = [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)).map((f) => [f.file, f.sha256]);
  const settings: Partial<Config> = { ...config };
  delete settings.engine;
  delete settings.clickhouse;
  if (Object.keys(config.clickhouse.tables).length > 0) settings.clickhouse = { tables: config.clickhouse.tables };
  const hashed = annotations.length > 0 ? { generator, config: settings, inputs, annotations } : { generator, config: settings, inputs };
  return createHash("sha256").update(JSON.stringify(hashed)).digest("hex").slice(0, 12);
}
