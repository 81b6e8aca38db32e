/**
 * Reads a data folder into tables: the I/O edge of romi.
 *
 * Every `*.csv`, `*.tsv` and `*.txt` file (optionally `.gz`) below the
 * folder is read as a stream, so file size is bounded by memory for the
 * columns, not for the text. Files of one kind with the same headers form one
 * dataset; files of one kind with different headers are separate datasets,
 * each named after its file.
 */
import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { createGunzip } from "node:zlib";
import type { Config } from "../schema/config.ts";
import { KIND_SPECS, type Kind } from "../schema/kinds.ts";
import type { Zone } from "../time/zone.ts";
import { CsvParser, CsvSyntaxError, sniffDelimiter } from "./csv.ts";
import { detect } from "./detect.ts";
import { Rejections } from "./rejections.ts";
import { cleanExposures } from "./exposures.ts";
import { DatasetReader, type MergedLabel } from "./rows.ts";
import { settleSpellings } from "./spellings.ts";
import { newDicts, type Dicts, type Table } from "./table.ts";

const DATA_FILE = /\.(csv|tsv|txt)(\.gz)?$/i;

export interface LoadedDataset {
  readonly table: Table;
  /** Role → header text. */
  readonly columns: Readonly<Record<string, string>>;
  readonly files: readonly { file: string; sha256: string; rows: number }[];
  readonly rows: number;
  readonly rejections: Rejections;
  /** Labels merged case-insensitively from several spellings. */
  readonly labels: readonly MergedLabel[];
}

export interface LoadResult {
  readonly datasets: readonly LoadedDataset[];
  readonly ignored: readonly { file: string; reason: string }[];
  /** Files that cannot be used: a missing column, a malformed CSV. */
  readonly errors: readonly string[];
  readonly dicts: Dicts;
}

/** Data files below `dir`, as sorted paths relative to it with `/` separators. */
export async function listDataFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  // A symbolic link to a file counts as that file (a folder that links to shared data).
  const isFile = (e: (typeof entries)[number]): boolean =>
    e.isFile() || (e.isSymbolicLink() && statSync(join(e.parentPath, e.name), { throwIfNoEntry: false })?.isFile() === true);
  return entries
    .filter((e) => isFile(e) && DATA_FILE.test(e.name))
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join("/"))
    .sort();
}

/**
 * Decoded text of a file in chunks that end at a line break, gunzipped when
 * the name ends in `.gz`; hashes the raw bytes.
 *
 * Cutting the bytes at their last LF (which never occurs inside a UTF-8
 * sequence) means each chunk decodes to one fresh, flat string of whole
 * lines. Gluing a partial line to the next chunk as strings instead made V8
 * ropes whose every `indexOf` rescanned the chunk: parsing was quadratic in
 * the chunk size (20 s instead of 1 s for 300k lines).
 */
async function* textChunks(path: string, hash: ReturnType<typeof createHash> | null, label: string): AsyncGenerator<string> {
  const raw = createReadStream(path, { highWaterMark: 1 << 18 });
  if (hash) raw.on("data", (b) => hash.update(b as Buffer));
  const bytes = path.toLowerCase().endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let rest: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of bytes) {
      const buf = rest.length > 0 ? Buffer.concat([rest, chunk as Buffer]) : (chunk as Buffer);
      const cut = buf.lastIndexOf(10) + 1;
      rest = buf.subarray(cut);
      if (cut > 0) yield decoder.decode(buf.subarray(0, cut), { stream: true });
    }
    yield decoder.decode(rest);
  } catch (e) {
    raw.destroy();
    const why = e instanceof TypeError ? "is not valid UTF-8 text" : `cannot be read: ${(e as Error).message}`;
    throw new Error(`${label} ${why}`, { cause: e });
  }
}

/** The header fields of a file, read from its first line. */
async function readHeader(path: string, label: string): Promise<{ headers: string[]; delimiter: string } | null> {
  let text = "";
  for await (const chunk of textChunks(path, null, label)) {
    text += chunk;
    if (text.includes("\n") || text.length > 1 << 20) break;
  }
  const nl = text.indexOf("\n");
  const first = (nl < 0 ? text : text.slice(0, nl)).replace(/\r$/, "");
  if (first.trim() === "") return null;
  const delimiter = sniffDelimiter(first);
  let headers: string[] = [];
  const parser = new CsvParser(delimiter, (fields) => {
    if (headers.length === 0) headers = fields.map((f) => f.trim());
  });
  parser.push(first);
  parser.end();
  return { headers, delimiter };
}

