/**
 * The real install path of a team: romi packed with `npm pack` (its prepack
 * compiles the command line into lib/, which Node runs from node_modules,
 * where it will not strip types), installed from the tarball into a fresh
 * folder outside the repository, and run there with `npx romi`. Never a
 * symlink or a workspace: those would hide a file missing from `files` or a
 * module Node cannot run from node_modules.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = new URL("../../", import.meta.url).pathname;

/** A command in `cwd`; npm takes what its cache holds (the checkout's install filled it) and fetches only the rest. */
const run = (command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> =>
  spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_prefer_offline: "true" },
  });

describe("romi installed from its npm pack tarball", () => {
  let team = "";

  beforeAll(() => {
    const packed = mkdtempSync(join(tmpdir(), "romi-pack-"));
    const pack = run("npm", ["pack", "--pack-destination", packed], ROOT);
    expect(pack.status, pack.stderr).toBe(0);
    const tarball = join(
      packed,
      readdirSync(packed).find((f) => f.endsWith(".tgz"))!,
    );
    team = mkdtempSync(join(tmpdir(), "romi-team-"));
    writeFileSync(join(team, "package.json"), `${JSON.stringify({ name: "team-report", private: true, type: "module" }, null, 2)}\n`);
    const install = run("npm", ["install", tarball], team);
    expect(install.status, install.stderr).toBe(0);
  }, 600_000);

  it("runs npx romi from node_modules", () => {
    const help = run("npx", ["romi", "--help"], team);
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/^usage: romi <command>/);
  }, 60_000);

  it("builds a site in the team's folder from a data folder, with none of the demo's content", () => {
    const build = run("npx", ["romi", "build", "--data", join(ROOT, "data"), "--out", "site"], team);
    expect(build.status, build.stderr).toBe(0);
    expect(build.stdout).toMatch(/^romi: read 6 files, [\d,]+ rows: [\d,]+ used, [\d,]+ rejected \([\d.]+ s\)$/m);
    expect(build.stdout).toMatch(/^romi: built .*site \(base \/\)$/m);
    const home = readFileSync(join(team, "site", "index.html"), "utf8");
    // No report.yaml in the team's folder: a neutral title, and no demo note, snapshot or annotation.
    expect(home).toContain("<title>Marketing report");
    for (const demo of ["Demo shop", "This is the demo report", "Changes since"]) expect(home).not.toContain(demo);
    expect(readFileSync(join(team, "site", "product", "index.html"), "utf8")).not.toContain("goes live");
  }, 300_000);

  it("builds a report repository: the integration in its Astro config, romi's collections, and a page of the team's own in the navigation", () => {
    const repo = mkdtempSync(join(tmpdir(), "romi-repo-"));
    symlinkSync(join(team, "node_modules"), join(repo, "node_modules"));
    writeFileSync(join(repo, "package.json"), `${JSON.stringify({ name: "team-repo", private: true, type: "module" })}\n`);
    writeFileSync(join(repo, "astro.config.mjs"), 'import romi from "romi";\nexport default { integrations: [romi()] };\n');
    mkdirSync(join(repo, "src", "pages"), { recursive: true });
    writeFileSync(join(repo, "src", "content.config.ts"), 'export { collections } from "romi/content";\n');
    writeFileSync(
      join(repo, "src", "pages", "team-notes.astro"),
      [
        "---",
        'import Page from "romi/components/Page.astro";',
        'import Fact from "romi/components/Fact.astro";',
        'import Kpi from "romi/components/Kpi.astro";',
        'import Chart from "romi/components/Chart.astro";',
        'import Recommendations from "romi/components/Recommendations.astro";',
        "---",
        '<Page title="Team notes">',
        '  <p>Our own words. CAC is <Fact id="cac" />, ROMI <Fact id="romi" />.</p>',
        '  <Kpi id="revenue" hint="in the period" />',
        '  <Chart id="ltv-by-cohort" />',
        '  <Recommendations subject="channel" />',
        "</Page>",
        "",
      ].join("\n"),
    );
    // A page may be MDX too.
    writeFileSync(
      join(repo, "src", "pages", "launch.mdx"),
      'import Page from "romi/components/Page.astro";\nimport Fact from "romi/components/Fact.astro";\n\n<Page title="Launch">\n  The **launch** cost <Fact id="cac" /> per buyer.\n</Page>\n',
    );
    mkdirSync(join(repo, "content"));
    writeFileSync(join(repo, "content", "report.yaml"), "title: Team report\n");
    const build = run("npx", ["romi", "build", "--data", join(ROOT, "data"), "--out", "site"], repo);
    expect(build.status, build.stderr).toBe(0);
    const own = readFileSync(join(repo, "site", "team-notes", "index.html"), "utf8");
    expect(own).toContain("Our own words.");
    // romi's components show the numbers of metrics.json, formatted here independently (en-US, USD).
    const facts = (JSON.parse(readFileSync(join(repo, "site", "metrics.json"), "utf8")) as { facts: { id: string; dims?: object; value: number }[] }).facts;
    const total = (id: string): number => facts.find((f) => f.id === id && f.dims === undefined)!.value;
    const usd = (v: number, digits: number) => new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: digits }).format(v);
    expect(own).toContain(`CAC is <span class="fact" title="CAC">${usd(total("cac"), 2)}</span>`);
    expect(own).toContain(`ROMI <span class="fact" title="ROMI">${new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(total("romi"))}</span>`);
    expect(own).toMatch(new RegExp(`<dt[^>]*>Revenue</dt><dd[^>]*><span class="value"[^>]*>\\${usd(total("revenue"), 0)}</span>`));
    expect(own).toContain('id="ltv-by-cohort"');
    expect(own).toMatch(/class="rec"/);
    const launch = readFileSync(join(repo, "site", "launch", "index.html"), "utf8");
    expect(launch).toMatch(new RegExp(`<strong>launch</strong> cost <span class="fact" title="CAC">\\${usd(total("cac"), 2)}</span> per buyer`));
    expect(own).toContain("<title>Team notes · Team report");
    // romi's pages list the team's page after their own, and the team's page lists romi's.
    const sales = readFileSync(join(repo, "site", "sales", "index.html"), "utf8");
    expect(sales).toMatch(/href="\/team-notes\/"[^>]*>\s*Team notes/);
    expect(own).toMatch(/href="\/sales\/"[^>]*>\s*Sales/);
    expect(sales).toMatch(/href="\/launch\/"[^>]*>\s*Launch/);

    // A team page on a path of romi's fails the build, naming the file and the path.
    writeFileSync(join(repo, "src", "pages", "sales.astro"), "<p>ours</p>\n");
    const clash = run("npx", ["romi", "build", "--data", join(ROOT, "data"), "--out", "site"], repo);
    expect(clash.status).toBe(1);
    expect(clash.stderr).toMatch(/src\/pages\/sales\.astro takes \/sales, the path of romi's Sales page: rename the file/);
    rmSync(join(repo, "src", "pages", "sales.astro"));

    // A page with an unknown metric id fails the build, naming the page and the id.
    writeFileSync(join(repo, "src", "pages", "typo.astro"), '---\nimport Fact from "romi/components/Fact.astro";\n---\n<Fact id="cacc" />\n');
    const typo = run("npx", ["romi", "build", "--data", join(ROOT, "data"), "--out", "site"], repo);
    expect(typo.status).toBe(1);
    expect(typo.stderr).toContain('romi: /typo/: unknown metric id "cacc"');
    rmSync(join(repo, "src", "pages", "typo.astro"));
    writeFileSync(join(repo, "src", "pages", "typo.mdx"), 'import Fact from "romi/components/Fact.astro";\n\n<Fact id="cac" dims={{ region: "north" }} />\n');
    const mdxTypo = run("npx", ["romi", "build", "--data", join(ROOT, "data"), "--out", "site"], repo);
    expect(mdxTypo.status).toBe(1);
    expect(mdxTypo.stderr).toContain("romi: /typo/: cac has no dims {region}");
  }, 300_000);

  it("creates a report repository with romi init that builds with npm run build, with no demo content, and with --demo today's demo report", () => {
    const where = mkdtempSync(join(tmpdir(), "romi-init-"));
    symlinkSync(join(team, "node_modules"), join(where, "node_modules"));
    writeFileSync(join(where, "package.json"), readFileSync(join(team, "package.json")));
    for (const [name, flags] of [
      ["own-report", []],
      ["demo-report", ["--demo"]],
    ] as const) {
      const init = run("npx", ["romi", "init", name, ...flags], where);
      expect(init.status, init.stderr).toBe(0);
      const repo = join(where, name);
      for (const file of [
        "package.json",
        "astro.config.mjs",
        "tsconfig.json",
        "src/content.config.ts",
        "src/pages/about.astro",
        "content/report.yaml",
        "data/README.md",
      ])
        expect(existsSync(join(repo, file)), file).toBe(true);
      for (const file of ["pages.yml", "pr.yml", "pr-comment.yml"]) expect(existsSync(join(repo, ".github", "workflows", file)), file).toBe(true);
      // The Pages workflow builds with the script this test runs below.
      expect(readFileSync(join(repo, ".github", "workflows", "pages.yml"), "utf8")).toMatch(/^\s+run: npm run build -- --base "\$BASE_PATH"$/m);
      const manifest = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as {
        scripts: Record<string, string>;
        dependencies: Record<string, string>;
      };
      // The romi the team installed: the tarball, by its absolute path.
      expect(manifest.dependencies["romi"]).toMatch(/^file:\/.*romi-[\d.]+\.tgz$/);
      expect(manifest.scripts["build"]).toBe("romi build");
      symlinkSync(join(team, "node_modules"), join(repo, "node_modules"));
      if (name === "own-report") {
        // A team copies its exports into data/ (here the demo's orders, so the build has something to read).
        copyFileSync(join(ROOT, "data", "orders.csv"), join(repo, "data", "orders.csv"));
      }
      const build = run("npm", ["run", "build"], repo);
      expect(build.status, build.stderr).toBe(0);
      const home = readFileSync(join(repo, "dist", "index.html"), "utf8");
      const about = readFileSync(join(repo, "dist", "about", "index.html"), "utf8");
      expect(about).toMatch(/href="\/about\/"[^>]*>\s*About/);
      if (name === "own-report") {
        expect(home).toContain("<title>Marketing report");
        for (const demo of ["Demo shop", "This is the demo report", "Changes since", "CMP-1"]) expect(home).not.toContain(demo);
      } else {
        expect(home).toContain("<title>Demo shop marketing report");
        expect(home).toContain("This is the demo report");
        expect(readFileSync(join(repo, "data", "visits.csv"))).toEqual(readFileSync(join(ROOT, "data", "visits.csv")));
      }
    }
    expect(run("npx", ["romi", "init", "own-report"], where)).toMatchObject({ status: 2, stderr: expect.stringContaining("is not empty") });
  }, 300_000);

  it("computes the demo's metrics.json byte for byte as romi run from its sources", () => {
    const args = ["metrics", "--data", join(ROOT, "data"), "--config", join(ROOT, "content/report.yaml"), "--commit", "0000000"];
    const installed = run("npx", ["romi", ...args], team);
    expect(installed.status, installed.stderr).toBe(0);
    const source = run(process.execPath, [join(ROOT, "bin/romi.js"), ...args], ROOT);
    expect(source.status, source.stderr).toBe(0);
    expect(installed.stdout.length).toBeGreaterThan(100_000);
    expect(installed.stdout).toBe(source.stdout);
  }, 180_000);
});
