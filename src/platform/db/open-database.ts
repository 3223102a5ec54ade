import fs from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { migrateDatabase } from "./migrate";

export interface OpenDatabase {
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * DATABASE_URL set: a real PostgreSQL server. Otherwise PGlite with its data in DATA_DIR/pglite, served on
 * loopback. Either way the committed migrations are applied before the app touches the database.
 */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string }): Promise<OpenDatabase> {
  if (options.databaseUrl) {
    await migrateDatabase(options.databaseUrl);
    return { url: options.databaseUrl, embedded: false, close: async () => {} };
  }
  const dir = path.resolve(options.dataDir, "pglite");
  fs.mkdirSync(dir, { recursive: true });
  const embedded = await startEmbeddedPostgres({ dataDir: dir });
  try {
    await migrateDatabase(embedded.url);
  } catch (error) {
    await embedded.stop();
    throw error;
  }
  return { url: embedded.url, embedded: true, close: () => embedded.stop() };
}
