/** The files of a new report repository (`romi init`); the package test builds one. */
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { scaffold } from "../../src/init/scaffold.ts";

describe("scaffold(options)", () => {
  const files = scaffold({ name: "acme-report", romi: "file:/tmp/romi-0.1.0.tgz", demo: false });

  it("writes a package that depends on the given romi, with build, dev, check, test and romi scripts", () => {
    const manifest = JSON.parse(files["package.json"]!) as { name: string; scripts: Record<string, string>; dependencies: Record<string, string> };
    expect(manifest.name).toBe("acme-report");
    expect(manifest.dependencies).toEqual({ romi: "file:/tmp/romi-0.1.0.tgz" });
    expect(Object.keys(manifest.scripts).sort()).toEqual(["build", "check", "dev", "romi", "test"]);
    // The workflows call `npm run build` and `npm run romi -- …`.
    expect(manifest.scripts["romi"]).toBe("romi");
  });

  it("lists the integration in the Astro config, and romi's collections in the content config", () => {
    expect(files["astro.config.mjs"]).toMatch(/import romi from "romi";[\s\S]*integrations: \[romi\(\)\]/);
    expect(files["src/content.config.ts"]).toContain('export { collections } from "romi/content";');
  });

  it("writes the settings all commented out (so every default holds), and no demo content", () => {
    expect(parse(files["content/report.yaml"]!)).toBeNull();
    expect(files["content/report.yaml"]).toContain("# title: Marketing report");
    expect(Object.values(files).join("\n")).not.toMatch(/Demo shop|CMP-1\d\d/);
  });

  it("leaves report.yaml and data/README.md to the demo's own with --demo", () => {
    const demo = scaffold({ name: "demo", romi: "^0.1.0", demo: true });
    expect(demo["content/report.yaml"]).toBeUndefined();
    expect(demo["data/README.md"]).toBeUndefined();
    expect(demo["README.md"]).toContain("romi's demo data");
  });
});
