import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/read/config.ts";
import { detect } from "../../src/read/detect.ts";
import { numCol, refCol } from "../../src/read/table.ts";
import { dataDir, ENGINES, lines, loadTables } from "../helpers.ts";

const defaults = parseConfig({}, "test");
const reasons = (d: { rejections: { list(): { reason: string; count: number; examples: string[] }[] } }) =>
  Object.fromEntries(d.rejections.list().map((r) => [r.reason, r.examples]));

describe("detect(file, headers) for campaign results and experiments", () => {
  it("recognises marketing_campaign_dataset.csv's header, age_group as the segment", () => {
    const headers = "date,campaign_id,campaign_name,channel,region,device,age_group,impressions,clicks,leads,conversions,spend,revenue".split(",");
    expect(detect("m.csv", headers)).toEqual({
      status: "ok",
      kind: "campaigns",
      columns: {
        date: 0,
        campaign: 1,
        name: 2,
        channel: 3,
        region: 4,
        segment: 6,
        device: 5,
        impressions: 7,
        clicks: 8,
        leads: 9,
        conversions: 10,
        spend: 11,
        revenue: 12,
      },
    });
  });

  it("recognises KAG_conversion_data.csv: xyz_campaign_id (not fb_campaign_id), age as segment, Total_Conversion as leads, Approved_Conversion as conversions, no dates", () => {
    const headers = "ad_id,xyz_campaign_id,fb_campaign_id,age,gender,interest,Impressions,Clicks,Spent,Total_Conversion,Approved_Conversion".split(",");
    expect(detect("k.csv", headers)).toEqual({
      status: "ok",
      kind: "campaigns",
      columns: { campaign: 1, segment: 3, impressions: 6, clicks: 7, leads: 9, conversions: 10, spend: 8 },
    });
  });

  it("recognises ab_data.csv: group is the variant, landing_page the secondary assignment", () => {
    expect(detect("ab.csv", ["user_id", "timestamp", "group", "landing_page", "converted"])).toEqual({
      status: "ok",
      kind: "experiment",
      columns: { user: 0, time: 1, variant: 2, converted: 4, assignment: 3 },
    });
  });

  it("still reads a Y.Afisha costs file as costs, not campaigns", () => {
    expect(detect("c.csv", ["source_id", "dt", "costs"])).toMatchObject({ status: "ok", kind: "costs" });
  });

  it("names a missing required campaigns column", () => {
    expect(detect("x.csv", ["campaign", "clicks", "spend"])).toEqual({
      status: "error",
      message: expect.stringMatching(/^x\.csv: campaigns file lacks the impressions column/),
    });
  });
});

