/**
 * romi diff as a PR workflow runs it: two versions of the demo data, their
 * metrics.json, the comment and the exit codes.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const BIN = new URL("../../bin/romi.js", import.meta.url).pathname;
// Run from the temporary folder, so no content/report.yaml applies: the snapshot depends on the demo data only.
const CWD = tmpdir();
const romi = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", maxBuffer: 1 << 26, cwd: CWD });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe("romi diff on two versions of the demo data", () => {
  const dir = mkdtempSync(join(tmpdir(), "romi-diff-"));
  const thresholds = join(dir, "thresholds.yaml");

  beforeAll(() => {
    for (const [name, seed] of [
      ["base", "1"],
      ["head", "2"],
    ] as const) {
      expect(romi("demo-data", "--out", join(dir, name), "--seed", seed, "--scale", "0.05").code).toBe(0);
      expect(
        romi("metrics", "--data", join(dir, name), "--out", join(dir, `${name}-out`, "metrics.json"), "--label", name, "--commit", `${seed}${"0".repeat(39)}`)
          .code,
      ).toBe(0);
    }
    writeFileSync(
      thresholds,
      [
        "rules:",
        "  - metric: romi{source=*}",
        "    fail_if: drops",
        "    by_more_than: { relative: 0.05, absolute: 0.02 }",
        "    min_sample: { metric: buyers, at_least: 30 }",
        "",
      ].join("\n"),
    );
  }, 60_000);

  it("prints a comment a reviewer reads at a glance (snapshot)", async () => {
    const r = romi("diff", join(dir, "base-out"), join(dir, "head-out", "metrics.json"), "--max-rows", "8");
    expect(r.code).toBe(0);
    await expect(r.stdout).toMatchFileSnapshot("__snapshots__/demo-comment.md");
  });

  it("fails with exit 1 on a guarded regression and says which rule, fact and numbers", () => {
    const r = romi("diff", join(dir, "base-out"), join(dir, "head-out"), "--thresholds", thresholds);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\*\*❌ \d+ thresholds? broken\*\*/);
    // Rule as written, the fact, base → head, and the change: absolute, then relative.
    const line =
      /^- `romi\{source=\*\} drops by more than 5% and 0\.02 \(when buyers ≥ 30\)`: ROMI · source (\w+) ([\d.]+) → ([\d.]+), −([\d.]+) \(−([\d.]+)%\)$/m.exec(
        r.stdout,
      );
    expect(line).not.toBeNull();
    const [, , base, head, abs, rel] = line!.map(Number);
    // The numbers agree with each other and break the rule.
    expect(base! - head!).toBeCloseTo(abs!, 3);
    expect(rel!).toBeCloseTo((abs! / base!) * 100, 0);
    expect(abs!).toBeGreaterThan(0.02);
    expect(rel!).toBeGreaterThan(5);
  });

  it("passes with exit 0 when the breach is acknowledged", () => {
    const r = romi("diff", join(dir, "base-out"), join(dir, "head-out"), "--thresholds", thresholds, "--ack", "*");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("**Acknowledged in this pull request**");
  });

  it("gives JSON with --format json", () => {
    const r = romi("diff", join(dir, "base-out"), join(dir, "head-out"), "--format", "json");
    expect(JSON.parse(r.stdout).diff.summary.changed).toBeGreaterThan(0);
  });

  it("exits 2 with a clear message for inputs that are not romi metrics.json", () => {
    const other = join(dir, "other.json");
    writeFileSync(other, JSON.stringify({ hello: "world" }));
    expect(romi("diff", other, join(dir, "head-out"))).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(`${other}: not a romi metrics.json (no schema or facts)`),
    });
    const future = join(dir, "future.json");
    writeFileSync(future, JSON.stringify({ schema: 99, facts: [] }));
    expect(romi("diff", future, join(dir, "head-out"))).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("unknown metrics.json schema version 99 (this romi reads 1 to 4)"),
    });
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{");
    expect(romi("diff", broken, join(dir, "head-out")).code).toBe(2);
    expect(romi("diff", join(dir, "base-out")).code).toBe(2);
    const badRules = join(dir, "bad.yaml");
    writeFileSync(badRules, "rules:\n  - metric: romi\n    fail_if: falls\n");
    expect(romi("diff", join(dir, "base-out"), join(dir, "head-out"), "--thresholds", badRules)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("invalid thresholds: rules.0.fail_if"),
    });
  });
});
