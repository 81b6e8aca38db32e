import { describe, expect, it } from "vitest";
import {
  BANK_CUSTOMERS_HEADER,
  BANK_MCC_HEADER,
  BANK_SEGMENTS,
  BANK_TRANSACTIONS_HEADER,
  LAPSED_QUIET_DAYS,
  NEW_CUSTOMER_DAYS,
  generateBank,
  plantedBankSegments,
  type BankSegment,
} from "../../src/demo/bank.ts";

interface Bank {
  customers: string[];
  transactions: string[];
  mccs: string[];
}

function generate(seed: number, scale: number): Bank {
  const bank: Bank = { customers: [], transactions: [], mccs: [] };
  generateBank({ seed, scale }, { customer: (l) => bank.customers.push(l), transaction: (l) => bank.transactions.push(l), mcc: (l) => bank.mccs.push(l) });
  return bank;
}

const DAY_MS = 86_400_000;
/** Day number of `YYYY-MM-DD` (the date part of a timestamp), or NaN. */
const dayOf = (text: string): number => (/^\d{4}-\d{2}-\d{2}$/.test(text) ? Date.parse(`${text}T00:00:00Z`) / DAY_MS : Number.NaN);
const END = dayOf("2025-05-31");
const START = dayOf("2024-03-01");

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

interface Rfm {
  /** Days from the last purchase to 2025-05-31. */
  recency: number;
  frequency: number;
  monetary: number;
}

/** Recency, frequency and monetary value per customer id with purchases. */
function rfm(transactions: readonly string[]): Map<string, Rfm> {
  const out = new Map<string, Rfm>();
  for (const line of transactions) {
    const [id = "", time = "", , amount = ""] = line.split(",");
    const r = out.get(id) ?? { recency: Infinity, frequency: 0, monetary: 0 };
    r.recency = Math.min(r.recency, END - dayOf(time.slice(0, 10)));
    r.frequency++;
    r.monetary += Number(amount);
    out.set(id, r);
  }
  return out;
}

/** Rows of customers.csv by id, as field arrays. */
function customerRows(bank: Bank): Map<string, string[]> {
  return new Map(bank.customers.map((line) => [line.slice(0, line.indexOf(",")), line.split(",")]));
}

// Generated once: scale 1 (about 1,000 customers and 200k purchases) and a small one.
const full = generate(1, 1);
const small = generate(1, 0.05);
const truth = plantedBankSegments({ seed: 1, scale: 1 });
const stats = rfm(full.transactions);

/** The values of `f` for the customers with purchases of each segment. */
function bySegment(f: (r: Rfm) => number): Map<BankSegment, number[]> {
  const out = new Map<BankSegment, number[]>(BANK_SEGMENTS.map((s) => [s, []]));
  for (const [id, r] of stats) out.get(truth.get(id) ?? "new")?.push(f(r));
  return out;
}
const medianOf = (values: Map<BankSegment, number[]>, segment: BankSegment): number => median(values.get(segment) ?? []);

