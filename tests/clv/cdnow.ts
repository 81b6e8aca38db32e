/**
 * The CDNOW data of Fader, Hardie & Lee (2005) in ../shared/data/cdnow (see
 * its SOURCE.md), read by path; tests that use it skip when it is absent.
 */
import { existsSync, readFileSync } from "node:fs";

export const CDNOW = new URL("../../../shared/data/cdnow/", import.meta.url).pathname;
export const cdnowPresent = existsSync(`${CDNOW}cdnow_customers_summary.csv`);
if (!cdnowPresent) console.warn(`skipping the CDNOW tests: ${CDNOW} is absent`);

/** The rows of a CSV file of the folder (no quoted fields there; CRLF or LF), header first; none when the folder is absent. */
export function cdnowRows(file: string): string[][] {
  if (!cdnowPresent) return [[]];
  return readFileSync(`${CDNOW}${file}`, "utf8")
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(","));
}

/** A numeric column of a CDNOW CSV by header name (empty when the folder is absent). */
export function cdnowColumn(file: string, name: string): number[] {
  if (!cdnowPresent) return [];
  const [header, ...rows] = cdnowRows(file);
  const k = header!.indexOf(name);
  if (k < 0) throw new Error(`no column ${name} in ${file}`);
  return rows.map((r) => Number(r[k]));
}
