// Compile the gateway ahead of time (dist/server.js) and tell whether a build is stale. Used by scripts/start.js
// (`npm start`, and `--build` at postinstall), and by scripts/run-compiled.js for the benches that measure memory;
// plain CommonJS because it runs before anything is compiled.
//
// Staleness: a build records a SHA-256 over every source file it is made from (src/, config/, connectors/,
// package.json and this file); a start whose sources hash differently (a `git pull`, an edit) compiles again
// (esbuild, well under a second of work) before it runs, so a start never serves stale code.
"use strict";
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const sourceDirs = ["src", "config", "connectors"];

function sourceFiles(root) {
  const files = [path.join(root, "package.json"), __filename];
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|json)$/.test(entry.name)) files.push(full);
    }
  };
  for (const dir of sourceDirs) walk(path.join(root, dir));
  return files.sort();
}

function sourcesHash(root) {
  const hash = createHash("sha256");
  for (const file of sourceFiles(root)) hash.update(path.relative(root, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  return hash.digest("hex");
}

const outputOf = (root) => path.join(root, "dist", "server.js");
const stampOf = (root) => path.join(root, "dist", "server.sources-sha256");

function readStamp(root) {
  try {
    return fs.readFileSync(stampOf(root), "utf8").trim();
  } catch {
    return null;
  }
}

/** Compile src/server.ts and what it imports into one file; node_modules stay outside it. Atomic: two starts may race. */
function build(root, hash) {
  compile(path.join(root, "src", "server.ts"), outputOf(root));
  fs.writeFileSync(stampOf(root), `${hash}\n`);
}

/** Compile one entry point and what it imports into `outfile` (with its source map), as the gateway is compiled. */
function compile(entry, outfile) {
  const esbuild = require("esbuild");
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  const temp = `${outfile}.${process.pid}.tmp`;
  esbuild.buildSync({
    entryPoints: [entry],
    outfile: temp,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    logLevel: "warning",
  });
  fs.renameSync(`${temp}.map`, `${outfile}.map`);
  // The map is named after the temporary file; point the compiled file at its final name.
  fs.writeFileSync(temp, fs.readFileSync(temp, "utf8").replace(/\/\/# sourceMappingURL=.*$/m, `//# sourceMappingURL=${path.basename(outfile)}.map`));
  fs.renameSync(temp, outfile);
}

/** Compile when dist/ is missing or was built from other sources. Returns the compiled file and whether it was built now. */
function ensureBuilt(root) {
  const hash = sourcesHash(root);
  const outfile = outputOf(root);
  if (readStamp(root) === hash && fs.existsSync(outfile)) return { outfile, built: false, ms: 0 };
  const started = Date.now();
  build(root, hash);
  return { outfile, built: true, ms: Date.now() - started };
}

module.exports = { ensureBuilt, compile };
