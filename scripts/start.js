// `npm start`: run the gateway from JavaScript compiled ahead of time (dist/server.js), compiling first when the
// sources changed. `node scripts/start.js --build` (postinstall) only compiles.
//
// Why: compiling TypeScript on the fly at every start (tsx) cost seconds of each start. Why plain JavaScript here:
// this file runs before anything is compiled. Staleness: the build records a SHA-256 of every source file it is
// made from (src/, config/, connectors/, package.json and this file); a start whose sources hash differently
// (a `git pull`, an edit) compiles again (esbuild, well under a second of work) before it runs, so a start never
// serves stale code.
"use strict";
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const outfile = path.join(root, "dist", "server.js");
const stampFile = path.join(root, "dist", "server.sources-sha256");
const sourceDirs = ["src", "config", "connectors"];

function sourceFiles() {
  const files = [path.join(root, "package.json"), __filename];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ts|json)$/.test(entry.name)) files.push(full);
    }
  };
  for (const dir of sourceDirs) walk(path.join(root, dir));
  return files.sort();
}

function sourcesHash() {
  const hash = createHash("sha256");
  for (const file of sourceFiles()) hash.update(path.relative(root, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  return hash.digest("hex");
}

function readStamp() {
  try {
    return fs.readFileSync(stampFile, "utf8").trim();
  } catch {
    return null;
  }
}

/** Compile src/server.ts and what it imports into one file; node_modules stay outside it. Atomic: two starts may race. */
function build(hash) {
  const started = Date.now();
  const esbuild = require("esbuild");
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  const temp = `${outfile}.${process.pid}.tmp`;
  esbuild.buildSync({
    entryPoints: [path.join(root, "src", "server.ts")],
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
  fs.writeFileSync(stampFile, `${hash}\n`);
  return Date.now() - started;
}

function ensureBuilt() {
  const hash = sourcesHash();
  if (readStamp() === hash && fs.existsSync(outfile)) return;
  const ms = build(hash);
  console.log(`Compiled the gateway into dist/ in ${ms} ms (the sources changed since the last build).`);
}

ensureBuilt();
if (!process.argv.includes("--build")) {
  // Stack traces point at the TypeScript sources.
  process.setSourceMapsEnabled(true);
  require(outfile);
}
