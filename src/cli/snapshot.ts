import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runEngine } from "../engine.ts";
import { gitCommit } from "../read/commit.ts";
import { contentPath } from "../read/config.ts";
import { stringifyReport } from "../report/json.ts";
import { ENGINE_FLAGS, ENGINE_USAGE, engineLimits, engineName, parseFlags, UsageError, type Command } from "./args.ts";

/** The archive: versions/ beside the config. */
const versionsDir = (config: string | undefined): string => contentPath(config, "versions");

export const snapshot: Command = {
  name: "snapshot",
  summary: "store the current metrics.json in the version archive",
  usage: `romi snapshot [--label L] [--data DIR] [--config FILE] [--dir DIR] [--engine NAME] [--threads N] [--memory SIZE]

  --label L      the version's name and file name (default: label in the
                 config, else the version id); letters, digits, . _ -
  --data DIR     folder with the data files (default: data)
  --config FILE  report settings (default: content/report.yaml, if it exists)
  --dir DIR      the archive (default: versions/ beside the config,
                 content/versions)
${ENGINE_USAGE}

Writes <dir>/<label>.json: the report without its chart series. The site
lists every snapshot on its Versions page, with each one's diff against the
one before, and the overview shows the changes since the latest one.`,
  async run(io) {
    const flags = parseFlags(io.args, {
      label: { type: "string" },
      data: { type: "string" },
      config: { type: "string" },
      dir: { type: "string" },
      ...ENGINE_FLAGS,
    });
    if (flags.label !== undefined && !/^[\w.-]+$/.test(flags.label)) throw new UsageError(`invalid --label: ${flags.label} (letters, digits, . _ - only)`);
    const run = await runEngine({
      dataDir: flags.data ?? "data",
      configPath: flags.config,
      stamp: { label: flags.label, commit: gitCommit() },
      engine: engineName(flags),
      limits: engineLimits(flags),
    });
    if (!run.report) {
      for (const e of run.errors) io.stderr(`romi: ${e}\n`);
      return 1;
    }
    const label = run.report.version.label ?? run.report.version.id;
    if (!/^[\w.-]+$/.test(label)) throw new UsageError(`invalid label in the config: ${label} (letters, digits, . _ - only)`);
    const dir = flags.dir ?? versionsDir(flags.config);
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${label}.json`);
    // Chart series are left out: the archive keeps what versions are compared on (facts,
    // recommendations, datasets), at a tenth of the size.
    await writeFile(file, stringifyReport({ ...run.report, version: { ...run.report.version, label }, series: {} }));
    io.stdout(`romi: stored ${file}\n`);
    return 0;
  },
};
