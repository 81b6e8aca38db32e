import { runEngine } from "../engine.ts";
import { formatAccounting } from "../words/accounting.ts";
import { ENGINE_FLAGS, ENGINE_USAGE, engineLimits, engineName, parseFlags, required, type Command } from "./args.ts";

export const validate: Command = {
  name: "validate",
  summary: "check a data folder and print what was used and rejected",
  usage: `romi validate --data DIR [--config FILE] [--engine NAME] [--threads N] [--memory SIZE]

  --data DIR     folder with the data files
  --config FILE  report settings (default: content/report.yaml, if it exists)
${ENGINE_USAGE}

Prints every dataset with rows used and rejected by reason (with the first
places as file:line), every ignored file and every file that cannot be used.
Exits with 1 when a dataset cannot be used.`,
  async run(io) {
    const flags = parseFlags(io.args, { data: { type: "string" }, config: { type: "string" }, ...ENGINE_FLAGS });
    const run = await runEngine({ dataDir: required(flags.data, "--data"), configPath: flags.config, engine: engineName(flags), limits: engineLimits(flags) });
    io.stdout(formatAccounting(run));
    return run.errors.length > 0 ? 1 : 0;
  },
};
