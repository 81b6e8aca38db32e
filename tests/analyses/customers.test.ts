/**
 * Customer analytics on tiny fixtures whose every value is worked out by
 * hand below.
 *
 * Order lines in the UCI Online Retail layout. Period (from orders):
 * 2024-01-01 … 2024-03-15; complete months January and February (March is
 * partial: in the totals, not in the cohort tables).
 *
 * Kept orders (revenue = quantity × unit price):
 * - c1: 1001 on Jan 1 (2 × 2.50 + 1 × 10 = 15) and 1004 on Feb 5 (2.50)
 *   → F 2, M 17.5, recency Mar 15 − Feb 5 = 39 days
 * - c2: 1002 on Jan 20 (10) and 1008 on Mar 15 (5) → F 2, M 15, recency 0
 * - c3: 1007 on Feb 12 (10) → F 1, M 10, recency Mar 15 − Feb 12 = 32 days
 */
import { describe, expect, it } from "vitest";
import { quintileScores, rfmSegment } from "../../src/analyses/customers/rfm.ts";
import { runEngine } from "../../src/engine.ts";
import type { Report } from "../../src/schema/report.ts";
import { dataDir, fact, hasFact, lines } from "../helpers.ts";

const LINES = lines(
  "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
  "1001,A,MUG,2,2024-01-01 09:00:00,2.50,c1,United Kingdom",
  "1001,B,PLATE,1,2024-01-01 09:00:00,10,c1,United Kingdom",
  "1002,A,MUG,4,2024-01-20 10:00:00,2.5,c2,France",
  "C1003,A,MUG,-1,2024-01-21 10:00:00,2.5,c2,France", // cancellation (C prefix)
  "1004,A,MUG,1,2024-02-05 10:00:00,2.5,c1,United Kingdom",
  "1005,B,PLATE,2,2024-02-10 10:00:00,0,c3,United Kingdom", // non-positive price
  "1006,B,PLATE,3,2024-02-11 10:00:00,10,,United Kingdom", // missing id
  "1007,B,PLATE,1,2024-02-12 11:00:00,10,c3,United Kingdom",
  "1007,B,PLATE,1,2024-02-12 11:00:00,10,c3,United Kingdom", // duplicate of the line above
  "1008,A,MUG,2,2024-03-15 12:00:00,2.5,c2,France",
  "1009,A,MUG,-2,2024-02-01 12:00:00,2.5,c1,United Kingdom", // cancellation (negative quantity)
  "C1010,A,MUG,2,2024-02-01 12:00:00,0,,United Kingdom", // a cancellation first: the first failing check names the reason
);

async function report(files: Record<string, string>): Promise<Report> {
  const run = await runEngine({ dataDir: dataDir(files), configPath: null });
  expect(run.errors).toEqual([]);
  return run.report!;
}

describe("orders read as order lines (UCI Online Retail headers)", async () => {
  const r = await report({ "online_retail.csv": LINES });
  const orders = r.datasets[0]!;

  it("recognises the headers without configuration and computes revenue from quantity × unit price", () => {
    expect(orders.kind).toBe("orders");
    expect(orders.columns).toEqual({
      order: "InvoiceNo",
      quantity: "Quantity",
      price: "UnitPrice",
      user: "CustomerID",
      time: "InvoiceDate",
      product: "StockCode",
      description: "Description",
      country: "Country",
    });
    expect(fact(r.facts, "revenue")).toBeCloseTo(15 + 10 + 2.5 + 10 + 5, 12);
    expect(fact(r.facts, "orders.count")).toBe(5);
  });

  it("rejects cancellations, non-positive prices, missing ids and duplicates, each counted with its reason", () => {
    expect(orders.rows).toBe(12);
    expect(orders.used).toBe(6);
    expect(Object.fromEntries(orders.rejected.map((x) => [x.reason, x.count]))).toEqual({
      cancellation: 3,
      "non-positive price": 1,
      "missing id": 1,
      duplicate: 1,
    });
    expect(orders.rejected.find((x) => x.reason === "duplicate")!.examples).toEqual(["online_retail.csv:10"]);
  });

  it("retention.buyers{cohort,age} and revenue.per_customer{cohort,age} over complete months only", () => {
    // January cohort: c1 and c2; in February only c1 orders (2.50). February cohort: c3.
    expect(fact(r.facts, "retention.buyers", { cohort: "2024-01", age: "0" })).toBe(1);
    expect(fact(r.facts, "retention.buyers", { cohort: "2024-01", age: "1" })).toBe(0.5);
    expect(fact(r.facts, "retention.buyers", { cohort: "2024-02", age: "0" })).toBe(1);
    expect(fact(r.facts, "revenue.per_customer", { cohort: "2024-01", age: "0" })).toBe(12.5);
    expect(fact(r.facts, "revenue.per_customer", { cohort: "2024-01", age: "1" })).toBe(1.25);
    expect(fact(r.facts, "revenue.per_customer", { cohort: "2024-02", age: "0" })).toBe(10);
    // March is partial: no cell for it.
    expect(() => fact(r.facts, "retention.buyers", { cohort: "2024-01", age: "2" })).toThrow();
    expect(() => fact(r.facts, "retention.buyers", { cohort: "2024-03", age: "0" })).toThrow();
  });

  it("scores RFM by rank quintiles and names the R×F segments", () => {
    // R on −recency: c1 −39 (1st → 1), c3 −32 (2nd → ⌊5/3⌋+1 = 2), c2 0 (3rd → ⌊10/3⌋+1 = 4).
    // F: c3 1 (→ 1), c1 2 and c2 2 tie, c1 first by id (→ 2), c2 (→ 4).
    // c1 R1 F2 Lost; c2 R4 F4 Loyal; c3 R2 F1 Hibernating.
    expect(fact(r.facts, "rfm.customers", { segment: "Lost" })).toBe(1);
    expect(fact(r.facts, "rfm.customers", { segment: "Loyal" })).toBe(1);
    expect(fact(r.facts, "rfm.customers", { segment: "Hibernating" })).toBe(1);
    expect(fact(r.facts, "rfm.customers", { segment: "Champions" })).toBe(0);
    expect(fact(r.facts, "rfm.revenue", { segment: "Lost" })).toBeCloseTo(17.5, 12);
    expect(fact(r.facts, "rfm.revenue", { segment: "Loyal" })).toBe(15);
    expect(fact(r.facts, "rfm.revenue", { segment: "Hibernating" })).toBe(10);
  });

  it("does not segment fewer than 10 customers, and leaves hypotheses it cannot test null with a reason", () => {
    expect(hasFact(r.facts, "segments.k")).toBe(false);
    const rows = r.series["hypotheses"]!;
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      expect(row["p_value"]).toBeNull();
      expect(row.untested).not.toBeNull();
    }
  });
});

