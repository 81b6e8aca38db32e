/**
 * Incremental RFC 4180 CSV parser: feed it text in chunks of any size, and it
 * calls back once per record with the record's fields and its first line
 * number (1-based, the header is line 1).
 *
 * - Lines end in LF or CRLF; a CR before LF is dropped.
 * - Quoted fields may hold delimiters, doubled quotes and line breaks.
 * - Blank lines are skipped: they are not records.
 * - A quote inside an unquoted field is kept as text, like most exporters
 *   expect; text after a closing quote, or a quote that never closes, is a
 *   malformed file and throws `CsvSyntaxError` with line and column.
 *
 * Lines without a quote take a fast path (`split`), which keeps multi-GB
 * files within seconds; the parser holds at most one unfinished record.
 */

export class CsvSyntaxError extends Error {
  readonly line: number;
  readonly column: number;
  constructor(message: string, line: number, column: number) {
    super(message);
    this.name = "CsvSyntaxError";
    this.line = line;
    this.column = column;
  }
}

export type RecordCallback = (fields: string[], line: number) => void;

const QUOTE = 34;
const CR = 13;

export class CsvParser {
  private readonly delimiter: string;
  private readonly delimiterCode: number;
  private readonly onRecord: RecordCallback;
  private carry = "";
  /** Lines consumed before `carry`. */
  private line = 0;

  constructor(delimiter: string, onRecord: RecordCallback) {
    if (delimiter.length !== 1 || delimiter === '"') throw new Error(`invalid delimiter: ${delimiter}`);
    this.delimiter = delimiter;
    this.delimiterCode = delimiter.charCodeAt(0);
    this.onRecord = onRecord;
  }

  /** Parse as many whole records as `chunk` completes. */
  push(chunk: string): void {
    const text = this.carry.length > 0 ? this.carry + chunk : chunk;
    this.carry = text.slice(this.consume(text, false));
  }

  /** Parse whatever is left; the last record may lack a line break. */
  end(): void {
    const text = this.carry;
    this.carry = "";
    this.consume(text, true);
  }

  /**
   * Returns the offset of the first character not consumed. Lines are split
   * once per chunk and the fast path works on each line's own string:
   * positional `indexOf` on a large chunk was seen to rescan it in V8's
   * generic (deoptimised) path, which made parsing quadratic in chunk size.
   */
  private consume(text: string, final: boolean): number {
    const lines = text.split("\n");
    // Without `final`, the last piece has no line break yet: keep it for later.
    const complete = final ? lines.length : lines.length - 1;
    let pos = 0;
    for (let k = 0; k < complete;) {
      let line = lines[k]!;
      if (line.indexOf('"') < 0) {
        if (line.length > 0 && line.charCodeAt(line.length - 1) === CR) line = line.slice(0, -1);
        this.line++;
        if (line.length > 0) this.onRecord(line.split(this.delimiter), this.line);
        pos += lines[k]!.length + 1;
        k++;
        continue;
      }
      // A quoted record: join lines while a quoted field is still open.
      let record = line;
      let j = k + 1;
      let fields = this.record(record, j >= complete && final);
      while (fields === null && j < complete) {
        record += `\n${lines[j]!}`;
        j++;
        fields = this.record(record, j >= complete && final);
      }
      if (fields === null) return pos;
      const first = this.line + 1;
      this.line += j - k;
      this.onRecord(fields, first);
      for (; k < j; k++) pos += lines[k]!.length + 1;
    }
    return Math.min(pos, text.length);
  }

  /**
   * Character-level parse of one record's text (its lines joined by LF, a CR
   * before each LF included). Returns null when a quoted field is still open
   * at the end and `last` is false: the record goes on in the next line.
   */
  private record(text: string, last: boolean): string[] | null {
    const fields: string[] = [];
    const d = this.delimiterCode;
    // Line and column of an offset in `text`, for errors.
    const where = (i: number): [number, number] => {
      const before = text.slice(0, i);
      const lineStart = before.lastIndexOf("\n") + 1;
      return [this.line + 1 + before.split("\n").length - 1, i - lineStart + 1];
    };
    let i = 0;
    for (;;) {
      if (text.charCodeAt(i) === QUOTE) {
        const open = i;
        let field = "";
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            if (!last) return null;
            const [line, column] = where(open);
            throw new CsvSyntaxError("unterminated quoted field", line, column);
          }
          field += text.slice(i, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            field += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        fields.push(field);
        const c = text.charCodeAt(i);
        const atEnd = i >= text.length || (c === CR && i + 1 >= text.length);
        if (!atEnd && c !== d) {
          const [line, column] = where(i);
          throw new CsvSyntaxError(`unexpected text after closing quote: ${JSON.stringify(text.slice(i, i + 10))}`, line, column);
        }
      } else {
        let j = i;
        while (j < text.length && text.charCodeAt(j) !== d) j++;
        let end = j;
        if (j >= text.length && end > i && text.charCodeAt(end - 1) === CR) end--;
        fields.push(text.slice(i, end));
        i = j;
      }
      if (i < text.length && text.charCodeAt(i) === d) {
        i++;
        continue;
      }
      return fields;
    }
  }
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
