/**
 * Argument parsing shared by the commands. A usage error is a `UsageError`,
 * which `main` turns into exit code 2.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** What a command gets: its arguments and its effects, so tests can replace them. */
export interface CommandIO {
  readonly args: readonly string[];
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  /** Resolves to the exit code. */
  run(io: CommandIO): Promise<number>;
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parses `--flags`; unknown flags and stray arguments are usage errors. */
export function parseFlags<O extends Options>(args: readonly string[], options: O) {
  try {
    return parseArgs({ args: [...args], options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals: false, strict: true }).values;
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/s, ""));
  }
}

/** A flag that must be there. */
export function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === "") throw new UsageError(`missing ${flag}`);
  return value;
}

/** A flag that must be a number within bounds, when given. */
export function numberFlag(value: string | undefined, flag: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < min || n > max)
    throw new UsageError(`invalid ${flag}: ${value} (expected a number from ${min} to ${max})`);
  return n;
}
