import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import pkg from "../../package.json" with { type: "json" };
import { scaffold } from "../init/scaffold.ts";
import { parseFlags, UsageError, type Command } from "./args.ts";
import { writeDemoData } from "./demo-data.ts";

/** romi's own folder: the workflows and the demo's content are copied from it. */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The demo's content, copied with --demo (its version archive is not: a new report has no history). */
const DEMO_CONTENT = ["content/report.yaml", "content/annotations.yaml", "content/thresholds.yaml", "content/notes", "data/README.md"];

export const init: Command = {
  name: "init",
  summary: "create a report repository: Astro config, data/, content/, your own pages and the GitHub workflows",
  usage: `romi init [DIR] [--demo]

  DIR      the folder to create (default: the current folder), which must be
           empty or not exist yet
  --demo   fill data/ and content/ with romi's demo data, notes and
           annotations; without it, no demo content appears anywhere

Writes package.json (romi as a dependency; build, dev, check and test
scripts), astro.config.mjs (the romi integration), tsconfig.json,
src/content.config.ts, an example page in src/pages, data/ (with a README
on what to put there), content/report.yaml (every key commented out with its
default), content/notes/, public/, .github/workflows/ (publish to GitHub
Pages; the pull request metrics comment) and a README. Then:
npm install && npm run build.`,
  async run(io) {
    const positional = io.args.filter((a) => !a.startsWith("-"));
    const flags = parseFlags(
      io.args.filter((a) => a.startsWith("-")),
      { demo: { type: "boolean" } },
    );
    if (positional.length > 1) throw new UsageError(`expected at most one folder, got ${positional.length}`);
    const dir = resolve(positional[0] ?? ".");
    if (existsSync(dir) && readdirSync(dir).length > 0)
      throw new UsageError(`${dir} is not empty: romi init writes a new report repository into an empty folder`);
    const demo = flags.demo ?? false;
    const files = scaffold({ name: packageName(basename(dir)), romi: romiSpec(process.cwd()), demo });
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    cpSync(join(ROOT, ".github", "workflows"), join(dir, ".github", "workflows"), { recursive: true });
    if (demo) {
      for (const path of DEMO_CONTENT) cpSync(join(ROOT, path), join(dir, path), { recursive: true });
      // The demo data, generated: the same bytes as romi's own data/.
      writeDemoData(join(dir, "data"), "funnel", 1, 0.1);
      writeDemoData(join(dir, "data"), "campaigns", 1, 1);
    }
    io.stdout(`romi: created ${dir}${demo ? " (with the demo's data and content)" : ""}; next: cd ${positional[0] ?? "."} && npm install && npm run build\n`);
    return 0;
  },
};

/** A folder's name as an npm package name: lower case, with only letters, digits, - . _ */
const packageName = (folder: string): string =>
  folder
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[._-]+/, "") || "report";

/**
 * The dependency on romi that a new repository records: how the project
 * romi runs from installed it (a `file:` path or a tarball, made absolute),
 * else this romi's version.
 */
function romiSpec(cwd: string): string {
  try {
    const project = JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
    const spec = project.dependencies?.["romi"];
    if (spec) return spec.startsWith("file:") ? `file:${resolve(cwd, spec.slice(5))}` : /\.tgz$/.test(spec) ? resolve(cwd, spec) : spec;
  } catch {
    // No package.json here: romi runs from elsewhere (npx, a global install).
  }
  return `^${pkg.version}`;
}
