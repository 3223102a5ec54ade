import crypto from "node:crypto";
import path from "node:path";
import { Client } from "pg";
import { startEmbeddedPostgres } from "../../src/platform/db/embedded-postgres";
import { migratedSnapshotPath, readMigratedSnapshot } from "../../src/platform/db/migrated-snapshot";

/** The migrated PGlite dump (src/platform/db/migrated-snapshot.ts), for helpers that open it themselves. */
export const snapshotPath = migratedSnapshotPath;

/**
 * Each test file gets its own clean, migrated database:
 * - embedded (default): an in-memory PGlite loaded from the migrated snapshot (made at install, or by global-setup);
 * - services (TEST_DATABASE_URL set): a new database on the real server, cloned from a migrated template.
 */
export const projectRoot = path.resolve(__dirname, "..", "..");
export const TEMPLATE_DB = "gw_test_template";

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `gw_t_${crypto.randomBytes(6).toString("hex")}`;
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    // PostgreSQL copies a template for one CREATE DATABASE at a time: another file's copy in progress makes this one
    // fail with 55006 (object_in_use), so it waits its turn.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
        break;
      } catch (error) {
        if ((error as { code?: string }).code !== "55006" || attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
    await admin.end();
    return {
      url: withDatabase(serverUrl, name),
      async drop() {
        const c = new Client({ connectionString: serverUrl });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const snapshot = readMigratedSnapshot();
  if (!snapshot) throw new Error("no migrated snapshot: test/helpers/global-setup.ts makes it before the tests");
  const embedded = await startEmbeddedPostgres({ loadDataDir: snapshot });
  return { url: embedded.url, drop: () => embedded.stop() };
}
