// Astro components, for tsc: `astro check` reads their real types; plain
// tsc sees a component factory (the sections import theirs lazily).
declare module "*.astro" {
  const component: import("astro/runtime/server/index.js").AstroComponentFactory;
  export default component;
}
