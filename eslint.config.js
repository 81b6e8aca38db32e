import js from "@eslint/js";
import astro from "eslint-plugin-astro";
import tseslint from "typescript-eslint";

/**
 * Words belong to the site, `romi diff` and the command line, through one
 * formatter that follows the report's locale and currency (`src/words/`):
 * nothing else formats a number for people.
 */
const formatting = [
  { selector: "CallExpression[callee.property.name='toFixed']", message: "Format numbers for people in src/words/ (the analyses emit raw numbers)." },
  { selector: "CallExpression[callee.property.name='toLocaleString']", message: "Format numbers for people in src/words/ (the analyses emit raw numbers)." },
  { selector: "MemberExpression[object.name='Intl']", message: "Format numbers for people in src/words/ (the analyses emit raw numbers)." },
];

/** The layers that decide: they emit verdicts, flags and raw numbers, and never words. */
const deciding = ["src/analyses/**", "src/rules/**", "src/causal/**", "src/clv/**", "src/forecast/**", "src/response/**", "src/stats/**", "src/report/**"];

export default tseslint.config(
  { ignores: ["dist/", ".astro/", "node_modules/", "data/", "lib/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...astro.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/**/*.ts", "src/**/*.astro"],
    ignores: ["src/words/**"],
    rules: { "no-restricted-syntax": ["error", ...formatting] },
  },
  {
    files: deciding,
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/words/**"], message: "Analyses and rules decide; the site and diff word their decisions (src/words/)." }] },
      ],
    },
  },
);
