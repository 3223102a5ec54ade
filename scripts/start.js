// `npm start`: run the gateway from JavaScript compiled ahead of time (dist/server.js), compiling first when the
// sources changed (scripts/build-gateway.js says how that is told). `node scripts/start.js --build` (postinstall)
// only compiles.
//
// Why: compiling TypeScript on the fly at every start (tsx) cost seconds of each start. Why plain JavaScript here:
// this file runs before anything is compiled.
"use strict";
require("./node-settings").applyGatewayNodeSettings();
const path = require("node:path");
const { ensureBuilt } = require("./build-gateway");

const { outfile, built, ms } = ensureBuilt(path.resolve(__dirname, ".."));
if (built) console.log(`Compiled the gateway into dist/ in ${ms} ms (the sources changed since the last build).`);
if (!process.argv.includes("--build")) {
  // Stack traces point at the TypeScript sources.
  process.setSourceMapsEnabled(true);
  require(outfile);
}