describe.each(ENGINES)("loadDataDir(dir) with campaign results on $name", (on) => {
  const load = (files: Record<string, string>) => loadTables(dataDir(files), defaults, false, on);
  it("merges label spellings case-insensitively (trimmed), shows the most frequent, counts duplicates after merging, and rejects bad numbers", async () => {
    const r = await load({
      "camp.csv": lines(
        "date,campaign_id,campaign_name,channel,region,device,impressions,clicks,leads,conversions,spend,revenue",
        "2025-01-01,C1,Spring,Email,North,Mobile,100,10,2,1,5.00,20.00",
        "2025-01-01,C1,Spring, email ,North,Mobile,100,10,2,1,5.00,20.00", // duplicate once merged
        "2025-01-02,C1,Spring,email,North,,100,10,,1,5.00,20.00", // empty device and leads: kept
        "2025-01-03,C2,Summer,EMAIL,South,Mobile,100,10,2,1,-1.00,20.00", // negative spend
        "2025-01-03,C2,Summer,Social,South,Mobile,100,10,2,,4.00,20.00", // missing conversions
        "2025-01-04,C2,Summer,Social,South,Mobile,100,10,2,1,4.00,-3", // negative revenue
        "2025-01-05,C2,Summer,social,South,Mobile,100,10,2,1,4.00,", // empty revenue: kept
        ",C2,Summer,Social,South,Mobile,100,10,2,1,4.00,1", // missing date
      ),
    });
    expect(r.errors).toEqual([]);
    const d = r.datasets[0]!;
    expect(d.table.kind).toBe("campaigns");
    expect(reasons(d)).toEqual({
      duplicate: ["camp.csv:3"],
      "negative spend": ["camp.csv:5"],
      "missing conversions": ["camp.csv:6"],
      "negative revenue": ["camp.csv:7"],
      "missing date": ["camp.csv:9"],
    });
    expect(d.table.length).toBe(3);
    const channel = refCol(d.table, "channel");
    // Rows used: "Email" once and "email" once (the " email " duplicate is not used): a tie goes
    // to the first in code-unit order. Only "social" of the Social spellings is in a row used.
    expect(Array.from(channel, (c) => r.dicts.dim.labels[c])).toEqual(["Email", "Email", "social"]);
    expect(d.labels).toEqual([
      {
        role: "channel",
        label: "Email",
        spellings: [
          { text: "Email", rows: 1 },
          { text: "email", rows: 1 },
        ],
      },
    ]);
    expect(refCol(d.table, "device")[1]).toBe(-1);
    expect(Number.isNaN(numCol(d.table, "leads")[1]!)).toBe(true);
    expect(Number.isNaN(numCol(d.table, "revenue")[2]!)).toBe(true);
  });

  it("reads an undated campaigns file (no date column) and never clips it", async () => {
    const r = await load({
      "kag.csv": lines("xyz_campaign_id,age,Impressions,Clicks,Spent,Total_Conversion,Approved_Conversion", "916,30-34,7350,1,1.43,2,1"),
    });
    expect(r.errors).toEqual([]);
    expect(r.datasets[0]!.table.num["date"]).toBeUndefined();
    expect(r.datasets[0]!.table.length).toBe(1);
  });
});

describe.each(ENGINES)("loadDataDir(dir) with an experiment on $name", (on) => {
  const load = (files: Record<string, string>) => loadTables(dataDir(files), defaults, false, on);
  it("rejects every row of a user seen in two variants as contaminated, and keeps a user's earliest exposure", async () => {
    const r = await load({
      "ab.csv": lines(
        "user_id,timestamp,group,landing_page,converted",
        "1,2017-01-02 10:00:00.5,control,old_page,0",
        "2,2017-01-02 11:00:00,treatment,new_page,1",
        "1,2017-01-03 10:00:00,treatment,new_page,0", // user 1 in both: both rows contaminated
        "3,2017-01-04 09:00:00,Control,old_page,1", // a later exposure of user 3 …
        "3,2017-01-03 09:00:00,control,old_page,0", // … the earliest is kept
        "4,2017-01-05 09:00:00,treatment,old_page,0", // mismatched page: kept (a warning, not a fix)
        "5,2017-01-05 09:00:00,treatment,new_page,", // missing converted
        "6,2017-01-05 09:00:00,treatment,new_page,2", // not a flag
      ),
    });
    expect(r.errors).toEqual([]);
    const d = r.datasets[0]!;
    expect(reasons(d)).toEqual({
      contaminated: ["ab.csv:2", "ab.csv:4"],
      "repeated exposure": ["ab.csv:5"],
      "missing converted": ["ab.csv:8"],
      "unparseable converted flag": ["ab.csv:9"],
    });
    const users = refCol(d.table, "user");
    expect(Array.from(users, (u) => r.labels.user[u])).toEqual(["2", "3", "4"]);
    expect(Array.from(numCol(d.table, "converted"))).toEqual([1, 0, 0]);
    // "control" twice among the rows read against "Control" once.
    expect(r.dicts.dim.labels[refCol(d.table, "variant")[1]!]).toBe("control");
  });
});
