/**
 * Reads a report's version archive: `versions/*.json` beside its config,
 * written by `romi snapshot` (by any romi). Each snapshot is read through
 * `upgradeReport`, so an archive written under an older schema still
 * builds; one that cannot be read fails the build, naming its file.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Report } from "../schema/report.ts";
import { upgradeReport } from "../schema/upgrade.ts";

/** The snapshots in `dir`, in file-name order; none when the folder does not exist. */
export async function readArchive(dir: string): Promise<Report[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".json")).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw e;
  }
  const reports: Report[] = [];
  for (const name of names) {
    const file = join(dir, name);
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(file, "utf8"));
    } catch (e) {
      throw new Error(`${file}: not JSON: ${(e as Error).message}`, { cause: e });
    }
    const read = upgradeReport(raw);
    if ("error" in read) throw new Error(`${file}: ${read.error}`);
    reports.push(read.report);
  }
  return reports;
}
