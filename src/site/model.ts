/**
 * The site as data: every page's tiles, charts (rendered to SVG), tables
 * and texts, built once from the report, one section at a time
 * (`SECTIONS`). Pages only lay this out; nothing is computed in
 * components. A section whose data is absent is null and left out of the
 * navigation.
 */
import type { Report } from "../schema/report.ts";
import { siteContext } from "./context.ts";
import { embeds, type Embeds } from "./embed.ts";
import { MISSING } from "../words/format.ts";
import { SECTIONS, type SectionModels } from "./sections.ts";

/** A page in the navigation: one of romi's sections, or one of the team's own pages (its path without the leading /). */
export interface NavItem {
  readonly slug: string;
  readonly title: string;
}

export interface SiteModel {
  readonly title: string;
  readonly period: string;
  readonly version: string;
  readonly generator: string;
  /** The sections that have a page, in order. */
  readonly nav: readonly NavItem[];
  readonly sections: SectionModels;
  /** Every CSV download, by id: chart data and tables. */
  readonly downloads: ReadonlyMap<string, string>;
  /** The report's facts, charts and recommendations for the team's own pages (romi's components). */
  readonly embeds: Embeds;
}

/** `pages`: the team's own pages, listed in the navigation after romi's. */
export function buildSite(report: Report, snapshots: readonly Report[] = [], pages: readonly NavItem[] = []): SiteModel {
  const site = siteContext(report, snapshots);
  const sections = Object.fromEntries(SECTIONS.map((s) => [s.slug, s.build(site)])) as unknown as SectionModels;
  const p = report.period;
  return {
    title: report.title,
    period: p ? `${p.from} – ${p.to}` : MISSING,
    version: report.version.id,
    generator: report.generator,
    nav: [...SECTIONS.filter((s) => sections[s.slug] !== null).map((s) => ({ slug: s.slug, title: s.title })), ...pages],
    sections,
    downloads: site.downloads,
    embeds: embeds(report, site.drawn, site.recommendations),
  };
}
