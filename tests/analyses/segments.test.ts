/**
 * The segmentation (src/analyses/customers/segments.ts) through romi's own
 * reading and analysis path, on the bank demo's planted segments (src/demo/bank.ts):
 * the planted labels are the independent truth.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { customerAttributes } from "../../src/analyses/customers/attributes.ts";
import { customerBase, modalCountry } from "../../src/analyses/customers/base.ts";
import { CUSTOMER_METRICS } from "../../src/analyses/customers/catalogue.ts";
import { customersAnalysis } from "../../src/analyses/customers/index.ts";
import { rfm } from "../../src/analyses/customers/rfm.ts";
import { segmentName, segments } from "../../src/analyses/customers/segments.ts";
import { FactSink } from "../../src/facts/sink.ts";
import { BANK_CUSTOMERS_HEADER, BANK_FILES, BANK_MCC_HEADER, BANK_TRANSACTIONS_HEADER, generateBank, plantedBankSegments } from "../../src/demo/bank.ts";
import { parseConfig } from "../../src/read/config.ts";
import { runEngine } from "../../src/engine.ts";
import { adjustedRandIndex } from "../../src/stats/rand.ts";
import { reduceFor } from "../helpers.ts";

async function bankSegments(seed: number, scale: number) {
  const dir = mkdtempSync(join(tmpdir(), "romi-bank-"));
  const files = { customers: [BANK_CUSTOMERS_HEADER], transactions: [BANK_TRANSACTIONS_HEADER], mccs: [BANK_MCC_HEADER] };
  generateBank({ seed, scale }, { customer: (l) => files.customers.push(l), transaction: (l) => files.transactions.push(l), mcc: (l) => files.mccs.push(l) });
  writeFileSync(join(dir, BANK_FILES.customers), `${files.customers.join("\n")}\n`);
  writeFileSync(join(dir, BANK_FILES.transactions), `${files.transactions.join("\n")}\n`);
  writeFileSync(join(dir, BANK_FILES.mccCodes), `${files.mccs.join("\n")}\n`);
  const config = parseConfig({}, "defaults");
  const { reduced, frame, dicts } = await reduceFor(dir, config, customersAnalysis);
  const base = customerBase(reduced, frame);
  const sink = new FactSink(CUSTOMER_METRICS);
  const scored = rfm(base, frame.range.to, sink);
  const attributes = customerAttributes(base, modalCountry(reduced, base, dicts.label.labels), reduced, dicts.label.labels);
  const result = segments(base, scored.recency, attributes, null, config.segments, sink)!;
  const truth = plantedBankSegments({ seed, scale });
  return { base, result, truth, sink };
}

describe("segments(base, …) on the bank demo", () => {
  it("recovers the 5 planted segments from the default features, k chosen by silhouette (adjusted Rand index ≥ 0.8)", async () => {
    const { base, result, truth } = await bankSegments(1, 1);
    const planted = base.id.map((id) => truth.get(id)!);
    const ari = adjustedRandIndex(planted, result.labels)!;
    expect(result.k).toBeGreaterThanOrEqual(5);
    expect(ari).toBeGreaterThanOrEqual(0.8);
  }, 60_000);

  it("gives every segment a distinct name and one profile row, sizes adding up to the customers", async () => {
    const { base, result } = await bankSegments(2, 0.5);
    expect(new Set(result.names).size).toBe(result.k);
    expect(result.profiles.map((p) => p.segment)).toEqual(result.names);
    expect(result.profiles.reduce((s, p) => s + Number(p.customers), 0)).toBe(base.n);
    // The bank customers file carries channel flags: every segment has a reach per channel.
    for (const p of result.profiles) for (const c of ["email", "sms", "push", "phone"]) expect(p.reach[c]).not.toBeUndefined();
  }, 60_000);
});

describe("segmentName(segment, all customers)", () => {
  const all = { recency: 100, monetary: 400, frequency: 4, repeat: 0.6 };
  it("names lapsed, active, high- and low-value, one-timers, loyal and regulars from the thresholds", () => {
    expect(segmentName({ recency: 300, monetary: 100, frequency: 1, repeat: 0.05 }, all)).toBe("Lapsed low-value one-timers");
    expect(segmentName({ recency: 20, monetary: 900, frequency: 9, repeat: 0.95 }, all)).toBe("Active high-value loyal");
    expect(segmentName({ recency: 100, monetary: 400, frequency: 4, repeat: 0.6 }, all)).toBe("Regulars");
    // Boundaries: 1.5× recency is lapsed, 2× revenue is high-value, repeat 0.3 is no longer one-timers.
    expect(segmentName({ recency: 150, monetary: 800, frequency: 4, repeat: 0.3 }, all)).toBe("Lapsed high-value regulars");
  });
});

describe("segments and hypotheses from content/report.yaml", () => {
  it("honours segments.k, segments.features (age and a category share) and configured hypotheses", async () => {
    const dir = mkdtempSync(join(tmpdir(), "romi-bank-cfg-"));
    const files = { customers: [BANK_CUSTOMERS_HEADER], transactions: [BANK_TRANSACTIONS_HEADER], mccs: [BANK_MCC_HEADER] };
    generateBank(
      { seed: 3, scale: 0.2 },
      { customer: (l) => files.customers.push(l), transaction: (l) => files.transactions.push(l), mcc: (l) => files.mccs.push(l) },
    );
    writeFileSync(join(dir, BANK_FILES.customers), `${files.customers.join("\n")}\n`);
    writeFileSync(join(dir, BANK_FILES.transactions), `${files.transactions.join("\n")}\n`);
    writeFileSync(join(dir, BANK_FILES.mccCodes), `${files.mccs.join("\n")}\n`);
    const cfg = join(mkdtempSync(join(tmpdir(), "romi-cfg-")), "report.yaml");
    writeFileSync(
      cfg,
      [
        "segments:",
        "  k: 4",
        "  features: [recency, frequency, monetary, age, 'share:4511']",
        "hypotheses:",
        "  - { id: aov-by-push, metric: aov, by: push }",
        "  - { id: city-mix, mix: city, by: segment }",
      ].join("\n"),
    );
    const run = await runEngine({ dataDir: dir, configPath: cfg });
    expect(run.errors).toEqual([]);
    const r = run.report!;
    expect(r.facts.find((f) => f.id === "segments.k")!.value).toBe(4);
    expect(r.series.segment_method![0]!.features).toEqual(["recency", "frequency", "monetary", "age", "share:4511"]);
    expect(r.series.hypotheses!.map((h) => h.hypothesis)).toEqual(["aov-by-push", "city-mix"]);
    expect(r.series.hypotheses![1]!.test).toMatch(/^chi-square/);
  }, 60_000);

  it("fails with a clear message for a feature the data lacks", async () => {
    const dir = mkdtempSync(join(tmpdir(), "romi-bank-bad-"));
    writeFileSync(
      join(dir, "orders.csv"),
      ["uid,buy_ts,revenue", ...Array.from({ length: 20 }, (_, i) => `u${i},2024-01-${String(1 + i).padStart(2, "0")},${i + 1}`)].join("\n"),
    );
    const cfg = join(mkdtempSync(join(tmpdir(), "romi-cfg-")), "report.yaml");
    writeFileSync(cfg, "segments:\n  features: [recency, age]\n");
    const run = await runEngine({ dataDir: dir, configPath: cfg });
    expect(run.report).toBeNull();
    expect(run.errors).toEqual(['segments.features: no numeric customer attribute "age" (numeric attributes: none)']);
  });
});