interface FilePlan {
  readonly file: string;
  readonly kind: Kind;
  readonly columns: Readonly<Record<string, number>>;
  readonly headers: readonly string[];
  readonly delimiter: string;
}

/** Reads one file's records into `reader`; throws with file:line:column on malformed CSV. */
async function readFile(path: string, plan: FilePlan, index: number, reader: DatasetReader): Promise<{ sha256: string; rows: number }> {
  const hash = createHash("sha256");
  const before = reader.rows;
  let header = true;
  const parser = new CsvParser(plan.delimiter, (fields, line) => {
    if (header) {
      header = false;
      return;
    }
    reader.add(fields, plan.headers.length, index, line);
  });
  try {
    for await (const chunk of textChunks(path, hash, plan.file)) parser.push(chunk);
    parser.end();
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new Error(`${plan.file}:${e.line}:${e.column}: ${e.message}`, { cause: e });
    throw e;
  }
  return { sha256: hash.digest("hex"), rows: reader.rows - before };
}

/**
 * Reads every data file below `dir`. Files that cannot be used are collected
 * in `errors` (so `romi validate` can list them all); the caller decides
 * whether to stop.
 */
export async function loadDataDir(dir: string, config: Config, zone: Zone): Promise<LoadResult> {
  const files = await listDataFiles(dir);
  const plans: FilePlan[] = [];
  const ignored: { file: string; reason: string }[] = [];
  const errors: string[] = [];
  for (const file of files) {
    const settings = config.datasets[file];
    if (settings?.ignore) {
      ignored.push({ file, reason: "ignored in the config" });
      continue;
    }
    let header: Awaited<ReturnType<typeof readHeader>>;
    try {
      header = await readHeader(join(dir, file), file);
    } catch (e) {
      errors.push((e as Error).message);
      continue;
    }
    if (!header) {
      errors.push(`${file}:1:1: empty file, expected a header line`);
      continue;
    }
    const found = detect(file, header.headers, settings);
    if (found.status === "error") errors.push(found.message);
    else if (found.status === "unknown") ignored.push({ file, reason: found.message });
    else plans.push({ file, kind: found.kind, columns: found.columns, headers: header.headers, delimiter: header.delimiter });
  }
  for (const key of Object.keys(config.datasets)) {
    if (!files.includes(key)) errors.push(`config: datasets."${key}" names no data file (files: ${files.join(", ") || "none"})`);
  }

  // Group files into datasets: same kind and same headers.
  const groups = new Map<string, FilePlan[]>();
  for (const plan of plans) {
    const key = `${plan.kind}\u0000${plan.headers.join("\u0000")}`;
    const group = groups.get(key);
    if (group) group.push(plan);
    else groups.set(key, [plan]);
  }
  const perKind = new Map<Kind, number>();
  for (const group of groups.values()) perKind.set(group[0]!.kind, (perKind.get(group[0]!.kind) ?? 0) + 1);

  const dicts = newDicts();
  const read: { reader: DatasetReader; columns: Record<string, string>; files: { file: string; sha256: string; rows: number }[]; rejections: Rejections }[] =
    [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const name = perKind.get(first.kind)! > 1 ? first.file : first.kind;
    const rejections = new Rejections();
    const reader = new DatasetReader(
      first.kind,
      name,
      first.columns,
      group.map((p) => p.file),
      dicts,
      zone,
      rejections,
    );
    const fileInfo: { file: string; sha256: string; rows: number }[] = [];
    let failed = false;
    for (const [i, plan] of group.entries()) {
      try {
        fileInfo.push({ file: plan.file, ...(await readFile(join(dir, plan.file), plan, i, reader)) });
      } catch (e) {
        errors.push((e as Error).message);
        failed = true;
      }
    }
    if (failed) continue;
    const columns: Record<string, string> = {};
    for (const [role, i] of Object.entries(first.columns)) columns[role] = first.headers[i]!;
    read.push({ reader, columns, files: fileInfo, rejections });
  }
  settleSpellings(
    dicts,
    read.flatMap((r) => r.reader.spellings()),
  );
  const datasets: LoadedDataset[] = read.map(({ reader, columns, files: fileInfo, rejections }) => {
    const built = reader.build();
    // Exposures are cleaned over the whole dataset: contamination and repeats.
    const exposure = KIND_SPECS[built.kind].exposure;
    const table = exposure ? cleanExposures(built, exposure, rejections) : built;
    return { table, columns, files: fileInfo, rows: reader.rows, rejections, labels: reader.mergedLabels() };
  });
  return { datasets, ignored, errors, dicts };
}
