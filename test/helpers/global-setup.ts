import { Client } from "pg";
import { migrateDatabase } from "../../src/platform/db/migrate";
import { makeMigratedSnapshot } from "../../src/platform/db/migrated-snapshot";
import { TEMPLATE_DB, withDatabase } from "./test-database";

/** Migrate once per run: a template database on the real server, or the PGlite snapshot (made at install if not here). */
export default async function globalSetup(): Promise<void> {
  // Also with a real server: the embedded start's own tests load it (test/integration/platform/migrations.test.ts).
  await makeMigratedSnapshot();
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    await admin.end();
    await migrateDatabase(withDatabase(serverUrl, TEMPLATE_DB));
  }
}
