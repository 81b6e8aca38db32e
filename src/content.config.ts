import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { ReportSchema } from "./schema/report.ts";
import { romiLoader } from "./site/loader.ts";

export const collections = {
  /** The report: one entry, computed from data/ by the engine. */
  report: defineCollection({ loader: romiLoader() }),
  /** Optional notes shown at the top of a page: content/notes/<page>.md (index.md for the overview). */
  notes: defineCollection({ loader: glob({ pattern: "*.md", base: "./content/notes" }) }),
  /** The version archive: content/versions/<label>.json, written by romi snapshot. */
  versions: defineCollection({ loader: glob({ pattern: "*.json", base: "./content/versions" }), schema: ReportSchema }),
};
