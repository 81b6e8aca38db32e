/**
 * A report's content sits beside its config: `contentDir`, and the version
 * archive read from `versions/` there through `upgradeReport`.
 */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readArchive } from "../../src/read/archive.ts";
import { contentDir, contentPath } from "../../src/read/config.ts";
import { REPORT_SCHEMA_VERSION } from "../../src/schema/report.ts";

const DEMO_VERSIONS = new URL("../../content/versions/", import.meta.url).pathname;

describe("contentDir(config)", () => {
  it("is the config's folder, content/ when no config is named", () => {
    expect(contentDir("reports/acme/report.yaml")).toBe("reports/acme");
    expect(contentDir(undefined)).toBe("content");
    expect(contentPath("/srv/acme/settings.yaml", "notes")).toBe("/srv/acme/notes");
  });
});

describe("readArchive(dir)", () => {
  it("is empty when the folder does not exist", async () => {
    expect(await readArchive(join(tmpdir(), "romi-no-such-archive", "versions"))).toEqual([]);
  });

  it("reads every snapshot in file-name order, upgraded to today's schema, and skips files that are not JSON snapshots by name", async () => {
    const dir = mkdtempSync(join(tmpdir(), "romi-archive-"));
    copyFileSync(join(DEMO_VERSIONS, "2025-04.json"), join(dir, "b.json"));
    copyFileSync(join(DEMO_VERSIONS, "2025-03.json"), join(dir, "a.json"));
    writeFileSync(join(dir, "README.md"), "not a snapshot");
    const reports = await readArchive(dir);
    expect(reports.map((r) => [r.version.label, r.schema])).toEqual([
      ["2025-03", REPORT_SCHEMA_VERSION],
      ["2025-04", REPORT_SCHEMA_VERSION],
    ]);
  });

  it("fails naming the file when a snapshot is not JSON or not a report", async () => {
    const dir = mkdtempSync(join(tmpdir(), "romi-archive-"));
    mkdirSync(join(dir, "bad"));
    writeFileSync(join(dir, "bad", "x.json"), "{ not json");
    await expect(readArchive(join(dir, "bad"))).rejects.toThrow(`${join(dir, "bad", "x.json")}: not JSON:`);
    writeFileSync(join(dir, "y.json"), JSON.stringify({ schema: 99, facts: [] }));
    await expect(readArchive(dir)).rejects.toThrow(
      `${join(dir, "y.json")}: unknown metrics.json schema version 99 (this romi reads 1 to ${REPORT_SCHEMA_VERSION})`,
    );
  });
});
