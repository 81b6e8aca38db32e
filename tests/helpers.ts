/** Test helpers: temporary data folders and fact look-up. */
import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Fact } from "../src/schema/report.ts";

/** Writes `files` (path → text; `.gz` paths are gzipped) into a new temporary folder. */
export function dataDir(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(join(tmpdir(), "romi-test-"));
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, name.endsWith(".gz") ? gzipSync(Buffer.from(text)) : text);
  }
  return dir;
}

/** The value of the fact with this id and exactly these dims; throws when absent. */
export function fact(facts: readonly Fact[], id: string, dims: Readonly<Record<string, string>> = {}): number | null {
  const found = facts.find((f) => f.id === id && JSON.stringify(Object.entries(f.dims ?? {}).sort()) === JSON.stringify(Object.entries(dims).sort()));
  if (!found) throw new Error(`no fact ${id} ${JSON.stringify(dims)}`);
  return found.value;
}

/** Whether any fact has this id (with any dims). */
export const hasFact = (facts: readonly Fact[], id: string): boolean => facts.some((f) => f.id === id);

export const lines = (...rows: string[]): string => `${rows.join("\n")}\n`;
