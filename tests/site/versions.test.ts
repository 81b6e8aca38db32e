/**
 * The version archive as the Versions pages show it, from small hand-made
 * snapshots (one of them a schema-1 metrics.json read through
 * `upgradeReport`): left out without snapshots, listed by period end, each
 * with its headline tiles in its own currency and its change table against
 * the one before, and the current report's changes since the latest
 * snapshot.
 */
import { describe, expect, it } from "vitest";
import type { DatasetAccount, Fact, Recommendation, Report } from "../../src/schema/report.ts";
import { upgradeReport } from "../../src/schema/upgrade.ts";
import { siteContext } from "../../src/site/context.ts";
import { buildSite } from "../../src/site/model.ts";
import { MISSING } from "../../src/words/format.ts";
import { report } from "./report.ts";

const fact = (id: string, value: number | null, unit: Fact["unit"], better?: "up" | "down"): Fact => ({ id, value, unit, ...(better ? { better } : {}) });

const period = (from: string, to: string): Report["period"] => ({
  from,
  to,
  days: 30,
  activity: "orders",
  completeMonths: [from.slice(0, 7)],
  completeWeeks: 4,
});

const orders = (rows: number, used: number): DatasetAccount => ({ name: "orders.csv", kind: "orders", files: [], columns: {}, rows, used, rejected: [] });

const rec = (subject: Record<string, string>, action: Recommendation["action"]): Recommendation => ({
  subject,
  action,
  rule: "r",
  numbers: {},
  limits: {},
  findings: [],
  confidence: "medium",
  importance: 1,
});

const snapshot = (o: {
  id: string;
  label?: string;
  commit?: string;
  period: Report["period"];
  facts: Fact[];
  datasets?: DatasetAccount[];
  recommendations?: Recommendation[];
}): Report => ({
  ...report({ facts: o.facts, datasets: o.datasets ?? [], recommendations: o.recommendations ?? [] }),
  version: { id: o.id, ...(o.label ? { label: o.label } : {}), ...(o.commit ? { commit: o.commit } : {}) },
  period: o.period,
});

const march = snapshot({
  id: "aaaaaaaaaaaa",
  label: "2025-03",
  commit: "0123456789abcdef0123456789abcdef01234567",
  period: period("2025-03-01", "2025-03-31"),
  facts: [
    fact("revenue", 10000, "currency", "up"),
    fact("buyers", 200, "users", "up"),
    fact("cost", 2000, "currency"),
    fact("cac", 10, "currency", "down"),
    fact("romi", 0.5, "ratio", "up"),
    fact("conversion.rate", 0.04, "ratio", "up"),
  ],
  datasets: [orders(1000, 990)],
  recommendations: [rec({ source: "search" }, "keep")],
});

// Against March: revenue +20% (better), CAC +12.5% (worse), buyers −10% (worse), ROMI now unknown; cost and conversion unchanged.
const april = snapshot({
  id: "bbbbbbbbbbbb",
  label: "2025-04",
  period: period("2025-04-01", "2025-04-30"),
  facts: [
    fact("revenue", 12000, "currency", "up"),
    fact("buyers", 180, "users", "up"),
    fact("cost", 2000, "currency"),
    fact("cac", 11.25, "currency", "down"),
    fact("romi", null, "ratio", "up"),
    fact("conversion.rate", 0.04, "ratio", "up"),
  ],
  datasets: [orders(1200, 1180)],
  recommendations: [rec({ source: "search" }, "cut"), rec({ segment: "Lost" }, "win back")],
});

/** February as an older romi wrote it: schema 1, a flag as 1, in pounds. */
function february(): Report {
  const raw = {
    ...snapshot({ id: "999999999999", label: "2025-02", period: period("2025-02-01", "2025-02-28"), facts: [fact("revenue", 9000, "currency", "up")] }),
    schema: 1,
    currency: "GBP",
    locale: "en-GB",
    series: { forecast_backtest: [{ series: "revenue", model: "ets", mase: 0.8, smape: 0.1, mape: 0.12, chosen: 1, failures: 0, unconverged: 0 }] },
  };
  const read = upgradeReport(raw);
  if (!("report" in read)) throw new Error(read.error);
  expect(read.dropped).toEqual([]);
  return read.report;
}

const current = (facts: Fact[]): Report => ({ ...snapshot({ id: "cccccccccccc", period: period("2025-05-01", "2025-05-31"), facts }) });

