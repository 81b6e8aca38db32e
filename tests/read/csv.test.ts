import { describe, expect, it } from "vitest";
import { CsvParser, CsvSyntaxError, sniffDelimiter } from "../../src/read/csv.ts";

/** Parses `text` fed in pieces of `size` characters; returns [line, fields] per record. */
function parse(text: string, size = text.length, delimiter = ","): [number, string[]][] {
  const out: [number, string[]][] = [];
  const parser = new CsvParser(delimiter, (fields, line) => out.push([line, fields]));
  for (let i = 0; i < text.length; i += Math.max(1, size)) parser.push(text.slice(i, i + Math.max(1, size)));
  parser.end();
  return out;
}

const SAMPLE = 'a,b,c\r\n1,"x, y",3\r\n\r\n4,"he said ""hi""",6\n7,"two\nlines",9\n10,,\n"last",no,newline';
const EXPECTED: [number, string[]][] = [
  [1, ["a", "b", "c"]],
  [2, ["1", "x, y", "3"]],
  [4, ["4", 'he said "hi"', "6"]],
  [5, ["7", "two\nlines", "9"]],
  [7, ["10", "", ""]],
  [8, ["last", "no", "newline"]],
];

describe("CsvParser", () => {
  it("push() reads quoted fields, doubled quotes, embedded line breaks, CRLF and a missing final newline", () => {
    expect(parse(SAMPLE)).toEqual(EXPECTED);
  });

  it("push() gives the same records whatever the chunk size", () => {
    for (const size of [1, 2, 3, 5, 7, 11, 64]) expect(parse(SAMPLE, size)).toEqual(EXPECTED);
  });

  it("push() skips blank lines but counts them in line numbers", () => {
    expect(parse("h\n\n\nx\n")).toEqual([
      [1, ["h"]],
      [4, ["x"]],
    ]);
  });

  it("push() keeps a quote inside an unquoted field as text", () => {
    expect(parse('h,i\n5" screen,x\n')[1]).toEqual([2, ['5" screen', "x"]]);
  });

  it("end() throws with the line and column of an unterminated quote", () => {
    try {
      parse('a,b\n1,2\n3,"open\nstill open\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CsvSyntaxError);
      expect([(e as CsvSyntaxError).line, (e as CsvSyntaxError).column]).toEqual([3, 3]);
    }
  });

  it("push() throws on text after a closing quote, naming line and column", () => {
    expect(() => parse('a,b\n"x"y,2\n')).toThrow(expect.objectContaining({ line: 2, column: 4 }));
  });

  it("reads semicolon-separated files", () => {
    expect(parse("mcc_code;mcc_description\n742;Vets, clinics\n", 4, ";")[1]).toEqual([2, ["742", "Vets, clinics"]]);
  });
});

describe("sniffDelimiter(header)", () => {
  it("picks the most frequent of comma, semicolon and tab", () => {
    expect(sniffDelimiter("a,b,c")).toBe(",");
    expect(sniffDelimiter("mcc_code;mcc_description")).toBe(";");
    expect(sniffDelimiter("a\tb\tc")).toBe("\t");
    expect(sniffDelimiter("single")).toBe(",");
  });
});
