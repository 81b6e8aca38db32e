/**
 * The built site in a real browser (Debian's Chromium, driven by
 * playwright-core), served on loopback under a base path as GitHub Pages
 * serves a project site. Two builds:
 * - the committed demo data, as users see it;
 * - the same data with hostile labels: sources named `<script>…` and
 *   `"><img onerror=…>`, and 120 extra sources with very long names.
 * Every page is opened at desktop and phone width, light and dark, and a
 * screenshot of each is saved under test-results/screenshots/. When
 * ../shared/data is present, a third build from the real campaigns and A/B
 * files (two campaigns datasets, one undated; lifts refused) checks and
 * screenshots the Campaigns and Experiments pages.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve } from "./serve.ts";

const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const ROOT = new URL("../../", import.meta.url).pathname;
export const SCREENSHOTS = join(ROOT, "test-results", "screenshots");
const BASE = "/romi-test/";
const XSS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>'];
const present = existsSync(CHROMIUM);
const SHARED = join(ROOT, "..", "shared", "data");
const REAL = [
  join(SHARED, "campaigns", "marketing_campaign_dataset.csv"),
  join(SHARED, "campaigns", "KAG_conversion_data.csv"),
  join(SHARED, "ab-test", "ab_data.csv"),
];
const real = REAL.every((f) => existsSync(f));
if (present && !real) console.warn(`skipping the real-data campaign pages: ${SHARED} is absent`);
/** The demo's pages: the 13 funnel, customer and forecast pages, Budget, Campaigns and Experiments. */
const DEMO_PAGES = 16;
if (!present) console.warn(`skipping browser tests: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

const csvField = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The demo data with hostile and very many, very long source labels. */
function hostileData(): string {
  const dir = mkdtempSync(join(tmpdir(), "romi-hostile-"));
  const long = (k: number): string => `partner-${k}-with-an-exceptionally-long-source-name-that-never-ends-lorem-ipsum-dolor-sit-amet`;
  const relabel = (label: string, k: number): string =>
    label === "social" ? XSS[0]! : label === "display" ? XSS[1]! : label === "referral" || label === "video" ? long(k % 120) : label;
  const rewrite = (file: string, column: number): void => {
    const [header, ...rows] = readFileSync(join(ROOT, "data", file), "utf8")
      .trimEnd()
      .split("\n");
    const out = rows.map((row, k) => {
      const fields = row.split(",");
      fields[column] = csvField(relabel(fields[column]!, k));
      return fields.join(",");
    });
    writeFileSync(join(dir, file), `${header}\n${out.join("\n")}\n`);
  };
  rewrite("visits.csv", 3);
  rewrite("costs.csv", 1);
  writeFileSync(join(dir, "orders.csv"), readFileSync(join(ROOT, "data", "orders.csv")));
  return dir;
}

/** The real campaigns and A/B files, linked (never copied) into a temporary folder. */
function realData(): string {
  const dir = mkdtempSync(join(tmpdir(), "romi-real-"));
  for (const f of REAL) symlinkSync(f, join(dir, f.split("/").pop()!));
  return dir;
}

/** A report of its own for the real files: a title and an overview note, no archive, no annotations. */
function realContent(): string {
  const dir = mkdtempSync(join(tmpdir(), "romi-real-content-"));
  writeFileSync(join(dir, "report.yaml"), "title: Real campaign files\n");
  mkdirSync(join(dir, "notes"));
  writeFileSync(join(dir, "notes", "index.md"), "Notes of the real report.\n");
  return join(dir, "report.yaml");
}

function build(dataDir: string, config = join(ROOT, "content/report.yaml")): string {
  const out = join(mkdtempSync(join(tmpdir(), "romi-site-")), "site");
  const r = spawnSync(process.execPath, [join(ROOT, "bin/romi.js"), "build", "--data", dataDir, "--out", out, "--base", BASE, "--config", config], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`romi build failed:\n${r.stderr}`);
  return out;
}

interface Visit {
  errors: string[];
  dialogs: number;
}

async function open(browser: Browser, url: string, width: number, scheme: "light" | "dark"): Promise<{ page: Page; visit: Visit }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
  const page = await context.newPage();
  const visit: Visit = { errors: [], dialogs: 0 };
  page.on("console", (m) => {
    if (m.type() === "error") visit.errors.push(m.text());
  });
  page.on("pageerror", (e) => visit.errors.push(e.message));
  page.on("dialog", async (d) => {
    visit.dialogs++;
    await d.dismiss();
  });
  const response = await page.goto(url, { waitUntil: "load" });
  expect(response?.status(), url).toBe(200);
  return { page, visit };
}

/** Same-site links of the page, resolved. */
async function links(page: Page): Promise<string[]> {
  return page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href).filter((h) => h.startsWith(location.origin)));
}

/** The words of 8 letters or fewer that a table cell breaks across lines ("Lond/on"): each should be one box. */
function brokenWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const cell of document.querySelectorAll("td, th")) {
      if ((cell as HTMLElement).offsetParent === null) continue;
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const m of (node.textContent ?? "").matchAll(/(?<!\p{L})\p{L}{2,8}(?!\p{L})/gu)) {
          const range = document.createRange();
          range.setStart(node, m.index);
          range.setEnd(node, m.index + m[0].length);
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          if (lines.size > 1) out.push(m[0]);
        }
      }
    }
    return out;
  });
}

/**
 * The chart tick labels that overlap each other or an axis title, from the text boxes Chromium draws.
 * A slanted label is its rotated box (its bounding box in its own coordinates, through its screen
 * matrix), so that two slanted neighbours whose upright boxes cross, but whose glyphs do not, pass.
 */
function tickCollisions(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type Point = { x: number; y: number };
    const corners = (t: SVGTextElement): Point[] => {
      const b = t.getBBox();
      const m = t.getScreenCTM()!;
      return [
        [b.x, b.y],
        [b.x + b.width, b.y],
        [b.x + b.width, b.y + b.height],
        [b.x, b.y + b.height],
      ].map(([x, y]) => ({ x: m.a * x! + m.c * y! + m.e, y: m.b * x! + m.d * y! + m.f }));
    };
    // Two convex quadrilaterals overlap unless an edge's normal separates them (by more than half a pixel).
    const overlap = (p: Point[], q: Point[]): boolean => {
      for (const poly of [p, q])
        for (let i = 0; i < 4; i++) {
          const a = poly[i]!;
          const b = poly[(i + 1) % 4]!;
          const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
          const n = { x: (a.y - b.y) / len, y: (b.x - a.x) / len };
          const span = (r: Point[]) => r.map((c) => c.x * n.x + c.y * n.y);
          const [sp, sq] = [span(p), span(q)];
          if (Math.max(...sp) <= Math.min(...sq) + 0.5 || Math.max(...sq) <= Math.min(...sp) + 0.5) return false;
        }
      return true;
    };
    const out: string[] = [];
    for (const svg of document.querySelectorAll("figure.chart svg[aria-label]")) {
      if (svg.getBoundingClientRect().width === 0) continue;
      const boxes = [...svg.querySelectorAll<SVGTextElement>('g[aria-label$="axis tick label"] text, g[aria-label$="axis label"] text')]
        .filter((t) => (t.textContent ?? "").trim() !== "" && t.getBoundingClientRect().width > 0)
        .map((t) => ({ text: t.textContent ?? "", quad: corners(t) }));
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++)
          if (overlap(boxes[i]!.quad, boxes[j]!.quad)) out.push(`${svg.getAttribute("aria-label")}: "${boxes[i]!.text}" × "${boxes[j]!.text}"`);
    }
    return out;
  });
}

describe.skipIf(!present)("the built site in Chromium", () => {
  let browser: Browser;
  const sites: { name: string; url: string; close: () => Promise<void> }[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    const reports = [
      ["demo", join(ROOT, "data"), undefined],
      ["hostile", hostileData(), undefined],
      ...(real ? ([["real", realData(), realContent()]] as const) : []),
    ] as const;
    for (const [name, data, config] of reports) {
      const s = await serve(build(data, config), BASE);
      sites.push({ name, ...s });
    }
    console.log(`screenshots: ${SCREENSHOTS}`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    for (const s of sites) await s.close();
  });

  it("every page of the demo report works at desktop and phone width, light and dark", async () => {
    const demo = sites.find((s) => s.name === "demo")!;
    const { page: home } = await open(browser, demo.url, 1280, "light");
    const pages = [...new Set((await links(home)).filter((h) => !/\.(csv|json)$/.test(h)).map((h) => h.split("#")[0]!))];
    await home.context().close();
    expect(pages.length).toBe(DEMO_PAGES);
    for (const url of pages) {
      let desktopHeight = 0;
      for (const [width, scheme] of [
        [1280, "light"],
        [1280, "dark"],
        [375, "light"],
        [375, "dark"],
      ] as const) {
        const { page, visit } = await open(browser, url, width, scheme);
        expect(visit.errors, `${url} console`).toEqual([]);
        // Every chart is drawn, at both widths: its plot SVG (the one with the accessible name) has marks.
        const charts = await page.$$eval("figure.chart", (figures) =>
          figures.map((f) => [...f.querySelectorAll("svg[aria-label]")].map((svg) => svg.querySelectorAll("*").length)),
        );
        for (const sizes of charts) {
          expect(sizes).toHaveLength(2);
          for (const n of sizes) expect(n).toBeGreaterThan(10);
        }
        if (/product|sales|marketing|customers/.test(url)) expect(charts.length).toBeGreaterThan(2);
        // No horizontal overflow.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${url} at ${width}px overflows`).toBeLessThanOrEqual(0);
        expect(await brokenWords(page), `${url} at ${width}px breaks words in table cells`).toEqual([]);
        expect(await tickCollisions(page), `${url} at ${width}px`).toEqual([]);
        // A phone shows the same page at most 4 times as tall: tables become cards, the navigation folds.
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        if (width === 1280) desktopHeight = Math.max(desktopHeight, height);
        else expect(height, `${url} at ${width}px is ${height} px tall, ${desktopHeight} px on a desktop`).toBeLessThanOrEqual(4 * desktopHeight);
        const name = url.slice(demo.url.length).replace(/\/$/, "").replace(/\//g, "-") || "overview";
        await page.screenshot({ path: join(SCREENSHOTS, `demo-${name}-${width}-${scheme}.png`), fullPage: true });
        await page.context().close();
      }
    }
  }, 240_000);

  it("every link of the demo report resolves under the base path", async () => {
    const demo = sites.find((s) => s.name === "demo")!;
    const { page } = await open(browser, demo.url, 1280, "light");
    const seen = new Set<string>();
    const queue = [demo.url];
    while (queue.length > 0) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const response = await page.request.get(url);
      expect(response.status(), url).toBe(200);
      if (!url.endsWith("/")) continue;
      await page.goto(url);
      for (const h of await links(page)) {
        const target = h.split("#")[0]!;
        expect(target.startsWith(demo.url), `${target} is outside ${BASE}`).toBe(true);
        if (!seen.has(target)) queue.push(target);
      }
    }
    expect([...seen].some((u) => u.endsWith("metrics.json"))).toBe(true);
    // The published metrics.json is the same bytes as `romi metrics` on the same inputs.
    const cli = spawnSync(
      process.execPath,
      [join(ROOT, "bin/romi.js"), "metrics", "--data", join(ROOT, "data"), "--config", join(ROOT, "content/report.yaml")],
      {
        encoding: "utf8",
        maxBuffer: 1 << 26,
      },
    );
    expect(await (await page.request.get(`${demo.url}metrics.json`)).text()).toBe(cli.stdout);
    expect([...seen].filter((u) => u.endsWith(".csv")).length).toBeGreaterThan(10);
    await page.context().close();
  }, 120_000);

  it.skipIf(!real)(
    "the Campaigns and Experiments pages of the real files work at desktop and phone width, light and dark",
    async () => {
      const site = sites.find((s) => s.name === "real")!;
      // Its content is read beside its own config: its title and note, none of the demo's (title, note, snapshots, annotations).
      const home = await (await fetch(site.url)).text();
      expect(home).toContain("Real campaign files");
      expect(home).toContain("Notes of the real report.");
      for (const demo of ["Demo shop", "This is the demo report", "Changes since", "Spring Launch"]) expect(home).not.toContain(demo);
      for (const path of ["campaigns/", "experiments/", "data/"]) {
        let desktopHeight = 0;
        for (const [width, scheme] of [
          [1280, "light"],
          [1280, "dark"],
          [375, "light"],
          [375, "dark"],
        ] as const) {
          const { page, visit } = await open(browser, site.url + path, width, scheme);
          expect(visit.errors, `${path} console`).toEqual([]);
          const charts = await page.$$eval("figure.chart", (figures) =>
            figures.map((f) => [...f.querySelectorAll("svg[aria-label]")].map((svg) => svg.querySelectorAll("*").length)),
          );
          for (const sizes of charts) for (const n of sizes) expect(n).toBeGreaterThan(10);
          const text = await page.evaluate(() => document.body.innerText);
          if (path === "campaigns/") {
            expect(charts.length).toBeGreaterThan(3);
            // Every dated campaign is refused a lift, and the page says why.
            expect(text).toContain("no pre-period");
            expect(text).toContain("No dates in this file");
            expect(text).not.toContain("Spring Launch");
          }
          if (path === "experiments/") expect(text).toMatch(/DON'T SHIP|SHIP|KEEP RUNNING/i);
          if (path === "data/") expect(await page.$("details.merged")).not.toBeNull();
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow, `${path} at ${width}px overflows`).toBeLessThanOrEqual(0);
          expect(await brokenWords(page), `${path} at ${width}px breaks words in table cells`).toEqual([]);
          expect(await tickCollisions(page), `${path} at ${width}px`).toEqual([]);
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          if (width === 1280) desktopHeight = Math.max(desktopHeight, height);
          else expect(height, `${path} at ${width}px is ${height} px tall, ${desktopHeight} px on a desktop`).toBeLessThanOrEqual(4 * desktopHeight);
          if (path === "campaigns/") {
            // The 23 campaigns of the second file: a desktop shows every row, a phone the 8 with the most spend until its summary opens.
            const cards = (): Promise<number> =>
              page.$$eval("#campaigns-2 .scroll:has(+ details.fold) tbody tr", (rows) => rows.filter((r) => (r as HTMLElement).offsetParent !== null).length);
            expect(await cards()).toBe(width === 1280 ? 23 : 8);
            if (width === 375) {
              await page.click("#campaigns-2 details.fold summary");
              expect(await cards()).toBe(23);
              await page.click("#campaigns-2 details.fold summary");
            }
          }
          await page.screenshot({ path: join(SCREENSHOTS, `real-${path.replace(/\/$/, "")}-${width}-${scheme}.png`), fullPage: true });
          await page.context().close();
        }
      }
    },
    180_000,
  );

  it("shows hostile labels as text, and 100+ long labels without breaking the layout", async () => {
    const hostile = sites.find((s) => s.name === "hostile")!;
    for (const path of ["", "marketing/", "channels/", "recommendations/", "sales/"]) {
      for (const width of [375, 1280]) {
        const { page, visit } = await open(browser, hostile.url + path, width, "light");
        expect(visit.dialogs, "an alert ran").toBe(0);
        expect(visit.errors).toEqual([]);
        expect(await page.$$('img[src="x"]')).toEqual([]);
        expect(await page.evaluate(() => document.querySelectorAll("script").length)).toBe(0);
        if (path === "channels/" || path === "recommendations/") {
          // Folded cards (recommendations that keep things as they are) count too.
          await page.$$eval("details", (all) => all.forEach((d) => ((d as HTMLDetailsElement).open = true)));
          const text = await page.evaluate(() => document.body.innerText);
          for (const label of XSS) expect(text).toContain(label);
        }
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${path} at ${width}px overflows`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(SCREENSHOTS, `hostile-${path.replace(/\/$/, "") || "overview"}-${width}.png`), fullPage: path !== "channels/" });
        await page.context().close();
      }
    }
  }, 180_000);
});
