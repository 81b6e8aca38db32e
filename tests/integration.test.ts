/** The Astro integration's pure parts: a team page's title in the navigation. Its hooks run in the package test (tests/package/). */
import { describe, expect, it } from "vitest";
import { pageTitle } from "../src/integration.ts";

describe("pageTitle(path)", () => {
  it("is the file name in words, capitalised", () => {
    expect(pageTitle("/team-notes")).toBe("Team notes");
    expect(pageTitle("/q3_review")).toBe("Q3 review");
    expect(pageTitle("/reports/launch-plan")).toBe("Launch plan");
    expect(pageTitle("/")).toBe("Home");
  });
});
