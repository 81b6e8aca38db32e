import { existsSync } from "node:fs";
import { mkdtemp, readdir, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { pagesLine } from "../words/accounting.ts";
import { ENGINE_FLAGS, ENGINE_USAGE, engineLimits, engineName, parseFlags, UsageError, type Command } from "./args.ts";

/** romi's own folder: the Astro project built for a folder of data alone (src/content.config.ts, src/routes). */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Vite fills `import.meta.env` from these when they are in the environment,
 * so an inherited `BASE_URL` (Vitest exports one, and some CI systems do)
 * would silently override --base. The build sets them itself.
 */
const VITE_RESERVED = ["BASE_URL", "MODE", "DEV", "PROD", "SSR", "SITE", "ASSETS_PREFIX"];

/** `/repo/` from `repo`, `/repo` or `/repo/`; `/` stays `/`. */
export function normaliseBase(base: string): string {
  if (!/^[\w\-./~%]*$/.test(base)) throw new UsageError(`invalid --base: ${base} (expected a URL path such as /repo-name/)`);
  const trimmed = base.replace(/^\/+|\/+$/g, "");
  return trimmed ? `/${trimmed}/` : "/";
}

/**
 * The Astro project to build: the current folder when it has an Astro config
 * (a report repository, whose config lists `romi()`, or romi's checkout);
 * else romi's own folder, with the integration given here (a folder that
 * holds only data, and romi installed).
 */
async function project(cwd: string): Promise<{ root: string; configFile?: false; integrations?: AstroIntegration[] }> {
  const hasConfig = ["astro.config.mjs", "astro.config.ts", "astro.config.js"].some((f) => existsSync(join(cwd, f)));
  if (hasConfig) return { root: cwd };
  // Loaded here, as Astro is: the other commands need neither.
  const { default: romi } = await import("../integration.ts");
  return { root: ROOT, configFile: false, integrations: [romi({ root: cwd })] };
}

/** The pages (HTML files) and CSV downloads under `dir`. */
async function countFiles(dir: string): Promise<{ pages: number; csvs: number }> {
  const names = await readdir(dir, { recursive: true });
  return { pages: names.filter((n) => n.endsWith(".html")).length, csvs: names.filter((n) => n.endsWith(".csv")).length };
}

export const build: Command = {
  name: "build",
  summary: "build the static report site (HTML, metrics.json, CSV downloads)",
  usage: `romi build [--data DIR] [--config FILE] [--out DIR] [--base PATH] [--label TEXT] [--commit SHA] [--engine NAME] [--threads N] [--memory SIZE]

  --data DIR     folder with the data files (default: data)
  --config FILE  report settings (default: content/report.yaml, if it exists)
  --out DIR      where to write the site (default: dist)
  --base PATH    URL path the site is served under, e.g. /repo-name/ for a
                 GitHub Pages project site (default: /)
  --label TEXT   a name for this version (default: label in the config)
  --commit SHA   the git commit (default: $GITHUB_SHA, else git rev-parse HEAD)
${ENGINE_USAGE}

The site is built into a staging folder and moved to --out only when the
whole build succeeds: bad data fails with the engine's message, and the
previous site is left as it was.`,
  async run(io) {
    const flags = parseFlags(io.args, {
      data: { type: "string" },
      config: { type: "string" },
      out: { type: "string" },
      base: { type: "string" },
      label: { type: "string" },
      commit: { type: "string" },
      ...ENGINE_FLAGS,
    });
    const limits = engineLimits(flags);
    const engine = engineName(flags);
    const dataDir = resolve(flags.data ?? "data");
    if (!existsSync(dataDir)) throw new UsageError(`--data: no such folder: ${dataDir}`);
    const out = resolve(flags.out ?? "dist");
    const staging = `${out}.building`;
    process.env["ROMI_DATA"] = dataDir;
    if (flags.config) process.env["ROMI_CONFIG"] = resolve(flags.config);
    else delete process.env["ROMI_CONFIG"];
    process.env["ROMI_BASE"] = normaliseBase(flags.base ?? "/");
    for (const [name, value] of [
      ["ROMI_LABEL", flags.label],
      ["ROMI_COMMIT", flags.commit],
      ["ROMI_ENGINE", engine],
      ["ROMI_THREADS", limits.threads?.toString()],
      ["ROMI_MEMORY", limits.memory],
    ] as const) {
      if (value) process.env[name] = value;
      else delete process.env[name];
    }
    process.env["ASTRO_TELEMETRY_DISABLED"] = "1";
    for (const name of VITE_RESERVED) delete process.env[name];
    await rm(staging, { recursive: true, force: true });
    const { build: astroBuild } = await import("astro");
    // A content store of its own: Astro keeps the last build's entries (another report's notes) in
    // its cache folder, and two builds at once would share it.
    const cacheDir = await mkdtemp(join(tmpdir(), "romi-astro-"));
    const started = performance.now();
    delete process.env["ROMI_ENGINE_MS"];
    try {
      await astroBuild({ ...(await project(process.cwd())), outDir: staging, cacheDir, logLevel: "warn", mode: "production" });
      const written = await countFiles(staging);
      io.stdout(`${pagesLine(written.pages, written.csvs, performance.now() - started - Number(process.env["ROMI_ENGINE_MS"] ?? 0))}\n`);
    } catch (e) {
      await rm(staging, { recursive: true, force: true });
      throw e;
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
    await rm(out, { recursive: true, force: true });
    await rename(staging, out);
    io.stdout(`romi: built ${out} (base ${process.env["ROMI_BASE"]})\n`);
    return 0;
  },
};
