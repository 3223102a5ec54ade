import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { reasonOf, StartupError, whereIs } from "../startup-error";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { migrateDatabase } from "./migrate";
import { readMigratedSnapshot } from "./migrated-snapshot";

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

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

/**
 * DATABASE_URL set: a real PostgreSQL server. Otherwise PGlite with its data in DATA_DIR/pglite, served on
 * loopback. Either way the committed migrations are applied before the app touches the database. A failure is a
 * StartupError naming the setting: the server first (not there), then the migrations (there, but not migratable).
 */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<OpenDatabase> {
  if (options.databaseUrl) {
    const where = `the database at ${whereIs(options.databaseUrl)} (DATABASE_URL)`;
    await reach(options.databaseUrl).catch((error: unknown) => {
      throw new StartupError(`${where} did not answer: ${reasonOf(error)}. Check that PostgreSQL runs there and that DATABASE_URL is right.`, { cause: error });
    });
    await migrateDatabase(options.databaseUrl).catch((error: unknown) => {
      throw new StartupError(`${where} could not be migrated: ${migrationReason(error)}`, { cause: error });
    });
    return { url: options.databaseUrl, embedded: false, close: async () => {} };
  }
  const dir = path.resolve(options.dataDir, "pglite");
  const where = `the embedded database in ${dir} (DATA_DIR)`;
  const embedded = await (async () => {
    fs.mkdirSync(dir, { recursive: true });
    // A new database starts as the migrated dump made at install when there is one (migrated-snapshot.ts); an
    // existing one is opened as it is.
    const loadDataDir = fs.readdirSync(dir).length === 0 ? readMigratedSnapshot() : undefined;
    return startEmbeddedPostgres({ dataDir: dir, loadDataDir });
  })().catch((error: unknown) => {
    throw new StartupError(`${where} could not be opened: ${reasonOf(error)}. Is another gateway using this DATA_DIR? Give each its own, or set DATABASE_URL.`, { cause: error });
  });
  try {
    await migrateDatabase(embedded.url);
  } catch (error) {
    await embedded.stop();
    throw new StartupError(`${where} could not be migrated: ${migrationReason(error)}`, { cause: error });
  }
  return { url: embedded.url, embedded: true, close: () => embedded.stop() };
}

/** Prisma's migrate output, without its banner lines: the error code, the failing migration, the database's words. */
function migrationReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const noise = /^(Database migration failed:|Loaded Prisma config|Prisma config detected|Datasource|\d+ migrations? found)/;
  const lines = text.split("\n").map((line) => line.trim()).filter((line) => line && !noise.test(line));
  return (lines.slice(0, 4).join(" ") || reasonOf(error)).slice(0, 600);
}