describe("buildSite(report, snapshots).sections.versions", () => {
  it("is null, and Versions is not in the navigation, without snapshots", () => {
    const site = buildSite(report({}));
    expect(site.sections.versions).toBeNull();
    expect(site.nav.map((n) => n.slug)).not.toContain("versions");
  });

  it("lists the snapshots by period end whatever their order, a schema-1 one among them, the first without a diff", () => {
    const site = buildSite(current([]), [april, february(), march]);
    expect(site.nav.map((n) => n.slug)).toContain("versions");
    const list = site.sections.versions!;
    expect(list.map((v) => [v.label, v.slug, v.id, v.period])).toEqual([
      ["2025-02", "2025-02", "999999999999", "2025-02-01 – 2025-02-28"],
      ["2025-03", "2025-03", "aaaaaaaaaaaa", "2025-03-01 – 2025-03-31"],
      ["2025-04", "2025-04", "bbbbbbbbbbbb", "2025-04-01 – 2025-04-30"],
    ]);
    expect(list.map((v) => v.commit)).toEqual([null, "0123456789abcdef0123456789abcdef01234567", null]);
    expect(list[0]!.diff).toBeNull();
    expect(list.map((v) => v.diff?.against ?? null)).toEqual([null, "2025-02", "2025-03"]);
  });

  it("shows each snapshot's headline tiles in its own currency and locale, a null one as missing and absent ones left out", () => {
    const [feb, mar, apr] = buildSite(current([]), [march, april, february()]).sections.versions!;
    expect(feb!.headlines.map((k) => [k.label, k.value])).toEqual([["Revenue", "£9,000.00"]]);
    expect(mar!.headlines.map((k) => [k.label, k.value])).toEqual([
      // 10,000 and more without cents.
      ["Revenue", "$10,000"],
      ["Buyers", "200"],
      ["Marketing cost", "$2,000.00"],
      ["CAC", "$10.00"],
      ["ROMI", "0.5"],
      ["Conversion rate", "4%"],
    ]);
    expect(apr!.headlines.find((k) => k.label === "ROMI")!.value).toBe(MISSING);
  });

  it("tabulates the changes against the snapshot before, largest first, with their direction, and the data and recommendations that changed", () => {
    const diff = buildSite(current([]), [march, april]).sections.versions![1]!.diff!;
    expect(diff.summary).toBe("4 metrics changed: 2 regressions, 1 improvement.");
    // Relative size: revenue 20%, CAC 12.5%, buyers 10%; ROMI has no relative change.
    expect(diff.rows).toEqual([
      { direction: "improvement", metric: "Revenue", base: "$10,000", head: "$12,000", change: "+$2,000.00 (+20%)" },
      { direction: "regression", metric: "CAC", base: "$10.00", head: "$11.25", change: "+$1.25 (+12.5%)" },
      { direction: "regression", metric: "Buyers", base: "200", head: "180", change: "−20 (−10%)" },
      { direction: "neutral", metric: "ROMI", base: "0.5", head: MISSING, change: "now unknown" },
    ]);
    expect(diff.more).toBe(0);
    expect(diff.recommendations).toEqual(["segment Lost: none → win back", "source search: keep → cut"]);
    expect(diff.data).toEqual(["Period: 2025-03-01 – 2025-03-31 → 2025-04-01 – 2025-04-30", "orders.csv: 1,000 → 1,200 rows, 10 → 20 rejected"]);
  });

  it("names a snapshot without a label by its id, and makes a slug of a label with spaces and slashes", () => {
    const odd = snapshot({ id: "dddddddddddd", label: "release 1/2", period: period("2025-01-01", "2025-01-31"), facts: [] });
    const bare = snapshot({ id: "eeeeeeeeeeee", period: period("2025-01-01", "2025-01-31"), facts: [] });
    const list = buildSite(current([]), [bare, odd]).sections.versions!;
    // Same period end: by label, and "dddd…" sorts before "eeee…".
    expect(list.map((v) => [v.label, v.slug])).toEqual([
      ["eeeeeeeeeeee", "eeeeeeeeeeee"],
      ["release 1/2", "release-1-2"],
    ]);
  });
});

describe("siteContext(report, snapshots).archive.sinceLast", () => {
  it("is null without snapshots", () => {
    expect(siteContext(current([]), []).archive.sinceLast).toBeNull();
  });

  it("compares the current report with the latest snapshot, showing 5 changes and counting the rest", () => {
    const now = current([
      fact("revenue", 13000, "currency", "up"),
      fact("buyers", 190, "users", "up"),
      fact("cost", 2500, "currency"),
      fact("cac", 13.16, "currency", "down"),
      fact("romi", 0.3, "ratio", "up"),
      fact("conversion.rate", 0.05, "ratio", "up"),
      fact("visits.users", 4000, "users", "up"),
    ]);
    const since = siteContext(now, [march, april]).archive.sinceLast!;
    expect(since.against).toBe("2025-04");
    // ROMI appeared (it was unknown); visits.users was added; the other five moved.
    expect(since.summary).toBe("7 metrics changed: 1 regression, 3 improvements.");
    expect(since.rows).toHaveLength(5);
    expect(since.more).toBe(2);
  });

  it("skips a snapshot of the current report itself", () => {
    const since = siteContext({ ...april }, [march, april]).archive.sinceLast!;
    expect(since.against).toBe("2025-03");
  });
});
