/**
 * `npm run docs`: writes the reference pages that are generated from the
 * code. Each page is a pure generator's text (`src/docs/`), and a test fails
 * while the committed page differs from it.
 */
import { writeFileSync } from "node:fs";
import { configReference } from "../src/docs/config.ts";
import { metricsDoc } from "../src/docs/metrics.ts";
import { ConfigSchema } from "../src/schema/config.ts";

/** Each generated page by its path from the repository root. */
const PAGES: Readonly<Record<string, () => string>> = {
  "docs/config.md": () => configReference(ConfigSchema),
  "docs/metrics.md": metricsDoc,
};

const root = new URL("../", import.meta.url);
for (const [path, text] of Object.entries(PAGES)) {
  writeFileSync(new URL(path, root), text());
  console.log(`wrote ${path}`);
}
