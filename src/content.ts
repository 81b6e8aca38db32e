import { existsSync } from "node:fs";
import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { contentPath } from "./read/config.ts";
import { romiLoader } from "./site/loader.ts";

/**
 * romi's content collections: the report (computed by the engine, with the
 * version archive) and the notes. Astro has no way for an integration to
 * add collections, so a report repository's `src/content.config.ts` is one
 * line: `export { collections } from "romi/content";`.
 */

/** `romi build --config FILE`, or the integration, sets ROMI_CONFIG: the notes are read beside that file, else in content/. */
const config = process.env["ROMI_CONFIG"];
const notes = contentPath(config, "notes");

export const collections = {
  /** The report: one entry, computed from data/ by the engine, with the version archive beside the config. */
  report: defineCollection({ loader: romiLoader() }),
  /** Optional notes shown at the top of a page: notes/<page>.md beside the config (index.md for the overview); none without the folder. */
  notes: defineCollection({ loader: existsSync(notes) ? glob({ pattern: "*.md", base: notes }) : { name: "romi-no-notes", load: async () => {} } }),
};
