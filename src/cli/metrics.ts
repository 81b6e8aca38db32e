import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { runEngine } from "../engine.ts";
import { gitCommit } from "../read/commit.ts";
import { stringifyReport } from "../report/json.ts";
import { ENGINE_FLAGS, ENGINE_USAGE, engineLimits, engineName, parseFlags, required, type Command } from "./args.ts";

export const metrics: Command = {
  name: "metrics",
  summary: "compute every metric from a data folder into metrics.json",
  usage: `romi metrics --data DIR [--config FILE] [--out FILE] [--label TEXT] [--commit SHA] [--engine NAME] [--threads N] [--memory SIZE]

  --data DIR     folder with the data files (csv, tsv, txt, optionally .gz; parquet)
  --config FILE  report settings (default: content/report.yaml, if it exists)
  --out FILE     where to write metrics.json (default: standard output)
  --label TEXT   a name for this version (default: label in the config)
  --commit SHA   the git commit (default: $GITHUB_SHA, else git rev-parse HEAD)
${ENGINE_USAGE}

Exits with 1, writing nothing, when a file cannot be used.`,
  async run(io) {
    const flags = parseFlags(io.args, {
      data: { type: "string" },
      config: { type: "string" },
      out: { type: "string" },
      label: { type: "string" },
      commit: { type: "string" },
      ...ENGINE_FLAGS,
    });
    const run = await runEngine({
      engine: engineName(flags),
      limits: engineLimits(flags),
      dataDir: required(flags.data, "--data"),
      configPath: flags.config,
      stamp: { label: flags.label, commit: gitCommit(flags.commit) },
    });
    if (!run.report) {
      for (const e of run.errors) io.stderr(`romi: ${e}\n`);
      return 1;
    }
    for (const w of run.loaded.ignored) io.stderr(`romi: ignored ${w.reason}\n`);
    const json = stringifyReport(run.report);
    if (flags.out) {
      await mkdir(dirname(flags.out), { recursive: true });
      await writeFile(flags.out, json);
    } else io.stdout(json);
    return 0;
  },
};
