// romi's collections (src/content.ts); a team's report repository has this same line, importing "romi/content".
export { collections } from "./content.ts";
