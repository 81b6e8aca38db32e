/**
 * A team's report repository, as `romi init` writes it: every file's path
 * and text. Pure; `src/cli/init.ts` writes them, and adds the workflows and,
 * with `--demo`, the demo's data and content.
 */
import { configTemplate } from "../docs/config.ts";
import { ConfigSchema } from "../schema/config.ts";

export interface ScaffoldOptions {
  /** The package name of the repository (its folder's name). */
  readonly name: string;
  /** The dependency on romi: a version range, or the `file:` or tarball spec romi was installed from. */
  readonly romi: string;
  /** Whether the demo's data and content fill data/ and content/ (the CLI writes them). */
  readonly demo: boolean;
}

/** The files of a new report repository, by path. */
export function scaffold(o: ScaffoldOptions): Record<string, string> {
  const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
  return {
    "package.json": json({
      name: o.name,
      private: true,
      type: "module",
      scripts: {
        build: "romi build",
        dev: "astro dev",
        check: "romi validate --data data",
        test: "romi validate --data data && romi build --out dist",
        romi: "romi",
      },
      dependencies: { romi: o.romi },
      // npm runs these packages' install scripts: Node 22 for romi, and Astro's bundler.
      allowScripts: { node: true, esbuild: true },
    }),
    "astro.config.mjs": [
      "// The report site: romi's pages, and yours in src/pages (see README.md).",
      'import { defineConfig } from "astro/config";',
      'import romi from "romi";',
      "",
      "export default defineConfig({ integrations: [romi()] });",
      "",
    ].join("\n"),
    "tsconfig.json": json({ extends: "astro/tsconfigs/strict", include: [".astro/types.d.ts", "**/*"], exclude: ["dist"] }),
    ".gitignore": ["node_modules/", "dist/", ".astro/", ""].join("\n"),
    "src/content.config.ts": [
      "// The report's content: romi computes it from data/ and content/. Astro lets no integration add",
      "// collections, so this one line is needed.",
      'export { collections } from "romi/content";',
      "",
    ].join("\n"),
    "src/pages/about.astro": [
      "---",
      "// A page of your own, in the report's layout and navigation. Each file in src/pages (.astro or .mdx) is a page:",
      '// about.astro is /about/, listed as "About". A file named like one of romi\'s pages (sales.astro)',
      "// fails the build.",
      "// The report's numbers, checked at build time against romi's metrics (docs/metrics.md):",
      '//   import Fact from "romi/components/Fact.astro";        <Fact id="cac" dims={{ source: "3" }} />',
      '//   import Kpi from "romi/components/Kpi.astro";          <Kpi id="revenue" hint="in the period" />',
      '//   import Chart from "romi/components/Chart.astro";      <Chart id="ltv-by-cohort" />',
      '//   import Recommendations from "romi/components/Recommendations.astro";  <Recommendations subject="channel" />',
      'import Page from "romi/components/Page.astro";',
      "---",
      "",
      '<Page title="About">',
      "  <p>Who reads this report, where its data comes from, and whom to ask about it.</p>",
      "</Page>",
      "",
    ].join("\n"),
    "public/.gitkeep": "",
    "content/notes/.gitkeep": "",
    ...(o.demo ? {} : { "content/report.yaml": configTemplate(ConfigSchema), "data/README.md": DATA_README }),
    "README.md": readme(o),
  };
}

const DATA_README = `# Data

Put your exports here: CSV, TSV or TXT (gzipped or not) and Parquet. romi
recognises each file's kind from its header, and reads every file in this
folder:

- sessions (visits): a user id, a start and an end time, and a source;
- orders or order lines: a user id, a time and the revenue (or a quantity and a price);
- costs: a day, a source and the spend;
- customers, card transactions with MCC codes, campaign results and A/B test logs.

\`npm run check\` lists what was read from each file, and every row that was
rejected, with its reason and its file and line.
`;

function readme(o: ScaffoldOptions): string {
  return `# ${o.name}

A marketing report built with romi: it
computes every metric from the exports in \`data/\` and publishes a static site.

\`\`\`sh
npm install
npm run check   # what romi reads from data/, and every row it rejects
npm run build   # the site, in dist/
npm run dev     # the site while you write pages
\`\`\`

- \`data/\`: your exports${o.demo ? " (here, romi's demo data)" : ""}.
- \`content/report.yaml\`: the report's settings${o.demo ? "" : ", every key commented out with its default"}; \`content/notes/<page>.md\`:
  a note at the top of a page (\`index.md\` for the overview); \`content/annotations.yaml\`: dated markers on the charts.
- \`src/pages/\`: pages of your own, which join the navigation.
- \`.github/workflows/\`: publish to GitHub Pages on every push to main, and comment
  on every pull request with the metrics that moved.
`;
}
