import fs from "node:fs";
import path from "node:path";
import { DataDirBusy, holdDataDir, readLiveHolder, runDirOf } from "./data-dir-holder";
import type { DataDirHolder, HeldDataDir } from "./data-dir-holder";
import { socketUrl, startEmbeddedPostgres } from "./embedded-postgres";
import { migrateDatabase, migrateIfBehind } from "./migrate";

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  /** This process's hold on DATA_DIR when it opened the embedded database itself (data-dir-holder.ts). */
  held: HeldDataDir | null;
  close(): Promise<void>;
}

/** How long a gateway starting waits for an operator command that has the embedded database open. */
const WAIT_FOR_CLI_MS = 60_000;

/**
 * The gateway's database. DATABASE_URL set: a real PostgreSQL server. Otherwise PGlite with its data in
 * DATA_DIR/pglite, served on a socket in DATA_DIR/run; this process holds DATA_DIR meanwhile (an operator command
 * that has it open is waited for; another gateway is refused). Either way the committed migrations are applied
 * before the app touches the database.
 */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string; onWait?: (holder: DataDirHolder) => void }): Promise<OpenDatabase> {
  if (options.databaseUrl) {
    await migrateDatabase(options.databaseUrl);
    return { url: options.databaseUrl, embedded: false, held: null, close: async () => {} };
  }
  return openEmbedded(options.dataDir, "gateway", { waitMs: WAIT_FOR_CLI_MS, waitFor: (holder) => holder.kind === "cli", onWait: options.onWait }, migrateDatabase);
}

/**
 * The database an operator command works on: the same one as the gateway's. DATABASE_URL set: that server.
 * Embedded, with a gateway running on DATA_DIR: the gateway's PGlite, through its socket. Embedded, with no
 * gateway: PGlite opened here, holding DATA_DIR so that a gateway starting meanwhile waits; another operator
 * command holding it is waited for.
 */
export async function reachDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<OpenDatabase> {
  if (options.databaseUrl) {
    await migrateIfBehind(options.databaseUrl);
    return { url: options.databaseUrl, embedded: false, held: null, close: async () => {} };
  }
  const holder = readLiveHolder(options.dataDir);
  if (holder?.kind === "gateway") {
    if (!holder.database) throw new DataDirBusy(holder, "it uses DATABASE_URL: set the same DATABASE_URL for this command");
    return { url: socketUrl(holder.database.socketDir), embedded: true, held: null, close: async () => {} };
  }
  return openEmbedded(options.dataDir, "cli", { waitMs: WAIT_FOR_CLI_MS, waitFor: (other) => other.kind === "cli" }, migrateIfBehind);
}

async function openEmbedded(
  dataDir: string,
  kind: DataDirHolder["kind"],
  wait: Parameters<typeof holdDataDir>[2],
  migrate: (url: string) => Promise<unknown>,
): Promise<OpenDatabase> {
  const socketDir = runDirOf(dataDir);
  const held = await holdDataDir(dataDir, { kind, database: { socketDir } }, wait);
  const dir = path.resolve(dataDir, "pglite");
  fs.mkdirSync(dir, { recursive: true });
  let embedded;
  try {
    embedded = await startEmbeddedPostgres({ dataDir: dir, socketDir });
  } catch (error) {
    held.release();
    throw error;
  }
  // A DATA_DIR too deep for a socket path gets its socket in a private temp folder: say where.
  if (embedded.socketDir !== socketDir) held.update({ database: { socketDir: embedded.socketDir } });
  const close = async () => {
    await embedded.stop();
    held.release();
  };
  try {
    await migrate(embedded.url);
  } catch (error) {
    await close();
    throw error;
  }
  return { url: embedded.url, embedded: true, held, close };
}