describe("generateBank", () => {
  it("generateBank(options, sink) gives identical lines for the same seed and scale", () => {
    const again = generate(1, 0.05);
    expect(again.customers.join("\n")).toBe(small.customers.join("\n"));
    expect(again.transactions.join("\n")).toBe(small.transactions.join("\n"));
    expect(again.mccs.join("\n")).toBe(small.mccs.join("\n"));
  });

  it("generateBank(options, sink) gives different customers and transactions for a different seed", () => {
    const other = generate(2, 0.05);
    expect(other.customers.join("\n")).not.toBe(small.customers.join("\n"));
    expect(other.transactions.join("\n")).not.toBe(small.transactions.join("\n"));
  });

  it("generateBank(options, sink) rejects a scale that is not positive and a bad seed", () => {
    const sink = { customer() {}, transaction() {}, mcc() {} };
    expect(() => generateBank({ seed: 1, scale: 0 }, sink)).toThrow("invalid scale: 0");
    expect(() => generateBank({ seed: 1, scale: Number.NaN }, sink)).toThrow("invalid scale: NaN");
    expect(() => generateBank({ seed: -1, scale: 1 }, sink)).toThrow("invalid seed: -1");
    expect(() => generateBank({ seed: 1.5, scale: 1 }, sink)).toThrow("invalid seed: 1.5");
  });

  it("exports the exact headers, with as many fields as each line", () => {
    expect(BANK_CUSTOMERS_HEADER).toBe("customer_id,registration_date,age,city,gender,email,sms,push,phone");
    expect(BANK_TRANSACTIONS_HEADER).toBe("customer_id,tr_datetime,mcc_code,amount");
    expect(BANK_MCC_HEADER).toBe("mcc_code;mcc_description");
    expect(full.customers.filter((line) => line.split(",").length !== 9)).toEqual([]);
    expect(full.transactions.filter((line) => line.split(",").length !== 4)).toEqual([]);
    expect(full.mccs.filter((line) => line.split(";").length !== 2)).toEqual([]);
  });

  it("scales counts linearly: scale 1 is 1,000 customers and about 200,000 transactions", () => {
    expect(full.customers.length).toBe(1000);
    expect(full.transactions.length).toBeGreaterThan(170_000);
    expect(full.transactions.length).toBeLessThan(240_000);
    expect(small.customers.length).toBe(50);
    expect(small.transactions.length / full.transactions.length).toBeGreaterThan(0.02);
    expect(small.transactions.length / full.transactions.length).toBeLessThan(0.09);
  });

  it("writes 30 to 60 distinct 4-digit MCC codes in code order, and every transaction uses one of them", () => {
    const codes = full.mccs.map((line) => line.split(";")[0] ?? "");
    expect(codes.length).toBeGreaterThanOrEqual(30);
    expect(codes.length).toBeLessThanOrEqual(60);
    expect(codes.filter((code) => !/^\d{4}$/.test(code))).toEqual([]);
    expect(new Set(codes).size).toBe(codes.length);
    expect([...codes].sort()).toEqual(codes);
    expect(full.mccs.filter((line) => !/^\d{4};[^;]{5,}$/.test(line))).toEqual([]);
    const known = new Set(codes);
    expect(full.transactions.filter((line) => !known.has(line.split(",")[2] ?? ""))).toEqual([]);
    for (const code of ["5411", "5812", "5814", "5541", "5912", "4511", "7011"]) expect(known.has(code)).toBe(true);
  });

  it("gives distinct 8-digit customer ids that grow with the registration date, and every transaction's customer is in customers.csv", () => {
    const ids = full.customers.map((line) => line.split(",")[0] ?? "");
    expect(ids.filter((id) => !/^[1-9]\d{7}$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const dates = full.customers.map((line) => line.split(",")[1] ?? "");
    const unordered = ids.filter((id, i) => i > 0 && !(Number(id) > Number(ids[i - 1]) && (dates[i] ?? "") >= (dates[i - 1] ?? "")));
    expect(unordered).toEqual([]);
    const known = new Set(ids);
    expect(full.transactions.filter((line) => !known.has(line.split(",")[0] ?? ""))).toEqual([]);
  });

  it("writes well-formed customer fields: dates up to 2025-05-31, ages 18 to 80, F/M, 0/1 channel flags, a handful of cities", () => {
    const bad = full.customers.filter((line) => {
      const [, date = "", age = "", city = "", gender = "", ...flags] = line.split(",");
      return (
        !(dayOf(date) <= END) ||
        !/^\d+$/.test(age) ||
        Number(age) < 18 ||
        Number(age) > 80 ||
        city === "" ||
        !/^[FM]$/.test(gender) ||
        flags.some((f) => !/^[01]$/.test(f))
      );
    });
    expect(bad).toEqual([]);
    const cities = new Map<string, number>();
    for (const line of full.customers) cities.set(line.split(",")[3] ?? "", (cities.get(line.split(",")[3] ?? "") ?? 0) + 1);
    expect(cities.size).toBeGreaterThanOrEqual(4);
    expect(cities.size).toBeLessThanOrEqual(10);
    const shares = [...cities.values()].sort((a, b) => b - a).map((n) => n / full.customers.length);
    expect(shares[0]).toBeGreaterThan(0.25); // the capital-like city
    expect(shares.at(-1)).toBeLessThan(0.1);
  });

  it("writes transactions inside 2024-03-01 … 2025-05-31, in time order per customer, with positive 2-decimal amounts, none before registration", () => {
    const registered = new Map(full.customers.map((line) => [line.split(",")[0] ?? "", dayOf(line.split(",")[1] ?? "")]));
    const previous = new Map<string, string>();
    const bad = full.transactions.filter((line) => {
      const [id = "", time = "", , amount = ""] = line.split(",");
      const day = dayOf(time.slice(0, 10));
      const wellFormed = /^\d{4}-\d{2}-\d{2} ([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/.test(time) && /^\d+\.\d\d$/.test(amount) && Number(amount) > 0;
      const ordered = time >= (previous.get(id) ?? "");
      previous.set(id, time);
      return !wellFormed || !ordered || !(day >= START && day <= END) || !(day >= (registered.get(id) ?? Infinity));
    });
    expect(bad).toEqual([]);
    const days = new Set(full.transactions.map((line) => line.slice(line.indexOf(",") + 1, line.indexOf(",") + 11)));
    expect(days.has("2024-03-01")).toBe(true);
    expect(days.has("2025-05-31")).toBe(true);
  });

  it("has customers who registered but never bought (about 7 %)", () => {
    const never = full.customers.filter((line) => !stats.has(line.split(",")[0] ?? "")).length;
    expect(never / full.customers.length).toBeGreaterThan(0.03);
    expect(never / full.customers.length).toBeLessThan(0.12);
  });
});

describe("plantedBankSegments", () => {
  it("plantedBankSegments(options) names one planted segment for every customer id, in exactly the planned shares", () => {
    const ids = full.customers.map((line) => line.split(",")[0] ?? "");
    expect([...truth.keys()].sort()).toEqual([...ids].sort());
    const counts = new Map<string, number>();
    for (const segment of truth.values()) counts.set(segment, (counts.get(segment) ?? 0) + 1);
    // 15 %, 13 %, 25 %, 26 % and 21 % of 1,000.
    expect(Object.fromEntries([...counts].sort())).toEqual({
      "affluent-travellers": 130,
      "everyday-young": 150,
      lapsed: 260,
      new: 210,
      "steady-families": 250,
    });
    expect(plantedBankSegments({ seed: 1, scale: 0.05 }).size).toBe(50);
  });

  it("lapsed customers buy nothing in the last 150 days, and new customers registered in the last 180 days", () => {
    expect(LAPSED_QUIET_DAYS).toBe(150);
    expect(NEW_CUSTOMER_DAYS).toBe(180);
    const rows = customerRows(full);
    for (const [id, segment] of truth) {
      const recency = stats.get(id)?.recency ?? Infinity;
      const registeredDaysAgo = END - dayOf(rows.get(id)?.[1] ?? "");
      if (segment === "lapsed") expect(recency).toBeGreaterThanOrEqual(150);
      else if (segment === "new") expect(registeredDaysAgo).toBeLessThan(180);
      else expect(registeredDaysAgo).toBeGreaterThanOrEqual(270); // registered before 2024-09
      // Young and families buy every few days; travellers can go quiet for a while between trips.
      if (segment === "everyday-young" || segment === "steady-families") expect(recency).toBeLessThan(30);
    }
    const travellers = [...truth].filter(([, s]) => s === "affluent-travellers").map(([id]) => stats.get(id)?.recency ?? Infinity);
    expect(travellers.filter((days) => days < 150).length / travellers.length).toBeGreaterThan(0.95);
  });

  it("orders the segments' median recency, frequency and monetary value as planted", () => {
    const recency = bySegment((r) => r.recency);
    const frequency = bySegment((r) => r.frequency);
    const monetary = bySegment((r) => r.monetary);
    const r = (s: BankSegment): number => medianOf(recency, s);
    const f = (s: BankSegment): number => medianOf(frequency, s);
    const m = (s: BankSegment): number => medianOf(monetary, s);
    // Recency: young buy daily, families every few days, travellers in bursts weeks apart; lapsed stopped.
    expect(r("everyday-young")).toBeLessThanOrEqual(1);
    expect(r("steady-families")).toBeLessThanOrEqual(3);
    expect(r("affluent-travellers")).toBeGreaterThan(r("steady-families"));
    expect(r("lapsed")).toBeGreaterThan(150);
    expect(r("new")).toBeLessThan(30);
    // Frequency over 15 months.
    expect(f("everyday-young")).toBeGreaterThan(600);
    expect(f("steady-families")).toBeGreaterThan(120);
    expect(f("steady-families")).toBeLessThan(300);
    expect(f("affluent-travellers")).toBeLessThan(f("steady-families") / 2);
    expect(f("new")).toBeLessThan(f("affluent-travellers"));
    // Monetary value.
    expect(m("affluent-travellers")).toBeGreaterThan(2 * m("steady-families"));
    expect(m("steady-families")).toBeGreaterThan(m("everyday-young"));
    expect(m("everyday-young")).toBeGreaterThan(m("lapsed"));
    expect(m("lapsed")).toBeGreaterThan(m("new"));
    // Small tickets for the young, large ones for travellers.
    const ticket = (s: BankSegment): number => m(s) / f(s);
    expect(ticket("everyday-young")).toBeLessThan(25);
    expect(ticket("affluent-travellers")).toBeGreaterThan(200);
  });

  it("gives each segment its planted category mix", () => {
    const TRAVEL = new Set(["4511", "4112", "4582", "4722", "5309", "7011", "7512"]);
    // Food shops, fuel and pharmacies.
    const EVERYDAY_FAMILY = new Set(["5411", "5422", "5441", "5462", "5499", "5921", "5541", "5542", "5912"]);
    const spend = new Map<BankSegment, { total: number; travel: number; count: number; fastFood: number; family: number }>();
    for (const line of full.transactions) {
      const [id = "", , code = "", amount = ""] = line.split(",");
      const segment = truth.get(id) ?? "new";
      const s = spend.get(segment) ?? { total: 0, travel: 0, count: 0, fastFood: 0, family: 0 };
      s.total += Number(amount);
      s.count++;
      if (TRAVEL.has(code)) s.travel += Number(amount);
      if (code === "5814") s.fastFood++;
      if (EVERYDAY_FAMILY.has(code)) s.family++;
      spend.set(segment, s);
    }
    const get = (segment: BankSegment) => spend.get(segment) ?? { total: 1, travel: 0, count: 1, fastFood: 0, family: 0 };
    expect(get("affluent-travellers").travel / get("affluent-travellers").total).toBeGreaterThan(0.5);
    for (const other of ["everyday-young", "steady-families", "lapsed", "new"] as const) expect(get(other).travel / get(other).total).toBeLessThan(0.25);
    expect(get("everyday-young").fastFood / get("everyday-young").count).toBeGreaterThan(0.2);
    expect(get("steady-families").family / get("steady-families").count).toBeGreaterThan(0.45);
    expect(get("everyday-young").family / get("everyday-young").count).toBeLessThan(0.35);
  });

  it("gives each segment its planted ages and reachable channels", () => {
    const rows = customerRows(full);
    const of = (segment: BankSegment): string[][] => [...truth].filter(([, s]) => s === segment).map(([id]) => rows.get(id) ?? []);
    const share = (segment: BankSegment, column: number): number => of(segment).filter((row) => row[column] === "1").length / of(segment).length;
    const ages = (segment: BankSegment): number[] => of(segment).map((row) => Number(row[2]));
    const [EMAIL, SMS, PUSH, PHONE] = [5, 6, 7, 8];
    expect(Math.min(...ages("everyday-young"))).toBeGreaterThanOrEqual(18);
    expect(Math.max(...ages("everyday-young"))).toBeLessThanOrEqual(30);
    expect(Math.min(...ages("affluent-travellers"))).toBeGreaterThanOrEqual(35);
    expect(Math.max(...ages("affluent-travellers"))).toBeLessThanOrEqual(55);
    expect(median(ages("lapsed"))).toBeGreaterThan(median(ages("new")));
    expect(share("everyday-young", PUSH)).toBeGreaterThan(0.8);
    expect(share("lapsed", PUSH)).toBeLessThan(0.3);
    expect(share("steady-families", SMS)).toBeGreaterThan(share("everyday-young", SMS) + 0.3);
    expect(share("lapsed", PHONE)).toBeGreaterThan(share("everyday-young", PHONE) + 0.3);
    expect(share("affluent-travellers", EMAIL)).toBeGreaterThan(0.7);
  });
});
