/**
 * `npm run docs`: writes the docs generated from the code. Each line of
 * `DOCS` is a file and the pure function that gives its text; tests fail
 * when a committed file is not that text.
 */
import { writeFileSync } from "node:fs";
import { metricsDoc } from "../src/docs/metrics.ts";

const DOCS: readonly (readonly [path: string, text: () => string])[] = [["docs/metrics.md", metricsDoc]];

const root = new URL("../", import.meta.url);
for (const [path, text] of DOCS) {
  writeFileSync(new URL(path, root), text());
  console.log(`wrote ${path}`);
}
