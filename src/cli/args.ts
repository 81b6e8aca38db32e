/**
 * Argument parsing shared by the commands. A usage error is a `UsageError`,
 * which `main` turns into exit code 2.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { checkMemory, type EngineLimits } from "../engine/engine.ts";
import { ENGINE_NAMES, type EngineName } from "../schema/config.ts";

export class UsageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
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

/** The flags that size the SQL engine, shared by every command that runs it. */
export const ENGINE_FLAGS = { engine: { type: "string" }, threads: { type: "string" }, memory: { type: "string" } } as const;

export const ENGINE_USAGE = `  --engine NAME  the SQL engine (default: engine in the config, else duckdb):
                 duckdb (embedded) or clickhouse (the server at clickhouse.url in
                 the config; without one, embedded through chdb: npm install chdb)
  --threads N    the SQL engine's worker threads (default: one per core)
  --memory SIZE  the SQL engine's memory limit, e.g. 2GB; past it, it spills
                 to a temporary folder (default: a quarter of the machine's memory)`;

/** `--engine` as an engine name, when given; a bad one is a usage error. */
export function engineName(flags: { engine?: string | undefined }): EngineName | undefined {
  if (flags.engine === undefined) return undefined;
  const found = ENGINE_NAMES.find((n) => n === flags.engine);
  if (!found) throw new UsageError(`invalid --engine: ${flags.engine} (expected ${ENGINE_NAMES.join(" or ")})`);
  return found;
}

/** `--threads` and `--memory` as engine limits; bad values are usage errors. */
export function engineLimits(flags: { threads?: string | undefined; memory?: string | undefined }): EngineLimits {
  const threads = flags.threads === undefined ? undefined : numberFlag(flags.threads, "--threads", 1, 1, 1024);
  if (threads !== undefined && !Number.isInteger(threads)) throw new UsageError(`invalid --threads: ${flags.threads} (expected a whole number)`);
  let memory: string | undefined;
  try {
    memory = flags.memory === undefined ? undefined : checkMemory(flags.memory);
  } catch (e) {
    throw new UsageError(`invalid --memory: ${flags.memory} (expected a size such as 2GB or 512MiB)`, { cause: e });
  }
  return { threads, memory };
}
