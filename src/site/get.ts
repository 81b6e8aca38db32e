/**
 * The site model for pages: built once per build from the report entry.
 */
import { getCollection, getEntry, render } from "astro:content";
import { buildSite, type SiteModel } from "./model.ts";

let site: Promise<{ model: SiteModel; json: string }> | undefined;

export function getSite(): Promise<{ model: SiteModel; json: string }> {
  site ??= Promise.all([getEntry("report", "report"), getCollection("versions")]).then(([entry, versions]) => {
    if (!entry) throw new Error("romi: the report entry is missing; did the content loader run?");
    return {
      model: buildSite(
        entry.data.report,
        versions.map((v) => v.data),
      ),
      json: entry.data.json,
    };
  });
  return site;
}

/** The rendered note for a page, if content/notes/<slug>.md exists. */
export async function getNote(slug: string) {
  const entry = await getEntry("notes", slug || "index");
  return entry ? (await render(entry)).Content : null;
}

/** An href inside the site, under the configured base path. */
export function href(path: string): string {
  const base = import.meta.env.BASE_URL.replace(/\/?$/, "/");
  return `${base}${path.replace(/^\//, "")}`;
}
