#!/usr/bin/env node
// romi's command line. The engine is TypeScript run by Node's type stripping,
// which needs Node 22.18 or later: `npm run romi -- …` uses the Node 22 that
// `npm install` puts into node_modules/.bin.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  process.stderr.write(`romi: needs Node 22.18 or later, this is ${process.version}; run it as "npm run romi -- …" to use the project's Node\n`);
  process.exit(2);
}
const { main } = await import("../src/cli/main.ts");
// A closed pipe (`romi metrics … | head`) ends the output, not the program with a stack trace.
for (const stream of [process.stdout, process.stderr]) stream.on("error", (e) => process.exit(e.code === "EPIPE" ? 0 : 1));
const write = (stream) => (text) => stream.write(text);
process.exitCode = await main(process.argv.slice(2), { stdout: write(process.stdout), stderr: write(process.stderr) });
