import { loadConfig } from "../config";
import { openDatabase } from "../src/platform/db/open-database";

// `npm run db:migrate`: apply committed migrations to DATABASE_URL, or to the embedded database in DATA_DIR.
const config = loadConfig();
openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR })
  .then(async (db) => {
    console.log(`Migrations applied to ${db.embedded ? "the embedded database" : "DATABASE_URL"}.`);
    await db.close();
  })
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