describe("quintileScores(values)", () => {
  it("gives the i-th of n by value the score ⌊5i/n⌋ + 1, ties in input order", () => {
    expect(Array.from(quintileScores(Float64Array.of(10, 30, 20, 20, 50)))).toEqual([1, 4, 2, 3, 5]);
    // n = 7: positions 0…6 score 1,1,2,3,3,4,5 (⌊0/7⌋, ⌊5/7⌋, ⌊10/7⌋, ⌊15/7⌋, ⌊20/7⌋, ⌊25/7⌋, ⌊30/7⌋, plus 1).
    expect(Array.from(quintileScores(Float64Array.of(7, 6, 5, 4, 3, 2, 1)))).toEqual([5, 4, 3, 3, 2, 1, 1]);
  });

  it("rfmSegment(r, f) follows the R×F table", () => {
    expect([rfmSegment(5, 1), rfmSegment(5, 5), rfmSegment(4, 1), rfmSegment(3, 3), rfmSegment(2, 5), rfmSegment(1, 1), rfmSegment(1, 3)]).toEqual([
      "New",
      "Champions",
      "Promising",
      "Need attention",
      "Can't lose",
      "Lost",
      "At risk",
    ]);
  });
});

const CUSTOMERS = lines(
  "customer_id,registration_date,age,city,gender,email,push,tier",
  "c1,2024-01-01,30,Paris,F,1,0,gold",
  "c2,2024-01-15,45,Lyon,M,yes,no,silver",
  "c4,2024-02-03,22,Paris,F,0,1,bronze", // registered, never bought
  "c1,2024-01-02,31,Paris,F,1,0,gold", // the same customer again
  "c5,2023-12-01,50,Nice,M,maybe,,bronze", // not a flag
);

describe("customers files", async () => {
  const r = await report({ "online_retail.csv": LINES, "customers.csv": CUSTOMERS });
  const customers = r.datasets.find((d) => d.kind === "customers")!;

  it("reads registration, age, city, gender and channel flags, keeps other columns as attributes, and rejects repeated ids and bad flags", () => {
    expect(customers.columns).toEqual({
      user: "customer_id",
      registered: "registration_date",
      age: "age",
      city: "city",
      gender: "gender",
      email: "email",
      push: "push",
      "attr.tier": "tier",
    });
    expect(customers.used).toBe(3);
    expect(Object.fromEntries(customers.rejected.map((x) => [x.reason, x.count]))).toEqual({ "duplicate id": 1, "unparseable email flag": 1 });
  });

  it("activity{cohort,age} counts registered customers who never bought in the denominator", () => {
    // Registered in January: c1 (orders Jan, Feb) and c2 (orders Jan, Mar). February: c4, never bought.
    expect(fact(r.facts, "registration.cohort.size", { cohort: "2024-01" })).toBe(2);
    expect(fact(r.facts, "registration.cohort.size", { cohort: "2024-02" })).toBe(1);
    expect(fact(r.facts, "activity", { cohort: "2024-01", age: "0" })).toBe(1);
    expect(fact(r.facts, "activity", { cohort: "2024-01", age: "1" })).toBe(0.5);
    expect(fact(r.facts, "activity", { cohort: "2024-02", age: "0" })).toBe(0);
  });

  it("does not clip customers to the period", () => {
    expect(customers.rejected.some((x) => x.reason === "outside period")).toBe(false);
  });
});

describe("bank-style transactions with MCC codes and a semicolon-separated categories file", async () => {
  const r = await report({
    "transactions.csv": lines(
      "customer_id,tr_datetime,mcc_code,amount",
      "1,2024-01-05 10:00:00,5411,12.5",
      "1,2024-01-06 11:00:00,5812,30",
      "2,2024-01-07 12:00:00,5411,-4",
    ),
    "mcc_codes.csv": lines("mcc_code;mcc_description", "5411;Grocery stores", "5812;Restaurants", "5411;Grocery stores again"),
  });

  it("detects transactions as orders with categories, and the code list as categories", () => {
    const tx = r.datasets.find((d) => d.kind === "orders")!;
    expect(tx.columns).toEqual({ user: "customer_id", time: "tr_datetime", revenue: "amount", category: "mcc_code" });
    expect(tx.rejected).toEqual([{ reason: "negative revenue", count: 1, examples: ["transactions.csv:4"] }]);
    const cats = r.datasets.find((d) => d.kind === "categories")!;
    expect(cats.columns).toEqual({ code: "mcc_code", name: "mcc_description" });
    expect(cats.rejected).toEqual([{ reason: "duplicate id", count: 1, examples: ["mcc_codes.csv:4"] }]);
  });
});
