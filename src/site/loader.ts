/**
 * The Astro Content Layer loader: runs the engine once per build on the data
 * folder and config, and stores the report (and its exact metrics.json text)
 * with the version archive beside the config as the one entry of the
 * `report` collection. Bad data fails the build with the engine's messages;
 * an archived snapshot that cannot be read fails it naming the file.
 */
import type { Loader } from "astro/loaders";
import { z } from "zod";
import { runEngine } from "../engine.ts";
import { readArchive } from "../read/archive.ts";
import { gitCommit } from "../read/commit.ts";
import { contentPath } from "../read/config.ts";
import { stringifyReport } from "../report/json.ts";
import { stageLines } from "../words/accounting.ts";
import { ReportSchema } from "../schema/report.ts";

export const ReportEntrySchema = z.object({
  report: ReportSchema,
  /** metrics.json, byte for byte as `romi metrics` writes it. */
  json: z.string(),
  /** The snapshots of versions/ beside the config, upgraded to today's schema. */
  versions: z.array(ReportSchema),
});

export function romiLoader(): Loader {
  return {
    name: "romi",
    schema: ReportEntrySchema,
    async load({ store, parseData }) {
      const dataDir = process.env["ROMI_DATA"] ?? "data";
      const configPath = process.env["ROMI_CONFIG"];
      const versions = await readArchive(contentPath(configPath, "versions"));
      const run = await runEngine({
        dataDir,
        configPath,
        stamp: { label: process.env["ROMI_LABEL"], commit: gitCommit(process.env["ROMI_COMMIT"]) },
        engine: process.env["ROMI_ENGINE"] === "clickhouse" || process.env["ROMI_ENGINE"] === "duckdb" ? process.env["ROMI_ENGINE"] : undefined,
        limits: { threads: process.env["ROMI_THREADS"] ? Number(process.env["ROMI_THREADS"]) : undefined, memory: process.env["ROMI_MEMORY"] },
      });
      // One line per stage, with its time; the build adds the pages' line (it reads ROMI_ENGINE_MS).
      for (const line of stageLines(run)) process.stdout.write(`${line}\n`);
      process.env["ROMI_ENGINE_MS"] = String(run.timings.read + run.timings.sql + run.timings.models);
      if (!run.report) throw new Error(`romi: the report cannot be built from ${dataDir}:\n${run.errors.map((e) => `  ${e}`).join("\n")}`);
      const data = await parseData({ id: "report", data: { report: run.report, json: stringifyReport(run.report), versions } });
      store.clear();
      store.set({ id: "report", data });
    },
  };
}
