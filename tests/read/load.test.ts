import { describe, expect, it } from "vitest";
import { runEngine } from "../../src/engine.ts";
import { parseConfig } from "../../src/read/config.ts";
import { chdbPresent, dataDir, ENGINES, fact, lines, loadTables } from "../helpers.ts";

const defaults = parseConfig({}, "test");
if (!chdbPresent) console.warn("the loader tests run on DuckDB only: chdb is not installed (npm install --no-save chdb)");
const rejected = (d: { rejections: { list(): { reason: string; count: number; examples: string[] }[] } }) =>
  Object.fromEntries(d.rejections.list().map((r) => [r.reason, r.examples]));

describe.each(ENGINES)("loadDataDir(dir, config, zone) on $name", (on) => {
  const load = (files: Record<string, string>, config = defaults) => loadTables(dataDir(files), config, false, on);
  it("recognises the Y.Afisha headers of all three kinds without configuration", async () => {
    const r = await load({
      "v.csv": lines("Device,End Ts,Source Id,Start Ts,Uid", "touch,2017-12-20 17:38:00,4,2017-12-20 17:20:00,16879256277535980062"),
      "o.csv": lines("Buy Ts,Revenue,Uid", "2017-06-01 00:10:00,17.00,10329302124590727494"),
      "c.csv": lines("source_id,dt,costs", "1,2017-06-01,75.20"),
    });
    expect(r.errors).toEqual([]);
    expect(r.datasets.map((d) => [d.table.kind, d.columns])).toEqual([
      ["costs", { date: "dt", source: "source_id", cost: "costs" }],
      ["orders", { user: "Uid", time: "Buy Ts", revenue: "Revenue" }],
      ["visits", { user: "Uid", start: "Start Ts", end: "End Ts", source: "Source Id", device: "Device" }],
    ]);
    // Ids above 2^53 stay exact text.
    expect(r.labels.user).toContain("16879256277535980062");
    expect(r.labels.user).toContain("10329302124590727494");
  });

  it("rejects each bad row with its reason and file:line", async () => {
    const r = await load({
      "visits.csv": lines(
        "Uid,Start Ts,End Ts,Source Id",
        "1,2024-01-01 10:00:00,2024-01-01 10:01:00,a",
        ",2024-01-01 10:00:00,2024-01-01 10:01:00,a", // missing id
        "2,01/02/2024 10:00,,a", // unparseable timestamp
        "3,2024-01-01 10:00:00,2024-01-01 09:00:00,a", // end before start
        "1,2024-01-01 10:00:00,2024-01-01 10:01:00,a", // duplicate
        "4,2024-01-01 10:00:00,,a,extra", // wrong number of fields
        "5,2024-01-01 10:00:00,soon,a", // unparseable end
      ),
      "orders.csv": lines("Uid,Buy Ts,Revenue", "1,2024-01-01 11:00,5", "1,2024-01-01 11:00,abc", "1,2024-01-01 11:00,-1", "1,2024-01-01 11:00,5"),
      "costs.csv": lines("dt,source_id,costs", "2024-01-01,a,1", "2024-01-01,a,-2", "2024-13-01,a,1", "2024-01-01,,1", "2024-01-01,a,1"),
    });
    const [costs, orders, visits] = r.datasets;
    expect(rejected(visits!)).toEqual({
      "missing id": ["visits.csv:3"],
      "unparseable timestamp": ["visits.csv:4", "visits.csv:8"],
      "session end before start": ["visits.csv:5"],
      duplicate: ["visits.csv:6"],
      "wrong number of fields": ["visits.csv:7"],
    });
    expect(visits!.table.length).toBe(1);
    // Orders without an order id and costs keep identical rows.
    expect(rejected(orders!)).toEqual({ "unparseable number": ["orders.csv:3"], "negative revenue": ["orders.csv:4"] });
    expect(orders!.table.length).toBe(2);
    expect(rejected(costs!)).toEqual({ "negative cost": ["costs.csv:3"], "unparseable date": ["costs.csv:4"], "missing source": ["costs.csv:5"] });
    expect(costs!.table.length).toBe(2);
  });

  it("rejects duplicate orders only when they carry an order id", async () => {
    const r = await load({ "orders.csv": lines("order_id,user_id,order_date,amount", "A1,1,2024-01-01,5", "A1,1,2024-01-01,5", "A2,1,2024-01-01,5") });
    expect(rejected(r.datasets[0]!)).toEqual({ duplicate: ["orders.csv:3"] });
  });

  it("rejects repeated rows and repeated customer ids as a plain reading of the rules does, whatever the spelling", async () => {
    // Rows drawn from small pools, so that equal rows, repeated ids and rejected rows meet often; the reference
    // reads them one by one. Fields compare trimmed (" 1" is 1); customers have no case-folded label.
    let seed = 11;
    const draw = <T>(pool: readonly T[]): T => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return pool[Math.floor(seed / 65536) % pool.length]!;
    };
    const rows = Array.from({ length: 400 }, () => [
      draw(["1", " 1", "2", "3", "4", ""]),
      draw(["2024-01-01", "2024-01-02", "bad"]),
      draw(["30", "31", "-1"]),
      draw(["London", "london"]),
      draw(["F"]),
    ]);
    const expected: Record<string, string[]> = {};
    const counts: Record<string, number> = {};
    const firstOfKey = new Map<string, boolean>();
    const firstIds = new Set<string>();
    rows.forEach((raw, i) => {
      const [id, registered, age] = raw.map((f) => f.trim()) as [string, string, string];
      let reason = id === "" ? "missing id" : registered === "bad" ? "unparseable date" : age === "-1" ? "negative age" : null;
      if (reason === null) {
        const key = raw.map((f) => f.trim()).join("\u0000");
        const firstWasUsed = firstOfKey.get(key);
        if (firstWasUsed !== undefined) reason = firstWasUsed ? "duplicate" : "duplicate id";
        else {
          // The first row of its group: used unless an earlier first row had its id.
          firstOfKey.set(key, !firstIds.has(id));
          if (firstIds.has(id)) reason = "duplicate id";
          firstIds.add(id);
        }
      }
      if (reason === null) return;
      counts[reason] = (counts[reason] ?? 0) + 1;
      const examples = (expected[reason] ??= []);
      if (examples.length < 5) examples.push(`customers.csv:${i + 2}`);
    });
    expect(Object.keys(counts).sort()).toEqual(["duplicate", "duplicate id", "missing id", "negative age", "unparseable date"]);
    const r = await load({ "customers.csv": lines("Uid,Registered,Age,City,Gender", ...rows.map((f) => f.join(","))) });
    const customers = r.datasets[0]!;
    expect(rejected(customers)).toEqual(expected);
    expect(Object.fromEntries(customers.rejections.list().map((x) => [x.reason, x.count]))).toEqual(counts);
  });

  it("keeps at most five examples per reason but counts them all", async () => {
    const bad = Array.from({ length: 8 }, () => ",2024-01-01,1");
    const r = await load({ "orders.csv": lines("Uid,Buy Ts,Revenue", "1,2024-01-01,1", ...bad) });
    const [missing] = r.datasets[0]!.rejections.list();
    expect(missing).toEqual({ reason: "missing id", count: 8, examples: ["orders.csv:3", "orders.csv:4", "orders.csv:5", "orders.csv:6", "orders.csv:7"] });
  });

  it("fails a file that lacks a required column, naming the column and the headers found", async () => {
    const r = await load({ "orders.csv": lines("Uid,Buy Ts,Amount Paid", "1,2024-01-01,5") });
    expect(r.errors).toEqual([
      'orders.csv: orders file lacks the revenue column or both quantity and price columns (looked for: revenue, ordertotal, total, amount, value, sales, linetotal); found headers: "Uid", "Buy Ts", "Amount Paid"',
    ]);
    expect(r.datasets).toEqual([]);
  });

  it("reads a UTF-8 BOM, CRLF line ends, quoted fields and gzip", async () => {
    const r = await load({
      "orders.csv.gz": '\uFEFFUid,Buy Ts,Revenue\r\n"1","2024-01-01 10:00","1,5"\r\n2,2024-01-02 10:00,2.5\r\n',
    });
    const d = r.datasets[0]!;
    expect(d.columns["user"]).toBe("Uid");
    expect(rejected(d)).toEqual({ "unparseable number": ["orders.csv.gz:2"] });
    expect(Array.from(d.table.num["revenue"]!)).toEqual([2.5]);
  });

  it("reads every dictionary label back whole, a label holding a line break and an empty neighbour's included", async () => {
    const r = await load({
      "visits.csv": lines(
        "Uid,Start Ts,Source Id",
        "u1,2024-01-01 10:00,ads",
        'u2,2024-01-01 11:00,"fb',
        'ads"',
        "u3,2024-01-01 12:00,",
        "u1,2024-01-02 10:00,mail",
      ),
    });
    expect(r.dicts.source.labels).toEqual(["ads", "fb\nads", "mail"]);
    expect(r.labels.user).toEqual(["u1", "u2", "u3"]);
  });

  it("reads files of one kind with the same headers as one dataset, and different headers as separate ones", async () => {
    const r = await load({
      "orders/2024-01.csv": lines("Uid,Buy Ts,Revenue", "1,2024-01-01,1"),
      "orders/2024-02.csv": lines("Uid,Buy Ts,Revenue", "2,2024-02-01,2", "3,2024-02-01,3"),
      "shop.csv": lines("customer_id,order_date,amount", "4,2024-02-03,4"),
    });
    expect(r.datasets.map((d) => [d.table.name, d.files.map((f) => [f.file, f.rows])])).toEqual([
      [
        "orders/2024-01.csv",
        [
          ["orders/2024-01.csv", 1],
          ["orders/2024-02.csv", 2],
        ],
      ],
      ["shop.csv", [["shop.csv", 1]]],
    ]);
  });

  it("lists a file it does not recognise as ignored, with its headers", async () => {
    const r = await load({ "notes.csv": lines("what,who", "x,y") });
    expect(r.ignored).toEqual([
      {
        file: "notes.csv",
        reason: 'notes.csv: not a visits, orders, costs, customers, categories, campaigns or experiment file (found headers: "what", "who")',
      },
    ]);
  });

  it("maps columns named in the config", async () => {
    const config = parseConfig({ datasets: { "export.csv": { kind: "orders", columns: { user: "Client", time: "When", revenue: "Sum" } } } }, "test");
    const r = await load({ "export.csv": lines("Client,When,Sum", "1,2024-01-01,9.5") }, config);
    expect(r.datasets[0]!.columns).toEqual({ user: "Client", time: "When", revenue: "Sum" });
  });

  it("fails a malformed CSV with file:line:column", async () => {
    const r = await load({ "orders.csv": lines("Uid,Buy Ts,Revenue", "1,2024-01-01,1", '2,"2024-01-02,2') });
    expect(r.errors).toEqual(["orders.csv:3:3: unterminated quoted field"]);
  });
});

