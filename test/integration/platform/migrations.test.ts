import childProcess from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { migrateDatabase, pendingMigrations } from "../../../src/platform/db/migrate";
import { startEmbeddedPostgres } from "../../../src/platform/db/embedded-postgres";
import { openDatabase } from "../../../src/platform/db/open-database";
import { createTestDatabase, projectRoot } from "../../helpers/test-database";

/* A start runs Prisma's migration engine only when a committed migration is not recorded as applied. */

const committed = fs
  .readdirSync(path.join(projectRoot, "prisma", "migrations"))
  .filter((name) => fs.existsSync(path.join(projectRoot, "prisma", "migrations", name, "migration.sql")))
  .sort();

test("a database with every migration applied has nothing pending, and migrating it does not start the engine", async () => {
  const database = await createTestDatabase();
  try {
    expect(committed.length).toBeGreaterThan(0);
    expect(await pendingMigrations(database.url)).toEqual([]);
    expect(await migrateDatabase(database.url)).toBe("No pending migrations.");

    // A migration recorded with another checksum (edited after it was applied) counts as pending: the engine decides.
    const client = new Client({ connectionString: database.url });
    await client.connect();
    const last = committed[committed.length - 1] as string;
    await client.query(`UPDATE _prisma_migrations SET checksum = 'edited' WHERE migration_name = $1`, [last]);
    await client.end();
    expect(await pendingMigrations(database.url)).toEqual([last]);
  } finally {
    await database.drop();
  }
});

test("a new database has every committed migration pending", async () => {
  const embedded = await startEmbeddedPostgres();
  try {
    expect(await pendingMigrations(embedded.url)).toEqual(committed);
  } finally {
    await embedded.stop();
  }
});

async function sql<T>(url: string, text: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows as T[];
  } finally {
    await client.end();
  }
}

test("a first start on a new DATA_DIR loads the migrated snapshot instead of running the engine, and a restart keeps the data", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "gw-first-start-"));
  const engine = jest.spyOn(childProcess, "execFile");
  try {
    const first = await openDatabase({ dataDir });
    try {
      expect(await pendingMigrations(first.url)).toEqual([]);
      await sql(first.url, `INSERT INTO "Firm" (id, slug, name, "updatedAt") VALUES (gen_random_uuid(), 'kept-firm', 'Kept', now())`);
    } finally {
      await first.close();
    }
    // The second start finds a database there: it is opened as it is, never replaced by the snapshot.
    const again = await openDatabase({ dataDir });
    try {
      expect(await sql<{ slug: string }>(again.url, `SELECT slug FROM "Firm"`)).toEqual([{ slug: "kept-firm" }]);
    } finally {
      await again.close();
    }
    expect(engine).not.toHaveBeenCalled();
  } finally {
    engine.mockRestore();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
