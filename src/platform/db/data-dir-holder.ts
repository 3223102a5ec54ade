import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { StartupError } from "../startup-error";

/**
 * Who holds a DATA_DIR: the one process that has its embedded PGlite open (PGlite must never be opened by two
 * processes at once), and what another process needs to reach that process's database and store. It is a file,
 * `DATA_DIR/run/holder.json`, created exclusively (O_EXCL), in a folder only this user can open.
 *
 * Written here rather than with a lock library: proper-lockfile, the usual choice, tells a dead holder by the
 * file's age, which either makes a restart after a crash wait for the stale period or takes the lock from a live
 * holder whose event loop was busy; a DATA_DIR is local to one machine, so asking the kernel whether the holder's
 * pid still runs is exact. The file also carries the socket addresses, which a lock library would not.
 */
export interface DataDirHolder {
  pid: number;
  kind: "gateway" | "cli";
  /** The folder of the embedded database's socket, when this holder serves one. */
  database: { socketDir: string } | null;
  /** The socket of the gateway's in-process store (kv/store-socket.ts), when it has one. */
  control: string | null;
  startedAt: string;
}

export interface HeldDataDir {
  holder: DataDirHolder;
  /** Publish more about this holder (the store's socket once it serves one). */
  update(patch: Partial<Pick<DataDirHolder, "database" | "control">>): void;
  release(): void;
}

/** Another live process holds the DATA_DIR (a StartupError: a gateway that meets it says so and exits). */
export class DataDirBusy extends StartupError {
  constructor(
    readonly holder: DataDirHolder,
    hint = holder.kind === "gateway" ? "stop it first, or give this process another DATA_DIR" : "wait for it to finish, or stop it",
  ) {
    super(`DATA_DIR is in use by ${holder.kind === "gateway" ? "a running gateway" : "an operator command (npm run cli)"} (pid ${holder.pid}): ${hint}.`);
  }
}

export const runDirOf = (dataDir: string): string => path.resolve(dataDir, "run");
const holderFile = (dataDir: string): string => path.join(runDirOf(dataDir), "holder.json");

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readFile(file: string): DataDirHolder | "unreadable" | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(file, "utf8")) as DataDirHolder;
    return typeof parsed.pid === "number" ? parsed : "unreadable";
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" ? null : "unreadable";
  }
}

/** The live holder of DATA_DIR, or null when nobody holds it (a holder whose process died counts as nobody). */
export function readLiveHolder(dataDir: string): DataDirHolder | null {
  const found = readFile(holderFile(dataDir));
  return found && found !== "unreadable" && isAlive(found.pid) ? found : null;
}

/** Moves a dead holder's file aside; puts it back if a live holder took the place in the meantime. */
function removeStale(file: string, stalePid: number | null): void {
  const aside = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}`;
  try {
    fs.renameSync(file, aside);
  } catch {
    return;
  }
  const moved = readFile(aside);
  if (moved && moved !== "unreadable" && moved.pid !== stalePid && isAlive(moved.pid)) {
    try {
      fs.linkSync(aside, file);
    } catch {
      // someone holds it again already: theirs stands
    }
  }
  fs.rmSync(aside, { force: true });
}

function writeAtomically(file: string, holder: DataDirHolder): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(holder), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/**
 * Hold DATA_DIR for this process. While a live holder that `waitFor` accepts has it, wait (up to `waitMs`);
 * any other live holder, or one still there when the wait ends, is a DataDirBusy.
 */
export async function holdDataDir(
  dataDir: string,
  wanted: Pick<DataDirHolder, "kind" | "database">,
  options: { waitMs?: number; waitFor?: (holder: DataDirHolder) => boolean; onWait?: (holder: DataDirHolder) => void } = {},
): Promise<HeldDataDir> {
  const dir = runDirOf(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const file = holderFile(dataDir);
  const holder: DataDirHolder = { pid: process.pid, ...wanted, control: null, startedAt: new Date().toISOString() };
  const deadline = Date.now() + (options.waitMs ?? 0);
  let unreadableSince: number | null = null;
  let told = false;
  for (;;) {
    try {
      fs.writeFileSync(file, JSON.stringify(holder), { flag: "wx", mode: 0o600 });
      return held(file, holder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const current = readFile(file);
    if (current === "unreadable") {
      // Being written right now, or left half-written by a crash: give its writer a moment.
      unreadableSince ??= Date.now();
      if (Date.now() - unreadableSince > 1000) removeStale(file, null);
    } else if (current && isAlive(current.pid)) {
      if (!(options.waitFor?.(current) ?? false) || Date.now() >= deadline) throw new DataDirBusy(current);
      if (!told) options.onWait?.(current);
      told = true;
    } else if (current) {
      removeStale(file, current.pid);
      continue;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function held(file: string, holder: DataDirHolder): HeldDataDir {
  let released = false;
  return {
    holder,
    update(patch) {
      Object.assign(holder, patch);
      if (!released) writeAtomically(file, holder);
    },
    release() {
      if (released) return;
      released = true;
      const current = readFile(file);
      if (current && current !== "unreadable" && current.pid === holder.pid) fs.rmSync(file, { force: true });
    },
  };
}
