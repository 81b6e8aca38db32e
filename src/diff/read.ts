/**
 * Reading the diff's inputs: metrics.json files (or folders holding one)
 * and a thresholds file. Every failure is an `InputError` naming the file.
 */
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import type { Report } from "../schema/report.ts";
import { upgradeReport } from "../schema/upgrade.ts";
import { ThresholdsSchema, type Thresholds } from "./thresholds.ts";

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

export async function readReport(path: string): Promise<Report> {
  let file = path;
  try {
    if ((await stat(path)).isDirectory()) file = join(path, "metrics.json");
  } catch {
    throw new InputError(`${path}: no such file or folder`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, "utf8"));
  } catch (e) {
    throw new InputError(`${file}: not a romi metrics.json (${(e as Error).message.split("\n")[0]})`);
  }
  const read = upgradeReport(raw);
  if ("error" in read) throw new InputError(`${file}: ${read.error}`);
  return read.report;
}

export async function readThresholds(file: string): Promise<Thresholds> {
  let raw: unknown;
  try {
    raw = parse(await readFile(file, "utf8"));
  } catch (e) {
    throw new InputError(`${file}: cannot read thresholds: ${(e as Error).message.split("\n")[0]}`);
  }
  const parsed = ThresholdsSchema.safeParse(raw);
  if (!parsed.success) {
    throw new InputError(`${file}: invalid thresholds: ${parsed.error.issues.map((i) => `${i.path.join(".") || "(top level)"}: ${i.message}`).join("; ")}`);
  }
  return parsed.data;
}
