/**
 * `romi <command> [flags]`: the only place that touches process.argv and
 * exit codes. Exit codes: 0 success, 1 the data or a check failed, 2 usage.
 */
import { UsageError, type Command, type CommandIO } from "./args.ts";
import { build } from "./build.ts";
import { demoData } from "./demo-data.ts";
import { diff } from "./diff.ts";
import { init } from "./init.ts";
import { metrics } from "./metrics.ts";
import { snapshot } from "./snapshot.ts";
import { validate } from "./validate.ts";

export const COMMANDS: readonly Command[] = [init, build, metrics, validate, diff, snapshot, demoData];

const overview = (): string =>
  `usage: romi <command> [flags]

commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join("\n")}

Run "romi <command> --help" for a command's flags.
`;

/** Runs a command line; resolves to the exit code. */
export async function main(argv: readonly string[], io: Omit<CommandIO, "args">): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(overview());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr(`romi: unknown command: ${name}\n\n${overview()}`);
    return 2;
  }
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout(`usage: ${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run({ args, ...io });
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`romi ${name}: ${e.message}\n\nusage: ${command.usage}\n`);
      return 2;
    }
    io.stderr(`romi ${name}: ${(e as Error).message}\n`);
    return 1;
  }
}
