// romi's own checkout builds its report as a team's repository does: with the
// integration, which injects the report's pages and sets the site's options
// (src/integration.ts). `romi build` passes its flags through ROMI_DATA,
// ROMI_CONFIG and ROMI_BASE.
import { defineConfig } from "astro/config";
import romi from "./src/integration.ts";

export default defineConfig({ integrations: [romi()] });
