/**
 * Segment strategy rules on hand-made facts: each rule's boundary, the
 * channel choice, and that missing numbers never match.
 */
import { describe, expect, it } from "vitest";
import { chooseChannel, segmentRecommendations } from "../../src/rules/segments.ts";
import type { Fact } from "../../src/schema/report.ts";

type Numbers = { size: number; recency: number; frequency: number; monetary: number; aov: number; repeat: number; reach?: Record<string, number | null> };

function facts(segments: Record<string, Numbers>): Fact[] {
  return Object.entries(segments).flatMap(([segment, s]) => [
    { id: "segments.size", dims: { segment }, value: s.size, unit: "users" as const },
    { id: "segments.recency.mean", dims: { segment }, value: s.recency, unit: "days" as const },
    { id: "segments.frequency.mean", dims: { segment }, value: s.frequency, unit: "count" as const },
    { id: "segments.monetary.mean", dims: { segment }, value: s.monetary, unit: "currency" as const },
    { id: "segments.aov", dims: { segment }, value: s.aov, unit: "currency" as const },
    { id: "segments.repeat.share", dims: { segment }, value: s.repeat, unit: "share" as const },
    ...Object.entries(s.reach ?? {}).map(([channel, value]) => ({ id: "segments.channel.reach", dims: { segment, channel }, value, unit: "share" as const })),
  ]);
}

describe("segmentRecommendations(facts)", () => {
  // All customers (size-weighted, 100 customers each): recency 100, frequency 4, monetary 300, AOV 75.
  const base: Record<string, Numbers> = {
    lapsedRich: { size: 100, recency: 150, frequency: 2, monetary: 400, aov: 200, repeat: 0.6 },
    lapsedPoor: { size: 100, recency: 150, frequency: 2, monetary: 100, aov: 50, repeat: 0.5 },
    oneTimers: { size: 100, recency: 60, frequency: 1, monetary: 60, aov: 60, repeat: 0.29 },
    best: { size: 100, recency: 40, frequency: 7, monetary: 600, aov: 600 / 7, repeat: 1 },
    frequentSmall: { size: 100, recency: 100, frequency: 8, monetary: 340, aov: 42.5, repeat: 1 },
  };
  const recs = segmentRecommendations(facts(base));
  const of = (s: string) => recs.find((r) => r.subject["segment"] === s)!;

  it("checks the rules in order: lapsed-valuable, lapsed, one-timers, best, frequent-small", () => {
    expect(["lapsedRich", "lapsedPoor", "oneTimers", "best", "frequentSmall"].map((s) => [of(s).rule, of(s).action])).toEqual([
      ["segment.lapsed-valuable", "reactivate"],
      ["segment.lapsed", "win back"],
      ["segment.one-timers", "convert"],
      ["segment.best", "retain"],
      ["segment.frequent-small", "develop"],
    ]);
    expect(of("best").plan).toMatchObject({ direction: "down" });
    expect(of("best").limits).toMatchObject({ "all.monetary": expect.any(Number), "all.recency": expect.any(Number) });
  });

  it("falls back to grow when nothing matches, and never matches on a null number", () => {
    const r = segmentRecommendations(facts({ ...base, average: { size: 100, recency: 100, frequency: 4, monetary: 300, aov: 75, repeat: 0.5 } }));
    expect(r.find((x) => x.subject["segment"] === "average")!.rule).toBe("segment.default");
    const withNull = facts({ lapsedRich: base.lapsedRich! }).map((f) => (f.id === "segments.recency.mean" ? { ...f, value: null } : f));
    expect(segmentRecommendations(withNull)[0]!.rule).not.toMatch(/lapsed/);
  });

  it("ranks by revenue at stake, rates confidence by size, and quotes the numbers it used", () => {
    expect(of("best").importance).toBe(100 * 600);
    expect(of("best").confidence).toBe("medium");
    expect(of("best").numbers["segments.monetary.mean"]).toBe(600);
  });
});

describe("chooseChannel(ranked, reach)", () => {
  it("takes the first ranked channel reaching half the segment", () => {
    expect(
      chooseChannel(
        ["phone", "email", "sms"],
        new Map([
          ["phone", 0.4],
          ["email", 0.5],
          ["sms", 0.9],
        ]),
      ),
    ).toEqual({ channel: "email", reach: 0.5 });
  });
  it("takes the widest reach when none reaches half, ties by rank", () => {
    expect(
      chooseChannel(
        ["phone", "email", "sms"],
        new Map([
          ["phone", 0.3],
          ["email", 0.45],
          ["sms", 0.45],
        ]),
      ),
    ).toEqual({ channel: "email", reach: 0.45 });
  });
  it("names email with reach unknown without flags; a null reach is unknown", () => {
    expect(chooseChannel(["app", "push"], new Map())).toEqual({ channel: "email", reach: null });
    expect(chooseChannel(["app", "push"], new Map([["app", null]]))).toEqual({ channel: "email", reach: null });
  });
});
