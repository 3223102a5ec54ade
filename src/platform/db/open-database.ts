import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { reasonOf, StartupError, whereIs } from "../startup-error";
import { DataDirBusy, holdDataDir, readLiveHolder, runDirOf } from "./data-dir-holder";
import type { DataDirHolder, HeldDataDir } from "./data-dir-holder";
import { socketUrl, startEmbeddedPostgres } from "./embedded-postgres";
import { migrateDatabase } from "./migrate";
import { readMigratedSnapshot } from "./migrated-snapshot";

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  /** This process's hold on DATA_DIR when it opened the embedded database itself (data-dir-holder.ts). */
  held: HeldDataDir | null;
  close(): Promise<void>;
}

/** How long a gateway starting waits for an operator command that has the embedded database open. */
const WAIT_FOR_CLI_MS = 60_000;

/** How long a start waits for the database server's first answer before saying it is not there. */
const REACH_TIMEOUT_MS = 5_000;

async function reach(url: string): Promise<void> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: REACH_TIMEOUT_MS });
  try {
    await client.connect();
    await client.query("SELECT 1");
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** DATABASE_URL's server, reached and migrated by `migrate`, or a StartupError naming the setting. */
async function serverDatabase(url: string, migrate: (url: string) => Promise<unknown>): Promise<OpenDatabase> {
  const where = `the database at ${whereIs(url)} (DATABASE_URL)`;
  await reach(url).catch((error: unknown) => {
    throw new StartupError(`${where} did not answer: ${reasonOf(error)}. Check that PostgreSQL runs there and that DATABASE_URL is right.`, { cause: error });
  });
  await migrate(url).catch((error: unknown) => {
    throw new StartupError(`${where} could not be migrated: ${migrationReason(error)}`, { cause: error });
  });
  return { url, embedded: false, held: null, close: async () => {} };
}

/**
 * The gateway's database. DATABASE_URL set: a real PostgreSQL server. Otherwise PGlite with its data in
 * DATA_DIR/pglite, served on a socket in DATA_DIR/run; this process holds DATA_DIR meanwhile (an operator command
 * that has it open is waited for; another gateway is refused). Either way the committed migrations are applied
 * before the app touches the database. A failure is a StartupError naming the setting: the server first (not
 * there), then the migrations (there, but not migratable).
 */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string; onWait?: (holder: DataDirHolder) => void }): Promise<OpenDatabase> {
  if (options.databaseUrl) return serverDatabase(options.databaseUrl, migrateDatabase);
  return openEmbedded(options.dataDir, "gateway", { waitMs: WAIT_FOR_CLI_MS, waitFor: (holder) => holder.kind === "cli", onWait: options.onWait }, migrateDatabase);
}

/**
 * The database an operator command works on: the same one as the gateway's. DATABASE_URL set: that server.
 * Embedded, with a gateway running on DATA_DIR: the gateway's PGlite, through its socket. Embedded, with no
 * gateway: PGlite opened here, holding DATA_DIR so that a gateway starting meanwhile waits; another operator
 * command holding it is waited for.
 */
export async function reachDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<OpenDatabase> {
  if (options.databaseUrl) return serverDatabase(options.databaseUrl, migrateDatabase);
  const holder = readLiveHolder(options.dataDir);
  if (holder?.kind === "gateway") {
    if (!holder.database) throw new DataDirBusy(holder, "it uses DATABASE_URL: set the same DATABASE_URL for this command");
    return { url: socketUrl(holder.database.socketDir), embedded: true, held: null, close: async () => {} };
  }
  return openEmbedded(options.dataDir, "cli", { waitMs: WAIT_FOR_CLI_MS, waitFor: (other) => other.kind === "cli" }, migrateDatabase);
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
  const where = `the embedded database in ${dir} (DATA_DIR)`;
  let embedded;
  try {
    fs.mkdirSync(dir, { recursive: true });
    // A new database starts as the migrated dump made at install when there is one (migrated-snapshot.ts); an
    // existing one is opened as it is.
    const loadDataDir = fs.readdirSync(dir).length === 0 ? readMigratedSnapshot() : undefined;
    embedded = await startEmbeddedPostgres({ dataDir: dir, socketDir, loadDataDir });
  } catch (error) {
    held.release();
    throw new StartupError(`${where} could not be opened: ${reasonOf(error)}. Check that DATA_DIR is writable by this user, or set DATABASE_URL.`, { cause: error });
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
    throw new StartupError(`${where} could not be migrated: ${migrationReason(error)}`, { cause: error });
  }
  return { url: embedded.url, embedded: true, held, close };
}

/** Prisma's migrate output, without its banner lines: the error code, the failing migration, the database's words. */
function migrationReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const noise = /^(Database migration failed:|Loaded Prisma config|Prisma config detected|Datasource|\d+ migrations? found)/;
  const lines = text.split("\n").map((line) => line.trim()).filter((line) => line && !noise.test(line));
  return (lines.slice(0, 4).join(" ") || reasonOf(error)).slice(0, 600);
}
