// The report site. `romi build` sets ROMI_BASE (the base path for GitHub
// Pages project sites) and chooses the output folder; ROMI_DATA and
// ROMI_CONFIG tell the content loader what to read (src/site/loader.ts).
import { defineConfig } from "astro/config";

export default defineConfig({
  base: process.env["ROMI_BASE"] ?? "/",
  build: { format: "directory", inlineStylesheets: "always" },
  trailingSlash: "ignore",
  devToolbar: { enabled: false },
});
