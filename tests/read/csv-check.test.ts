/**
 * checkCsv(path, delimiter) reads a file in chunks of 1 MiB: these cases put
 * a character, a quoted line break and a bad byte across that seam. The
 * expected places come from how each file is built.
 */
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { checkCsv } from "../../src/read/csv-check.ts";
import { dataDir } from "../helpers.ts";

const CHUNK = 1 << 20;
const HEADER = "a,b\n";

/** The header, then records of exactly 100 bytes ("1," + 97 × "y" + "\n"). */
function records(count: number): Buffer {
  return Buffer.concat([Buffer.from(HEADER), Buffer.from(`1,${"y".repeat(97)}\n`.repeat(count))]);
}

function write(name: string, bytes: Buffer): string {
  const path = join(dataDir({}), name);
  writeFileSync(path, bytes);
  return path;
}

describe("checkCsv(path, delimiter)", () => {
  it("takes a character split across the chunk seam as one, and checksums the bytes as stored, gzipped or not", async () => {
    const bytes = records(30_000);
    // "é" is C3 A9 and "€" E2 82 AC: each starts one byte before a seam and ends after it.
    Buffer.from("é").copy(bytes, CHUNK - 1);
    Buffer.from("€").copy(bytes, 2 * CHUNK - 1);
    for (const [name, stored] of [
      ["plain.csv", bytes],
      ["packed.csv.gz", gzipSync(bytes)],
    ] as const) {
      const got = await checkCsv(write(name, stored), ",");
      expect(got.problem, name).toBeNull();
      expect(got.sha256, name).toBe(createHash("sha256").update(stored).digest("hex"));
    }
  });

  it("counts a record whose quoted field holds a line break across the seam once, and places a bad byte after it", async () => {
    const bytes = records(30_000);
    // Record i (0-based) starts at byte 4 + 100 i. The record holding the seam gets a quoted field with a line break in it.
    const seamRecord = Math.floor((CHUNK - 4) / 100);
    const start = 4 + 100 * seamRecord;
    Buffer.from(`1,"${"y".repeat(CHUNK - start - 4)}\n${"y".repeat(start + 100 - CHUNK - 2)}"\n`).copy(bytes, start);
    expect(bytes[start + 99]).toBe(0x0a);
    // A byte that is never UTF-8, 10 bytes into the record 500 records later.
    const bad = start + 500 * 100 + 10;
    bytes[bad] = 0xff;
    const got = await checkCsv(write("seam.csv", bytes), ",");
    // Lines count records: record r is on line r + 2, and the break inside the quotes is no new record.
    expect(got.problem).toEqual({ line: seamRecord + 500 + 2, column: 11, message: 'is not valid UTF-8 text (save it as "CSV UTF-8")' });
  });

  it("finds an unterminated quote that opens after the seam, at its record and column", async () => {
    const bytes = Buffer.concat([records(20_000), Buffer.from('2,"open\n3,x\n')]);
    const got = await checkCsv(write("open.csv", bytes), ",");
    expect(got.problem).toEqual({ line: 20_000 + 2, column: 3, message: "unterminated quoted field" });
  });
});
