// The V8 settings the gateway's process runs with: scripts/start.js (`npm start`) and scripts/run-compiled.js (the
// benches that measure memory) apply them before anything else is loaded.
//
// Heap growth: after each full collection V8 lets the heap grow to up to about four times what survived before it
// collects again. The gateway's live heap is small (50-70 MB), but a sync run streams 100,000 records through it, and
// with that default the process peaked at 281-308 MB in bench:sync's first run and 361-376 MB in a full repeat,
// almost all of it garbage waiting for a collection. Growing by half instead keeps those runs at 230-237 MB with the
// same run times (11.7 and 8.8 s) and no change the page benchmark could tell from its noise (README, "Performance").
// It is a growth factor, not a cap: a heap that needs more still gets it. An operator who wants V8's own policy
// starts the gateway with `node --heap-growing-percent=0 scripts/start.js` (0 is V8's default), or any other value.
"use strict";
const v8 = require("node:v8");

const HEAP_GROWING_PERCENT = 50;

function applyGatewayNodeSettings() {
  if (process.execArgv.some((arg) => /^--heap[-_]growing[-_]percent/.test(arg))) return;
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

module.exports = { applyGatewayNodeSettings };
