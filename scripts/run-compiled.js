// `node scripts/run-compiled.js bench/sync.ts`: compile a bench into dist/ as `npm start` compiles the gateway
// (scripts/build-gateway.js) and run it the same way: source maps on, the gateway's V8 settings (node-settings.js).
// A bench that measures the process's own memory (bench:sync's peak RSS) then measures what a deployed gateway
// carries: under tsx the same process idles about 40 MB higher (the transpiled sources and their inline source maps
// stay in the heap).
"use strict";
require("./node-settings").applyGatewayNodeSettings(); // the gateway's own (scripts/start.js)
const path = require("node:path");
const { compile } = require("./build-gateway");

const entry = process.argv[2];
if (!entry) {
  console.error("usage: node scripts/run-compiled.js bench/<name>.ts");
  process.exit(2);
}
const root = path.resolve(__dirname, "..");
// dist/ is one level below the root, as bench/ is: the compiled bench finds the project where the source would.
const outfile = path.join(root, "dist", `bench-${path.basename(entry, ".ts")}.js`);
compile(path.resolve(root, entry), outfile);
process.setSourceMapsEnabled(true);
require(outfile);
