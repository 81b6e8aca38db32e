import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Tests that read the real datasets in ../shared take seconds, not ms.
    testTimeout: 60_000,
  },
});
