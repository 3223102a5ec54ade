import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBuilt } from "../../../scripts/build-gateway";

/*
 * `npm start` runs JavaScript compiled ahead of time (issue 15). After a `git pull` without reinstall it must
 * compile again instead of serving the old code: a small project with the gateway's layout shows when it does.
 */

let root: string;
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
};
const runBuilt = (outfile: string) => execFileSync(process.execPath, [outfile], { encoding: "utf8" }).trim();

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "build-gateway-"));
  write("package.json", JSON.stringify({ name: "tiny", private: true }));
  write("src/server.ts", 'import { greeting } from "./greeting";\nconsole.log(greeting);\n');
  write("src/greeting.ts", 'export const greeting: string = "first";\n');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

test("compiles once, then starts from the build until a source changes", () => {
  const first = ensureBuilt(root);
  expect(first.built).toBe(true);
  expect(runBuilt(first.outfile)).toBe("first");
  expect(ensureBuilt(root).built).toBe(false);

  // A pull that edits a module the server imports.
  write("src/greeting.ts", 'export const greeting: string = "pulled";\n');
  const again = ensureBuilt(root);
  expect(again.built).toBe(true);
  expect(runBuilt(again.outfile)).toBe("pulled");
  expect(ensureBuilt(root).built).toBe(false);
});

test("a new source file, a changed package.json or a deleted build compiles again", () => {
  ensureBuilt(root);
  write("config/new-setting.ts", "export const x = 1;\n");
  expect(ensureBuilt(root).built).toBe(true);
  write("package.json", JSON.stringify({ name: "tiny", private: true, version: "2.0.0" }));
  expect(ensureBuilt(root).built).toBe(true);
  fs.rmSync(path.join(root, "dist", "server.js"));
  const rebuilt = ensureBuilt(root);
  expect(rebuilt.built).toBe(true);
  expect(runBuilt(rebuilt.outfile)).toBe("first");
});
