import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runEngine } from "../../src/engine.ts";
import { stringifyReport } from "../../src/report/json.ts";
import { ReportSchema } from "../../src/schema/report.ts";
import { dataDir, lines } from "../helpers.ts";

const FILES = {
  "visits.csv": lines(
    "Uid,Start Ts,End Ts,Source Id",
    "2,2024-01-02 10:00,2024-01-02 10:03,b",
    "1,2024-01-01 10:00,2024-01-01 10:01,a",
    "1,2024-02-01 10:00,,a",
  ),
  "orders.csv": lines("Uid,Buy Ts,Revenue", "1,2024-01-01 11:00,0.1", "1,2024-01-01 11:00,0.2", "2,2024-02-01 11:00,3"),
  "costs.csv": lines("dt,source_id,costs", "2024-01-01,a,0.3", "2024-01-01,b,0.7"),
};

describe("romi metrics output", () => {
  it("is byte-identical for the same inputs, read from two folders", async () => {
    const a = stringifyReport((await runEngine({ dataDir: dataDir(FILES), configPath: null })).report!);
    const b = stringifyReport((await runEngine({ dataDir: dataDir(FILES), configPath: null })).report!);
    expect(a).toBe(b);
  });

  it("changes its version id when one input byte changes", async () => {
    const a = (await runEngine({ dataDir: dataDir(FILES), configPath: null })).report!;
    const b = (await runEngine({ dataDir: dataDir({ ...FILES, "costs.csv": FILES["costs.csv"].replace("0.7", "0.8") }), configPath: null })).report!;
    expect(a.version.id).toMatch(/^[0-9a-f]{12}$/);
    expect(a.version.id).not.toBe(b.version.id);
  });

  it("fits the report schema, rounds float noise and sorts ages as numbers", async () => {
    const json = stringifyReport((await runEngine({ dataDir: dataDir(FILES), configPath: null })).report!);
    const parsed = ReportSchema.parse(JSON.parse(json));
    // 0.1 + 0.2 is 0.30000000000000004 in binary floating point.
    expect(parsed.facts.find((f) => f.id === "revenue" && !f.dims)!.value).toBe(3.3);
    expect(json).not.toContain("0000000000");
  });
});

describe("report version", () => {
  it("takes its label from --label over the config, and records the commit given", async () => {
    const dir = dataDir({ ...FILES, "report.yaml": "label: from-config\n" });
    const fromConfig = (await runEngine({ dataDir: dir, configPath: `${dir}/report.yaml` })).report!;
    expect(fromConfig.version.label).toBe("from-config");
    const stamped = (await runEngine({ dataDir: dir, configPath: `${dir}/report.yaml`, stamp: { label: "pr-7", commit: "abc1234" } })).report!;
    expect(stamped.version).toMatchObject({ label: "pr-7", commit: "abc1234" });
    // Label and commit name a version; they do not change its content hash.
    expect(stamped.version.id).toBe(fromConfig.version.id);
    const none = (await runEngine({ dataDir: dataDir(FILES), configPath: null })).report!;
    expect(none.version).toEqual({ id: none.version.id });
  });
});

/**
 * The demo's metrics.json, built with a pinned stamp, hashed in two child
 * processes: one under UTC and C, one under Auckland's time zone and a
 * German locale (decimal commas, day-first dates). Both must give the hash
 * committed here. It changes only when a number or the format of the demo
 * report changes: such a change needs a reason in its commit, and the new
 * hash here.
 */
const DEMO_SHA256 = "591fb211cf4111c0bb950017fae63b4609d43b8d19e90e5ae50eb1e8212b6bb2";

describe("the demo's metrics.json", () => {
  const hash = async (env: Record<string, string>): Promise<string> => {
    const root = new URL("../../", import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(process.execPath, ["tests/report/demo-hash.ts"], { cwd: root, env: { ...process.env, LC_ALL: "", ...env } });
    return stdout.trim();
  };

  it("hashes the same under UTC and under Pacific/Auckland with de_DE, and as committed", async () => {
    const [utc, auckland] = await Promise.all([hash({ TZ: "UTC", LANG: "C.UTF-8" }), hash({ TZ: "Pacific/Auckland", LANG: "de_DE.UTF-8" })]);
    expect(auckland).toBe(utc);
    expect(utc).toBe(DEMO_SHA256);
  }, 120_000);
});
