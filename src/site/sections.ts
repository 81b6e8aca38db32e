/**
 * The report's sections as pages: one entry per section of `SECTION_LIST`
 * (`src/schema/sections.ts`, which gives the order and the titles), in its
 * order, which tsc checks. The navigation, the pages' paths and the site
 * model's types are derived from it. A section's `build` gives its page's
 * model, or null when the report has no data for it (the page is then left
 * out); its `component` lays that model out. Adding a page is its builder,
 * its component, its slug and title in `SECTION_LIST` and one entry here.
 */
import type { AstroComponentFactory } from "astro/runtime/server/index.js";
import { SECTION_LIST, sectionTitle, type SectionSlug } from "../schema/sections.ts";
import { basketPage } from "./basket.ts";
import { budgetPage } from "./budget.ts";
import { campaignsPage } from "./campaigns.ts";
import { clvPage } from "./clv.ts";
import type { SiteContext } from "./context.ts";
import { customersPage, hypothesesPage, segmentsPage } from "./customers.ts";
import { dataPage } from "./data.ts";
import { experimentsPage } from "./experiments.ts";
import { forecastPage } from "./forecast.ts";
import { channelsPage, marketingPage, productPage, salesPage } from "./funnel.ts";
import { overviewPage } from "./overview.ts";
import { recommendationsPage } from "./recommendations.ts";

/** An Astro component module, loaded when its page is rendered. */
export type ComponentModule = { readonly default: AstroComponentFactory };

/** A section's builder: its page's model, or null when the report has no data for it. */
type Build = (site: SiteContext) => unknown;

export interface Section<S extends SectionSlug, B extends Build> {
  /** The page's path under the site's base ("" for the overview). */
  readonly slug: S;
  /** From `SECTION_LIST`. */
  readonly title: string;
  readonly build: B;
  /** The component that lays the model out (its prop `model`); null for a section whose pages have routes of their own (versions). */
  readonly component: (() => Promise<ComponentModule>) | null;
}

export const defineSection = <S extends SectionSlug, B extends Build>(section: Omit<Section<S, B>, "title">): Section<S, B> => ({
  ...section,
  title: sectionTitle(section.slug),
});

/** One section per entry of `L`, with its slug, in its order. */
type SectionsFor<L extends readonly { readonly slug: SectionSlug }[]> = { readonly [K in keyof L]: Section<L[K]["slug"], Build> };

export const SECTIONS = [
  defineSection({ slug: "", build: overviewPage, component: () => import("../components/sections/Overview.astro") }),
  defineSection({ slug: "product", build: productPage, component: () => import("../components/sections/Charts.astro") }),
  defineSection({ slug: "sales", build: salesPage, component: () => import("../components/sections/Charts.astro") }),
  defineSection({ slug: "marketing", build: marketingPage, component: () => import("../components/sections/Charts.astro") }),
  defineSection({ slug: "channels", build: channelsPage, component: () => import("../components/sections/Channels.astro") }),
  defineSection({ slug: "customers", build: customersPage, component: () => import("../components/sections/Customers.astro") }),
  defineSection({ slug: "segments", build: segmentsPage, component: () => import("../components/sections/Segments.astro") }),
  defineSection({ slug: "hypotheses", build: hypothesesPage, component: () => import("../components/sections/Hypotheses.astro") }),
  defineSection({
    slug: "clv",
    build: clvPage,
    component: () => import("../components/sections/Clv.astro"),
  }),
  defineSection({
    slug: "basket",
    build: basketPage,
    component: () => import("../components/sections/Basket.astro"),
  }),
  defineSection({
    slug: "forecast",
    build: forecastPage,
    component: () => import("../components/sections/Forecast.astro"),
  }),
  defineSection({
    slug: "campaigns",
    build: campaignsPage,
    component: () => import("../components/sections/Campaigns.astro"),
  }),
  defineSection({
    slug: "experiments",
    build: experimentsPage,
    component: () => import("../components/sections/Experiments.astro"),
  }),
  defineSection({
    slug: "budget",
    build: budgetPage,
    component: () => import("../components/sections/Budget.astro"),
  }),
  defineSection({
    slug: "recommendations",
    build: recommendationsPage,
    component: () => import("../components/sections/Recommendations.astro"),
  }),
  defineSection({ slug: "versions", build: (c) => (c.archive.list.length ? c.archive.list : null), component: null }),
  defineSection({ slug: "data", build: dataPage, component: () => import("../components/sections/Data.astro") }),
] as const satisfies SectionsFor<typeof SECTION_LIST>;

type AnySection = (typeof SECTIONS)[number];
export type { SectionSlug };
/** Each section's page model by slug (null: the report has no such page). */
export type SectionModels = { readonly [S in AnySection as S["slug"]]: ReturnType<S["build"]> };
/** The model of one section's page, when it has one. */
export type SectionModel<S extends SectionSlug> = NonNullable<SectionModels[S]>;

/** The section of a slug; throws on one no section has (a route built from a stale list). */
export function sectionOf(slug: string): AnySection {
  const section = SECTIONS.find((s) => s.slug === slug);
  if (!section) throw new Error(`romi: no section has the slug "${slug}"`);
  return section;
}
