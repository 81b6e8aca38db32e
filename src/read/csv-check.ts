/**
 * A CSV file's structure checked in JavaScript, in one pass that also takes
 * its checksum: for an engine whose CSV reader accepts what romi refuses
 * (ClickHouse reads an unterminated quote to the end of the file as one
 * field, and does not check UTF-8). The rules are DuckDB's strict reader's:
 * a quoted field opens at the start of a field and closes before a
 * delimiter or a line end; a quote inside an unquoted field is text.
 *
 * Places are romi's: a record's line is its number plus one for the header
 * (blank lines are skipped and not counted, as DuckDB counts them), and a
 * column is the 1-based position in the record's text.
 */
import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";

/** What is wrong with a file, and where. */
export interface CsvProblem {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/**
 * What is wrong with the quotes of a record's text, and at which column
 * (1-based): a quote that never closes, or text after a closing quote.
 * @example quoteProblem('2,"2024-01-02,2', ","); // => { column: 3, message: "unterminated quoted field" }
 */
export function quoteProblem(text: string, delimiter: string): { column: number; message: string } | null {
  const line = text.replace(/^[\r\n]+/, "");
  let i = 0;
  while (i < line.length) {
    if (line[i] === '"') {
      const open = i;
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) return { column: open + 1, message: "unterminated quoted field" };
        if (line[q + 1] === '"') j = q + 2;
        else {
          j = q + 1;
          break;
        }
      }
      if (j < line.length && line[j] !== delimiter && line[j] !== "\r" && line[j] !== "\n")
        return { column: j + 1, message: `unexpected text after a closing quote: ${JSON.stringify(line.slice(j, j + 10))}` };
      i = j;
    } else {
      const next = line.indexOf(delimiter, i);
      if (next < 0) return null;
      i = next;
    }
    i += delimiter.length;
  }
  return null;
}

/** The message for text that is not UTF-8. */
export const NOT_UTF8 = 'is not valid UTF-8 text (save it as "CSV UTF-8")';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Scanner states: at a field's start, in an unquoted field, in a quoted one, just after a quote in a quoted one. */
const State = { Start: 0, Unquoted: 1, Quoted: 2, QuoteSeen: 3 } as const;

/** The longest line DuckDB's CSV reader takes (its max_line_size), in bytes. */
const MAX_LINE = 2_097_152;

/** Bytes kept of a record for its message: its start up to here. */
const KEEP = 1 << 16;

/**
 * Reads a CSV file (gunzipped for `.gz`) once: its SHA-256 (of the bytes as
 * stored) and the first place where its quotes or its UTF-8 go wrong, or a
 * line is longer than DuckDB's reader takes (2 MB); null when none does.
 */
export async function checkCsv(path: string, delimiter: string): Promise<{ sha256: string; problem: CsvProblem | null }> {
  const hash = createHash("sha256");
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  const gzipped = path.toLowerCase().endsWith(".gz");
  if (gzipped) raw.on("data", (chunk) => hash.update(chunk as Buffer));
  const bytes = gzipped ? raw.pipe(createGunzip()) : raw;
  const delim = Buffer.from(delimiter)[0]!;
  let state: number = State.Start;
  let header = true;
  let record = 0;
  /** The current record's bytes so far (up to KEEP, for its message), and whether it has any but CR. */
  let text: Buffer[] = [];
  let kept = 0;
  let empty = true;
  /** Bytes of the current record's line so far. */
  let length = 0;
  /** Carried from the last chunk: the start of a character split between chunks. */
  let tail = Buffer.alloc(0);
  let problem: CsvProblem | null = null;

  const place = (extra: Buffer, fallback: { column: number; message: string }): CsvProblem => {
    const line = Buffer.concat([...text, extra]).toString("utf8");
    const found = quoteProblem(line, delimiter) ?? fallback;
    return { line: record + 2, ...found };
  };

  for await (const chunk of bytes) {
    if (!gzipped) hash.update(chunk as Buffer);
    const buf = tail.length > 0 ? Buffer.concat([tail, chunk as Buffer]) : (chunk as Buffer);
    // A character split at the chunk's end waits for the next chunk.
    let end = buf.length;
    for (let back = 1; back <= 3 && back <= buf.length; back++) {
      const b = buf[buf.length - back]!;
      if ((b & 0xc0) === 0x80) continue;
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      if (need > back) end = buf.length - back;
      break;
    }
    tail = Buffer.from(buf.subarray(end));
    const part = buf.subarray(0, end);
    const badAt = isUtf8(part) ? -1 : firstInvalid(part);
    let from = 0;
    for (let i = 0; i < part.length; i++) {
      const b = part[i]!;
      if (i === badAt) {
        const before = Buffer.concat([...text, part.subarray(from, i)]);
        problem = { line: record + 2, column: before.toString("utf8").length + 1, message: NOT_UTF8 };
        break;
      }
      if (header) {
        if (b === LF) {
          header = false;
          from = i + 1;
        }
        continue;
      }
      switch (state) {
        case State.Start:
          if (b === QUOTE) state = State.Quoted;
          else if (b !== delim && b !== LF) state = State.Unquoted;
          break;
        case State.Quoted:
          if (b === QUOTE) state = State.QuoteSeen;
          break;
        case State.QuoteSeen:
          if (b === QUOTE) state = State.Quoted;
          else if (b === delim) state = State.Start;
          else if (b !== LF && b !== CR) {
            problem = place(part.subarray(from, lineEnd(part, i, i + 16)), { column: 1, message: "malformed quoted field" });
            break;
          }
          break;
        default:
          if (b === delim) state = State.Start;
      }
      if (problem) break;
      if (b === LF && state !== State.Quoted) {
        // A record ends; a blank line (nothing but a CR) is not one.
        if (!empty) record++;
        state = State.Start;
        text = [];
        kept = 0;
        empty = true;
        length = 0;
        from = i + 1;
      } else {
        if (b !== CR) empty = false;
        if (++length > MAX_LINE) {
          problem = { line: record + 2, column: 1, message: "a line is longer than 2 MB" };
          break;
        }
      }
    }
    if (problem) break;
    if (kept < KEEP && from < part.length) {
      const piece = part.subarray(from, from + (KEEP - kept));
      text.push(Buffer.from(piece));
      kept += piece.length;
    }
  }
  raw.destroy();
  if (!problem && tail.length > 0) problem = { line: record + 2, column: Buffer.concat(text).toString("utf8").length + 1, message: NOT_UTF8 };
  if (!problem && state === State.Quoted) problem = place(Buffer.alloc(0), { column: 1, message: "unterminated quoted field" });
  return { sha256: problem ? "" : hash.digest("hex"), problem };
}

/** Where the line that runs through offset `i` ends in `buf`, at most at `max`. */
function lineEnd(buf: Buffer, i: number, max: number): number {
  let j = i;
  while (j < buf.length && j < max && buf[j] !== LF && buf[j] !== CR) j++;
  return j;
}

/** The offset of the first byte that breaks UTF-8 in `buf` (which `isUtf8` refused). */
function firstInvalid(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    const need = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (need === 0 || i + need > buf.length || !isUtf8(buf.subarray(i, i + need))) return i;
    i += need;
  }
  return buf.length;
}
