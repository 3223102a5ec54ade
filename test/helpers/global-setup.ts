import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { migrateDatabase } from "../../src/platform/db/migrate";
import { startEmbeddedPostgres } from "../../src/platform/db/embedded-postgres";
import { snapshotPath, TEMPLATE_DB, withDatabase } from "./test-database";

/** Migrate once per run: a template database on the real server, or a PGlite snapshot (cached by migrations). */
export default async function globalSetup(): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const admin = new Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
    await admin.end();
    await migrateDatabase(withDatabase(serverUrl, TEMPLATE_DB));
    return;
  }
  const file = snapshotPath();
  if (fs.existsSync(file)) return;
  const embedded = await startEmbeddedPostgres();
  await migrateDatabase(embedded.url);
  const dump = await embedded.db.dumpDataDir("gzip");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp`, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(`${file}.tmp`, file);
  await embedded.stop();
}
