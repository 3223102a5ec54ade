import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DataDirBusy, holdDataDir, readLiveHolder } from "../../../src/platform/db/data-dir-holder";

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-holder-"))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A pid that surely ran and ended: a process started and waited for. */
const deadPid = () => spawnSync(process.execPath, ["-e", "0"]).pid!;
const holderFile = () => path.join(dir, "run", "holder.json");

test("one holder at a time: a second is refused while the first holds, and gets in once it lets go", async () => {
  const first = await holdDataDir(dir, { kind: "gateway", database: { socketDir: "/x" } });
  await expect(holdDataDir(dir, { kind: "cli", database: null })).rejects.toBeInstanceOf(DataDirBusy);
  expect(readLiveHolder(dir)).toEqual(expect.objectContaining({ kind: "gateway", pid: process.pid, database: { socketDir: "/x" } }));
  first.release();
  expect(readLiveHolder(dir)).toBeNull();
  const second = await holdDataDir(dir, { kind: "cli", database: null });
  expect(readLiveHolder(dir)?.kind).toBe("cli");
  second.release();
});

test("the folder and the file are the user's alone", async () => {
  const held = await holdDataDir(dir, { kind: "cli", database: null });
  expect(fs.statSync(path.join(dir, "run")).mode & 0o077).toBe(0);
  expect(fs.statSync(holderFile()).mode & 0o077).toBe(0);
  held.release();
});

test("a holder whose process died is taken over, not waited for", async () => {
  fs.mkdirSync(path.join(dir, "run"), { recursive: true });
  fs.writeFileSync(holderFile(), JSON.stringify({ pid: deadPid(), kind: "gateway", database: null, control: null, startedAt: "" }));
  expect(readLiveHolder(dir)).toBeNull();
  const held = await holdDataDir(dir, { kind: "cli", database: null });
  expect(readLiveHolder(dir)).toEqual(expect.objectContaining({ kind: "cli", pid: process.pid }));
  held.release();
});

test("a half-written file (a crash between create and write) is taken over after a moment", async () => {
  fs.mkdirSync(path.join(dir, "run"), { recursive: true });
  fs.writeFileSync(holderFile(), "");
  const held = await holdDataDir(dir, { kind: "cli", database: null });
  expect(readLiveHolder(dir)?.kind).toBe("cli");
  held.release();
});

test("waiting: a holder the caller may wait for is waited for until it lets go", async () => {
  const cli = await holdDataDir(dir, { kind: "cli", database: null });
  const waits: number[] = [];
  setTimeout(() => cli.release(), 300);
  const gateway = await holdDataDir(dir, { kind: "gateway", database: null }, { waitMs: 10_000, waitFor: (h) => h.kind === "cli", onWait: (h) => waits.push(h.pid) });
  expect(waits).toEqual([process.pid]);
  expect(readLiveHolder(dir)?.kind).toBe("gateway");
  gateway.release();
});

test("an update is published atomically and a release never removes another holder's file", async () => {
  const held = await holdDataDir(dir, { kind: "gateway", database: null });
  held.update({ control: "/run/store.sock" });
  expect(readLiveHolder(dir)?.control).toBe("/run/store.sock");
  fs.writeFileSync(holderFile(), JSON.stringify({ pid: 1, kind: "gateway", database: null, control: null, startedAt: "" }));
  held.release();
  expect(fs.existsSync(holderFile())).toBe(true);
});
