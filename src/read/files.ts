/**
 * The data folder's files: which there are, each one's header (the column
 * names that say its kind) and its checksum. The only reading of file bytes
 * outside the engine, and only of a CSV's first line.
 */
import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { createGunzip } from "node:zlib";

const DATA_FILE = /\.(csv|tsv|txt)(\.gz)?$|\.parquet$/i;

/** Whether a data file is Parquet (by its name). */
export const isParquet = (file: string): boolean => /\.parquet$/i.test(file);

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

/** SHA-256 of a file's bytes, as stored (a `.gz` file's compressed bytes). */
export async function sha256(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** The first line of a text file (gunzipped for `.gz`), without its line end; null for an empty file. */
async function firstLine(path: string, label: string): Promise<string | null> {
  const raw = createReadStream(path, { highWaterMark: 1 << 16 });
  const bytes = path.toLowerCase().endsWith(".gz") ? raw.pipe(createGunzip()) : raw;
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of bytes) {
      const buf = chunk as Buffer;
      const nl = buf.indexOf(10);
      parts.push(nl < 0 ? buf : buf.subarray(0, nl));
      size += buf.length;
      if (nl >= 0 || size > 1 << 20) break;
    }
  } catch (e) {
    throw new Error(`${label} cannot be read: ${(e as Error).message}`, { cause: e });
  } finally {
    raw.destroy();
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(parts));
  } catch (e) {
    throw new Error(`${label}:1: is not valid UTF-8 text (save it as "CSV UTF-8")`, { cause: e });
  }
  text = text.replace(/^\uFEFF/, "").replace(/\r$/, "");
  return text.trim() === "" ? null : text;
}

/**
 * The delimiter of a header line: the most frequent of `,` `;` and tab,
 * comma on a tie or when none occurs.
 * @example sniffDelimiter("mcc_code;mcc_description"); // => ";"
 */
export function sniffDelimiter(headerLine: string): string {
  let best = ",";
  let bestCount = 0;
  for (const d of [",", ";", "\t"]) {
    const count = headerLine.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The fields of a header line; a field may be quoted, with doubled quotes inside.
 * @example splitHeader('"Uid","Buy ""Ts""",Revenue', ","); // => ["Uid", 'Buy "Ts"', "Revenue"]
 */
export function splitHeader(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = "";
    if (line[i] === '"') {
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) throw new Error(`unterminated quoted header field`);
        field += line.slice(i, q);
        if (line[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      const end = line.indexOf(delimiter, i);
      i = end < 0 ? line.length : end;
    } else {
      const end = line.indexOf(delimiter, i);
      field = line.slice(i, end < 0 ? line.length : end);
      i = end < 0 ? line.length : end;
    }
    fields.push(field.trim());
    if (i >= line.length) return fields;
    i += delimiter.length;
  }
}

/** A CSV file's header fields and delimiter; null for an empty file. */
export async function readCsvHeader(path: string, label: string): Promise<{ headers: string[]; delimiter: string } | null> {
  const line = await firstLine(path, label);
  if (line === null) return null;
  const delimiter = sniffDelimiter(line);
  try {
    return { headers: splitHeader(line, delimiter), delimiter };
  } catch (e) {
    throw new Error(`${label}:1: ${(e as Error).message}`, { cause: e });
  }
}
