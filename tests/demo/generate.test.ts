import { describe, expect, it } from "vitest";
import { COSTS_HEADER, ORDERS_HEADER, VISITS_HEADER, demoUid, generateDemo } from "../../src/demo/generate.ts";

interface Demo {
  visits: string[];
  orders: string[];
  costs: string[];
  customers: string[];
}

function generate(seed: number, scale: number): Demo {
  const demo: Demo = { visits: [], orders: [], costs: [], customers: [] };
  generateDemo(
    { seed, scale },
    { visit: (l) => demo.visits.push(l), order: (l) => demo.orders.push(l), cost: (l) => demo.costs.push(l), customer: (l) => demo.customers.push(l) },
  );
  return demo;
}

/** Wall-clock minutes of `YYYY-MM-DD HH:MM:SS`, or NaN. */
function minutes(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return Number.NaN;
  return Date.parse(`${text.replace(" ", "T")}Z`) / 60_000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** First touch: the source of each user's earliest valid session (on a tie, the smaller label). */
function firstTouches(visits: readonly string[]): Map<string, { t: number; source: string }> {
  const first = new Map<string, { t: number; source: string }>();
  for (const line of visits) {
    const [uid = "", start = "", end = "", source = ""] = line.split(",");
    const t = minutes(start);
    if (minutes(end) < t) continue; // a planted bad row
    const seen = first.get(uid);
    if (!seen || t < seen.t || (t === seen.t && source < seen.source)) first.set(uid, { t, source });
  }
  return first;
}

const PERIOD_START = minutes("2024-06-01 00:00:00");
const PERIOD_END = minutes("2025-05-31 23:59:59");
const TWO_53 = 2n ** 53n;

// Generated once: the committed demo data's seed and scale, and a small one.
const small = generate(1, 0.02);
const committed = generate(1, 0.1);

describe("generateDemo", () => {
  it("generateDemo(options, sink) gives identical lines for the same seed and scale", () => {
    const again = generate(1, 0.02);
    expect(again.visits.join("\n")).toBe(small.visits.join("\n"));
    expect(again.orders.join("\n")).toBe(small.orders.join("\n"));
    expect(again.costs.join("\n")).toBe(small.costs.join("\n"));
  });

  it("generateDemo(options, sink) gives different lines for a different seed", () => {
    const other = generate(2, 0.02);
    expect(other.visits.join("\n")).not.toBe(small.visits.join("\n"));
    expect(other.orders.join("\n")).not.toBe(small.orders.join("\n"));
    expect(other.costs.join("\n")).not.toBe(small.costs.join("\n"));
  });

  it("generateDemo(options, sink) rejects a scale that is not positive and a bad seed", () => {
    const sink = { visit() {}, order() {}, cost() {}, customer() {} };
    expect(() => generateDemo({ seed: 1, scale: 0 }, sink)).toThrow("invalid scale: 0");
    expect(() => generateDemo({ seed: 1, scale: Number.NaN }, sink)).toThrow("invalid scale: NaN");
    expect(() => generateDemo({ seed: -1, scale: 1 }, sink)).toThrow("invalid seed: -1");
    expect(() => generateDemo({ seed: 1.5, scale: 1 }, sink)).toThrow("invalid seed: 1.5");
  });

  it("exports the Y.Afisha headers, with as many fields as each line", () => {
    expect(VISITS_HEADER).toBe("Uid,Start Ts,End Ts,Source Id,Device");
    expect(ORDERS_HEADER).toBe("Uid,Buy Ts,Revenue");
    expect(COSTS_HEADER).toBe("dt,source_id,costs");
    expect(committed.visits.filter((line) => line.split(",").length !== 5)).toEqual([]);
    expect(committed.orders.filter((line) => line.split(",").length !== 3)).toEqual([]);
    expect(committed.costs.filter((line) => line.split(",").length !== 3)).toEqual([]);
  });

  it("scales counts linearly: scale 0.1 is about 30k sessions and 5k orders", () => {
    expect(committed.visits.length).toBeGreaterThan(27_000);
    expect(committed.visits.length).toBeLessThan(33_000);
    expect(committed.orders.length).toBeGreaterThan(4_500);
    expect(committed.orders.length).toBeLessThan(5_500);
    // 0.02 / 0.1 = 0.2 of the sessions, within sampling noise.
    expect(small.visits.length / committed.visits.length).toBeGreaterThan(0.18);
    expect(small.visits.length / committed.visits.length).toBeLessThan(0.22);
  });

  it("writes uids as decimal integers above 2^53, all in the plain decimal form", () => {
    const bad = committed.visits.filter((line) => {
      const uid = line.slice(0, line.indexOf(","));
      return !/^[1-9]\d*$/.test(uid) || BigInt(uid) <= TWO_53 || BigInt(uid) >= 2n ** 64n;
    });
    expect(bad).toEqual([]);
  });

  it("demoUid(key, n) is distinct for 100,000 consecutive n and above 2^53", () => {
    const seen = new Set<bigint>();
    let low = 0;
    for (let n = 0; n < 100_000; n++) {
      const uid = demoUid(12345n, n);
      if (uid <= TWO_53) low++;
      seen.add(uid);
    }
    expect(low).toBe(0);
    expect(seen.size).toBe(100_000);
  });

  it("plants exactly one of each bad row at scale 0.02 (at least 1 each)", () => {
    const visitCounts = new Map<string, number>();
    for (const line of small.visits) visitCounts.set(line, (visitCounts.get(line) ?? 0) + 1);
    expect([...visitCounts.values()].filter((n) => n > 1)).toEqual([2]);

    const backwards = small.visits.filter((line) => {
      const [, start = "", end = ""] = line.split(",");
      return minutes(end) < minutes(start);
    });
    expect(backwards.length).toBe(1);

    expect(small.orders.filter((line) => line.startsWith(",")).length).toBe(1);
    expect(small.costs.filter((line) => !/^\d+\.\d\d$/.test(line.split(",")[2] ?? "")).length).toBe(1);
  });

  it("plants about 20 duplicates, 5 backwards sessions, 3 empty uids and 2 bad costs per unit of scale", () => {
    const demo = committed; // scale 0.1: 2, 1 (0.5 rounds to 1), 1 (0.3 → at least 1), 1
    const counts = new Map<string, number>();
    for (const line of demo.visits) counts.set(line, (counts.get(line) ?? 0) + 1);
    expect([...counts.values()].filter((n) => n > 1).length).toBe(2);
    expect(demo.visits.filter((l) => minutes(l.split(",")[2] ?? "") < minutes(l.split(",")[1] ?? "")).length).toBe(1);
    expect(demo.orders.filter((l) => l.startsWith(",")).length).toBe(1);
    expect(demo.costs.filter((l) => !/^\d+\.\d\d$/.test(l.split(",")[2] ?? "")).length).toBe(1);
  });

  it("keeps every timestamp well-formed and every start and order inside 2024-06-01 … 2025-05-31", () => {
    const inPeriod = (t: number): boolean => t >= PERIOD_START && t <= PERIOD_END;
    const badVisits = committed.visits.filter((line) => {
      const [, start = "", end = ""] = line.split(",");
      return !inPeriod(minutes(start)) || Number.isNaN(minutes(end));
    });
    expect(badVisits).toEqual([]);
    const badOrders = committed.orders.filter((line) => {
      const [, time = "", revenue = ""] = line.split(",");
      return !inPeriod(minutes(time)) || !/^\d+\.\d\d$/.test(revenue);
    });
    expect(badOrders).toEqual([]);
  });

  it("places every order at or after its user's first session", () => {
    const first = new Map<string, number>();
    for (const line of committed.visits) {
      const [uid = "", start = "", end = ""] = line.split(",");
      if (minutes(end) < minutes(start)) continue; // a planted bad row
      const t = minutes(start);
      if (!(t >= (first.get(uid) ?? Infinity))) first.set(uid, t);
    }
    const early = committed.orders.filter((line) => {
      const [uid = "", time = ""] = line.split(",");
      return uid !== "" && !(minutes(time) >= (first.get(uid) ?? Infinity)); // an empty uid is a planted bad row
    });
    expect(early).toEqual([]);
  });

  it("writes one cost row per day for search, social, display, email and video, and none for referral", () => {
    const bySource = new Map<string, Set<string>>();
    for (const line of committed.costs) {
      const [dt = "", source = "", cost = ""] = line.split(",");
      if (!/^\d+\.\d\d$/.test(cost)) continue;
      const days = bySource.get(source) ?? new Set<string>();
      days.add(dt);
      bySource.set(source, days);
    }
    expect([...bySource.keys()].sort()).toEqual(["display", "email", "search", "social", "video"]);
    for (const days of bySource.values()) {
      expect(days.size).toBe(365);
      expect([...days].sort()[0]).toBe("2024-06-01");
      expect([...days].sort()[364]).toBe("2025-05-31");
    }
    expect(committed.costs.length).toBe(365 * 5 + 1);
  });

  it("has about 30% fewer sessions per weekend day than per weekday", () => {
    const perWeekday = new Array<number>(7).fill(0);
    for (const line of committed.visits) {
      const day = new Date(`${line.split(",")[1]?.slice(0, 10)}T00:00:00Z`).getUTCDay();
      perWeekday[day] = (perWeekday[day] ?? 0) + 1;
    }
    // 2024-06-01 … 2025-05-31 has 53 Saturdays and 52 of every other day.
    const days = [52, 52, 52, 52, 52, 52, 53];
    const rate = perWeekday.map((n, i) => n / (days[i] ?? 1));
    const weekend = ((rate[0] ?? 0) + (rate[6] ?? 0)) / 2;
    const weekday = ((rate[1] ?? 0) + (rate[2] ?? 0) + (rate[3] ?? 0) + (rate[4] ?? 0) + (rate[5] ?? 0)) / 5;
    expect(weekend / weekday).toBeGreaterThan(0.62);
    expect(weekend / weekday).toBeLessThan(0.78);
  });

  it("has sessions of about 5 minutes, longer on desktop, some of length 0", () => {
    const lengths: Record<string, number[]> = { desktop: [], touch: [] };
    for (const line of committed.visits) {
      const [, start = "", end = "", , device = ""] = line.split(",");
      const length = minutes(end) - minutes(start);
      if (length >= 0) lengths[device]?.push(length);
    }
    const all = [...(lengths["desktop"] ?? []), ...(lengths["touch"] ?? [])];
    expect(all.length).toBe(committed.visits.length - 1);
    expect(median(all)).toBeGreaterThanOrEqual(3);
    expect(median(all)).toBeLessThanOrEqual(7);
    expect(median(lengths["desktop"] ?? [])).toBeGreaterThan(median(lengths["touch"] ?? []));
    expect(all.filter((n) => n === 0).length / all.length).toBeGreaterThan(0.03);
  });

  it("shows the planted ROMI per first-touch source: search > 1, social ≈ 0.4, display ≈ 1, email cheap", () => {
    const firstTouch = firstTouches(committed.visits);
    const revenue = new Map<string, number>();
    const buyers = new Map<string, Set<string>>();
    for (const line of committed.orders) {
      const [uid = "", , value = ""] = line.split(",");
      const source = firstTouch.get(uid)?.source;
      if (uid === "" || source === undefined) continue;
      revenue.set(source, (revenue.get(source) ?? 0) + Number(value));
      buyers.set(source, (buyers.get(source) ?? new Set()).add(uid));
    }
    const cost = new Map<string, number>();
    for (const line of committed.costs) {
      const [, source = "", value = ""] = line.split(",");
      if (/^\d+\.\d\d$/.test(value)) cost.set(source, (cost.get(source) ?? 0) + Number(value));
    }
    const romi = (source: string): number => (revenue.get(source) ?? 0) / (cost.get(source) ?? Number.NaN);

    expect(romi("search")).toBeGreaterThan(1.2);
    expect(romi("social")).toBeGreaterThan(0.3);
    expect(romi("social")).toBeLessThan(0.55);
    expect(romi("display")).toBeGreaterThan(0.85);
    expect(romi("display")).toBeLessThan(1.15);
    expect(romi("email")).toBeGreaterThan(2.5);
    expect((cost.get("email") ?? 0) / (buyers.get("email")?.size ?? 1)).toBeLessThan((cost.get("search") ?? 0) / (buyers.get("search")?.size ?? 1));
    // Referral: buyers without spend; video: spend without enough buyers.
    expect(buyers.get("referral")?.size ?? 0).toBeGreaterThan(500);
    expect(cost.has("referral")).toBe(false);
    expect(buyers.get("video")?.size ?? 0).toBeLessThan(15);
    expect(cost.get("video") ?? 0).toBeGreaterThan(0);
    // Direct: only later sessions, never a first touch.
    expect(committed.visits.some((l) => l.split(",")[3] === "direct")).toBe(true);
    expect([...firstTouch.values()].some((f) => f.source === "direct")).toBe(false);
  });

  it("has search buyers who repeat more than social buyers (so search pays back later in the cohort)", () => {
    const firstTouch = firstTouches(committed.visits);
    const orders = new Map<string, number>();
    for (const line of committed.orders) {
      const uid = line.split(",")[0] ?? "";
      if (uid !== "") orders.set(uid, (orders.get(uid) ?? 0) + 1);
    }
    const perBuyer = (source: string): number => {
      const counts = [...orders].filter(([uid]) => firstTouch.get(uid)?.source === source).map(([, n]) => n);
      return counts.reduce((a, b) => a + b, 0) / counts.length;
    };
    expect(perBuyer("search")).toBeGreaterThan(perBuyer("social") + 0.3);
  });
});

describe("generateDemo customers", () => {
  const demo = generate(2, 0.1);
  const orders = new Map<string, number>();
  for (const line of demo.orders) {
    const uid = line.slice(0, line.indexOf(","));
    if (uid !== "") orders.set(uid, (orders.get(uid) ?? 0) + 1);
  }
  const rows = demo.customers.map((l) => l.split(","));

  it("writes one row per buyer and per registered non-buyer, each registered on a day of the period", () => {
    const ids = new Set(rows.map((r) => r[0]));
    expect(ids.size).toBe(rows.length);
    for (const uid of orders.keys()) expect(ids.has(uid)).toBe(true);
    const nonBuyers = rows.filter((r) => !orders.has(r[0]!)).length;
    expect(nonBuyers).toBeGreaterThan(0);
    for (const r of rows) expect(r[1]! >= "2024-06-01" && r[1]! <= "2025-05-31").toBe(true);
  });

  it("plants push reach of 65% for customers with 2+ orders against 35% for the others", () => {
    const share = (pred: (n: number) => boolean): number => {
      const group = rows.filter((r) => pred(orders.get(r[0]!) ?? 0));
      return group.filter((r) => r[7] === "1").length / group.length;
    };
    expect(share((n) => n >= 2)).toBeGreaterThan(0.58);
    expect(share((n) => n >= 2)).toBeLessThan(0.72);
    expect(share((n) => n < 2)).toBeGreaterThan(0.3);
    expect(share((n) => n < 2)).toBeLessThan(0.4);
  });
});
