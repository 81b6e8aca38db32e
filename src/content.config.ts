import { defineCollection } from "astro:content";
import { glob } from "astro/loaders";
import { z } from "zod";
import { upgradeReport } from "./schema/upgrade.ts";
import { romiLoader } from "./site/loader.ts";

export const collections = {
  /** The report: one entry, computed from data/ by the engine. */
  report: defineCollection({ loader: romiLoader() }),
  /** Optional notes shown at the top of a page: content/notes/<page>.md (index.md for the overview). */
  notes: defineCollection({ loader: glob({ pattern: "*.md", base: "./content/notes" }) }),
  /** The version archive: content/versions/<label>.json, written by romi snapshot (by any romi: read through `upgradeReport`). */
  versions: defineCollection({
    loader: glob({ pattern: "*.json", base: "./content/versions" }),
    schema: z.unknown().transform((raw, ctx) => {
      const read = upgradeReport(raw);
      if ("report" in read) return read.report;
      ctx.addIssue({ code: "custom", message: read.error });
      return z.NEVER;
    }),
  }),
};
