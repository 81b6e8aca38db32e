/**
 * The report's sections, in navigation order: each one's path under the
 * site's base ("" for the overview) and its title. This is the one list: the
 * site defines one page per entry, in this order (`src/site/sections.ts`,
 * checked by tsc), a metric's catalogue entry names the section it belongs
 * to, and the PR diff and docs/metrics.md group metrics in this order.
 */
export const SECTION_LIST = [
  { slug: "", title: "Overview" },
  { slug: "product", title: "Product" },
  { slug: "sales", title: "Sales" },
  { slug: "marketing", title: "Marketing" },
  { slug: "channels", title: "Channels" },
  { slug: "customers", title: "Customers" },
  { slug: "segments", title: "Segments" },
  { slug: "hypotheses", title: "Hypotheses" },
  { slug: "clv", title: "CLV" },
  { slug: "basket", title: "Basket" },
  { slug: "forecast", title: "Forecast" },
  { slug: "campaigns", title: "Campaigns" },
  { slug: "experiments", title: "Experiments" },
  { slug: "budget", title: "Budget" },
  { slug: "recommendations", title: "Recommendations" },
  { slug: "versions", title: "Versions" },
  { slug: "data", title: "Data" },
] as const;

export type SectionSlug = (typeof SECTION_LIST)[number]["slug"];

/** @example sectionTitle("clv"); // => "CLV" */
export const sectionTitle = (slug: SectionSlug): string => SECTION_LIST.find((s) => s.slug === slug)!.title;
