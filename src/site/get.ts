/**
 * The site model for pages: built once per build from the report entry.
 */
import { existsSync } from "node:fs";
import { getCollection, getEntry, render, type CollectionEntry } from "astro:content";
import { contentPath } from "../read/config.ts";
import { buildSite, type NavItem, type SiteModel } from "./model.ts";

let site: Promise<{ model: SiteModel; json: string }> | undefined;

export function getSite(): Promise<{ model: SiteModel; json: string }> {
  site ??= (async () => {
    const entry = await getEntry("report", "report");
    if (!entry) {
      throw new Error(
        'romi: the report entry is missing: the project needs src/content.config.ts with `export { collections } from "romi/content";` (romi init writes it)',
      );
    }
    return { model: buildSite(entry.data.report, entry.data.versions, teamPages()), json: entry.data.json };
  })();
  return site;
}

/** The team's own pages (src/pages), for the navigation: the integration lists them in ROMI_PAGES. */
function teamPages(): NavItem[] {
  const listed = process.env["ROMI_PAGES"];
  return listed ? (JSON.parse(listed) as NavItem[]) : [];
}

let notes: Promise<CollectionEntry<"notes">[]> | undefined;

/**
 * The rendered note for a page, if notes/<slug>.md exists beside the config.
 * Looked up in the collection, read once, not with `getEntry`, which logs a
 * warning for every page without a note; without a notes folder the
 * collection is not read at all (Astro warns about an empty one).
 */
export async function getNote(slug: string) {
  if (!existsSync(contentPath(process.env["ROMI_CONFIG"], "notes"))) return null;
  notes ??= getCollection("notes");
  const id = slug || "index";
  const entry = (await notes).find((n) => n.id === id);
  return entry ? (await render(entry)).Content : null;
}

/** An href inside the site, under the configured base path. */
export function href(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/?$/, "/");
  return `${base}${path.replace(/^\//, "")}`;
}