describe("parseConfig(raw)", () => {
  it("fills defaults", () => {
    expect(parseConfig({}, "report.yaml")).toMatchObject({ currency: "USD", timezone: "UTC", margin: 1, period: {}, datasets: {} });
  });

  it("reports unknown keys and bad values by their key", () => {
    expect(() => parseConfig({ timzone: "UTC" }, "report.yaml")).toThrow(
      /report\.yaml: invalid config: unknown key "timzone" at \(top level\) \(known keys: title,/,
    );
    expect(() => parseConfig({ margin: 2 }, "report.yaml")).toThrow(/margin: /);
    expect(() => parseConfig({ period: { from: "2024-02-30" } }, "report.yaml")).toThrow(/period\.from: not a calendar date/);
  });

  // One message per old key, naming the new one: README.md's "Config migration".
  it.each([
    ["recommendations.minBuyers", { recommendations: { minBuyers: 10 } }, "recommendations.min_buyers"],
    ["recommendations.horizonMonths", { recommendations: { horizonMonths: 12 } }, "horizon_months"],
    ["recommendations.nearOne", { recommendations: { nearOne: 0.1 } }, "recommendations.near_one"],
    ["recommendations.cutRomi", { recommendations: { cutRomi: 0.5 } }, "recommendations.cut_romi"],
    ["recommendations.cutSpendShare", { recommendations: { cutSpendShare: 0.2 } }, "recommendations.cut_spend_share"],
  ])("fails the renamed key %s naming its new key", (old, raw, now) => {
    expect(() => parseConfig(raw, "content/report.yaml")).toThrow(new Error(`content/report.yaml: ${old} is now ${now} (see "Config migration" in README.md)`));
  });

  it("takes the renamed keys under their new names", () => {
    const c = parseConfig({ horizon_months: 12, recommendations: { min_buyers: 10, near_one: 0.1, cut_romi: 0.5, cut_spend_share: 0.2 } }, "r");
    expect([c.horizon_months, c.recommendations]).toEqual([12, { min_buyers: 10, near_one: 0.1, cut_romi: 0.5, cut_spend_share: 0.2 }]);
  });

  it("names a renamed key among the other problems, and still fails an unknown key beside it", () => {
    expect(() => parseConfig({ margin: 2, recommendations: { cutRomi: 0.5, minBuyer: 3 } }, "r")).toThrow(
      new Error(
        'r: invalid config: recommendations.cutRomi is now recommendations.cut_romi (see "Config migration" in README.md); margin: Too big: expected number to be <=1; unknown key "minBuyer" at recommendations',
      ),
    );
    expect(() => parseConfig({ recommendations: { minBuyer: 3 } }, "r")).toThrow(new Error('r: invalid config: unknown key "minBuyer" at recommendations'));
  });

  it("takes an engine, and a ClickHouse server's tables only with its URL", () => {
    expect(parseConfig({}, "r").engine).toBe("duckdb");
    expect(() => parseConfig({ engine: "sqlite" }, "r")).toThrow(/engine: /);
    expect(() => parseConfig({ clickhouse: { tables: { "shop.orders": {} } } }, "r")).toThrow(/clickhouse: clickhouse\.tables needs clickhouse\.url/);
    expect(() => parseConfig({ clickhouse: { url: "ftp://x", tables: {} } }, "r")).toThrow(/clickhouse\.url: expected an http\(s\) URL/);
    expect(() => parseConfig({ clickhouse: { url: "http://h:8123", tables: { orders: {} } } }, "r")).toThrow(/expected database\.table/);
    const ok = parseConfig({ engine: "clickhouse", clickhouse: { url: "http://h:8123", tables: { "shop.orders": { key: ["order_id"] } } } }, "r");
    expect(ok.clickhouse).toEqual({ url: "http://h:8123", tables: { "shop.orders": { key: ["order_id"] } } });
  });
});

describe("runEngine() period rules", () => {
  it("rejects rows outside a configured period and clips costs to it", async () => {
    const dir = dataDir({
      "orders.csv": lines("Uid,Buy Ts,Revenue", "1,2024-01-31 23:59:59,1", "1,2024-02-01 00:00:00,2", "2,2024-02-29 23:59:59,4", "3,2024-03-01,8"),
      "costs.csv": lines("dt,source_id,costs", "2024-01-31,a,1", "2024-02-15,a,2"),
      "report.yaml": "period:\n  from: 2024-02-01\n  to: 2024-02-29\n",
    });
    const r = (await runEngine({ dataDir: dir, configPath: `${dir}/report.yaml` })).report!;
    expect(fact(r.facts, "revenue")).toBe(6);
    expect(fact(r.facts, "cost")).toBe(2);
    expect(r.period?.completeMonths).toEqual(["2024-02"]);
    expect(r.datasets.find((d) => d.kind === "orders")!.rejected).toEqual([{ reason: "outside period", count: 2, examples: ["orders.csv:2", "orders.csv:5"] }]);
  });

  it("puts days, and so the period edge, in the report timezone", async () => {
    // 23:30 UTC on Jan 31 is already Feb 1 in Berlin.
    const dir = dataDir({
      "orders.csv": lines("Uid,Buy Ts,Revenue", "1,2024-01-31T23:30:00Z,1", "2,2024-02-10T10:00:00Z,1"),
      "report.yaml": "timezone: Europe/Berlin\n",
    });
    const r = (await runEngine({ dataDir: dir, configPath: `${dir}/report.yaml` })).report!;
    expect(r.period?.from).toBe("2024-02-01");
  });
});
