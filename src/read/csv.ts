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
const LF = 10;

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

  /** Returns the offset of the first character not consumed. */
  private consume(text: string, final: boolean): number {
    let pos = 0;
    let nextQuote = text.indexOf('"');
    while (pos < text.length) {
      let nl = text.indexOf("\n", pos);
      if (nl < 0) {
        if (!final) break;
        nl = text.length;
      }
      if (nextQuote >= 0 && nextQuote < pos) nextQuote = text.indexOf('"', pos);
      if (nextQuote < 0 || nextQuote > nl) {
        let end = nl;
        if (end > pos && text.charCodeAt(end - 1) === CR) end--;
        this.line++;
        if (end > pos) this.onRecord(text.slice(pos, end).split(this.delimiter), this.line);
        pos = nl + 1;
        continue;
      }
      const next = this.quoted(text, pos, final);
      if (next < 0) break;
      pos = next;
    }
    return Math.min(pos, text.length);
  }

  /**
   * Character-level parse of one record starting at `start` that contains a
   * quote. Returns the offset after the record, or -1 when the text ends
   * inside it and more may come.
   */
  private quoted(text: string, start: number, final: boolean): number {
    const fields: string[] = [];
    const firstLine = this.line + 1;
    let line = firstLine;
    let lineStart = start;
    let i = start;
    let field = "";
    for (;;) {
      // At the start of a field.
      if (i < text.length && text.charCodeAt(i) === QUOTE) {
        const openLine = line;
        const openColumn = i - lineStart + 1;
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) {
            if (!final) return -1;
            throw new CsvSyntaxError("unterminated quoted field", openLine, openColumn);
          }
          const piece = text.slice(i, q);
          for (let k = piece.indexOf("\n"); k >= 0; k = piece.indexOf("\n", k + 1)) {
            line++;
            lineStart = i + k + 1;
          }
          field += piece;
          if (q + 1 < text.length && text.charCodeAt(q + 1) === QUOTE) {
            field += '"';
            i = q + 2;
            continue;
          }
          if (q + 1 >= text.length && !final) return -1;
          i = q + 1;
          break;
        }
        const c = i < text.length ? text.charCodeAt(i) : LF;
        const atEnd = c === LF || (c === CR && (i + 1 >= text.length || text.charCodeAt(i + 1) === LF));
        if (c !== this.delimiterCode && !atEnd) {
          throw new CsvSyntaxError(`unexpected text after closing quote: ${JSON.stringify(text.slice(i, i + 10))}`, line, i - lineStart + 1);
        }
      } else {
        // Unquoted field: up to the next delimiter or line break.
        let j = i;
        while (j < text.length) {
          const c = text.charCodeAt(j);
          if (c === this.delimiterCode || c === LF) break;
          j++;
        }
        if (j >= text.length && !final) return -1;
        let end = j;
        if ((j >= text.length || text.charCodeAt(j) === LF) && end > i && text.charCodeAt(end - 1) === CR) end--;
        field += text.slice(i, end);
        i = j;
      }
      fields.push(field);
      field = "";
      if (i < text.length && text.charCodeAt(i) === this.delimiterCode) {
        i++;
        continue;
      }
      // Line break or end of text.
      if (i < text.length && text.charCodeAt(i) === CR) i++;
      if (i >= text.length && !final) return -1;
      this.line = line;
      this.onRecord(fields, firstLine);
      return i + 1;
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
