/**
 * romi as an Astro integration: a team's `astro.config.mjs` lists `romi()`,
 * and romi injects its report's pages beside the team's own (`src/pages`,
 * `.astro` or `.mdx`: romi adds MDX), which join the navigation. The options are where the report's data and
 * config live; `romi build` passes its flags through the environment
 * (ROMI_DATA, ROMI_CONFIG, ROMI_BASE), which win over them. The content
 * loader and the pages read the same environment: they run in Vite, the
 * integration in Node, and share no module state.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import mdx from "@astrojs/mdx";
import type { AstroIntegration } from "astro";
import { DEFAULT_CONFIG } from "./read/config.ts";
import { SECTION_LIST } from "./schema/sections.ts";

export interface RomiOptions {
  /** The folder of data files, from the project root (default: data). */
  readonly data?: string;
  /** The report's settings, from the project root (default: content/report.yaml, when it exists); notes, snapshots and annotations sit beside it. */
  readonly config?: string;
  /** The URL path the site is served under (default: /); `romi build --base` wins. */
  readonly base?: string;
  /** The folder `data` and `config` are read from (default: Astro's root): `romi build` in a folder of data alone builds romi's own project for it. */
  readonly root?: string;
}

/** romi's routes, by their pattern, and their files under src/routes. */
const ROUTES: readonly (readonly [pattern: string, file: string])[] = [
  ["/", "index.astro"],
  ["/[section]", "[section].astro"],
  ["/versions/[...slug]", "versions/[...slug].astro"],
  ["/metrics.json", "metrics.json.ts"],
  ["/data/[id].csv", "data/[id].csv.ts"],
];

/** The paths romi's routes take: a team's page there would replace one of romi's. */
const TAKEN = new Set(["/", ...SECTION_LIST.map((s) => `/${s.slug}`), "/metrics.json"]);

/** A page's title from its path: "/team-notes" → "Team notes". */
export const pageTitle = (path: string): string => {
  const words = path.replace(/^\//, "").split("/").pop()!.replace(/[-_]+/g, " ").trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : "Home";
};

export default function romi(options: RomiOptions = {}): AstroIntegration {
  return {
    name: "romi",
    hooks: {
      "astro:config:setup"({ config, injectRoute, updateConfig }) {
        const root = options.root ?? fileURLToPath(config.root);
        process.env["ROMI_DATA"] ??= resolve(root, options.data ?? "data");
        const settings = resolve(root, options.config ?? DEFAULT_CONFIG);
        if (process.env["ROMI_CONFIG"] === undefined && (options.config !== undefined || existsSync(settings))) process.env["ROMI_CONFIG"] = settings;
        // From this file: src/integration.ts in a checkout, lib/integration.js when installed; the routes are src/routes in both.
        for (const [pattern, file] of ROUTES) injectRoute({ pattern, entrypoint: new URL(`../src/routes/${file}`, import.meta.url) });
        updateConfig({
          // A team's pages may be .mdx as well as .astro: MDX comes with romi, unless the project lists it itself.
          ...(config.integrations.some((i) => i.name === "@astrojs/mdx") ? {} : { integrations: [mdx()] }),
          base: process.env["ROMI_BASE"] ?? options.base ?? config.base,
          build: { format: "directory", inlineStylesheets: "always" },
          trailingSlash: "ignore",
          devToolbar: { enabled: false },
        });
      },
      "astro:routes:resolved"({ routes }) {
        const pages = routes.filter((r) => r.origin === "project" && r.type === "page" && r.params.length === 0);
        for (const page of pages) {
          if (TAKEN.has(page.pattern)) {
            throw new Error(
              `romi: ${page.entrypoint} takes ${page.pattern}, the path of romi's ${SECTION_LIST.find((s) => `/${s.slug}` === page.pattern)?.title ?? pageTitle(page.pattern)} page: rename the file (every romi page: ${[...TAKEN].join(", ")})`,
            );
          }
        }
        // The team's pages, for the navigation (read by src/site/get.ts).
        process.env["ROMI_PAGES"] = JSON.stringify(pages.map((p) => ({ slug: p.pattern.replace(/^\//, ""), title: pageTitle(p.pattern) })));
      },
    },
  };
}
