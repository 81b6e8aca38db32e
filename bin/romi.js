#!/usr/bin/env node
// romi's command line. In a checkout the engine is TypeScript run by Node's
// type stripping, which needs Node 22.18 or later: `npm run romi -- …` and
// `npx romi` use the Node 22 that `npm install` puts into node_modules/.bin
// (the `node` package, a dependency of romi).
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`romi: needs Node 22.18 or later, this is ${process.version}; run it as "npm run romi -- …" to use the project's Node\n`);
  process.exit(2);
}
// Installed, under node_modules, where Node will not strip types: the lib/ that `npm pack` compiles
// (prepack, tsconfig.build.json). In a checkout of romi: the sources, with no build step.
const installed = import.meta.url.includes("/node_modules/");
const { main } = await import(installed ? "../lib/cli/main.js" : "../src/cli/main.ts");
// A closed pipe (`romi metrics … | head`) ends the output, not the program with a stack trace.
for (const stream of [process.stdout, process.stderr]) stream.on("error", (e) => process.exit(e.code === "EPIPE" ? 0 : 1));
const write = (stream) => (text) => stream.write(text);
process.exitCode = await main(process.argv.slice(2), { stdout: write(process.stdout), stderr: write(process.stderr) });
