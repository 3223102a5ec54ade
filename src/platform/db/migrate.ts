import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";
import { findProjectRoot } from "../project-root";

const projectRoot = findProjectRoot();
const migrationsDir = path.join(projectRoot, "prisma", "migrations");

/**
 * The committed migrations (prisma/migrations) the database has not applied, judged the way Prisma records them:
 * a finished, not rolled back row in _prisma_migrations whose checksum is the SHA-256 of the migration.sql as
 * committed. An edited migration counts as not applied, so Prisma's own engine gets to say what is wrong.
 */
export async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const committed = fs
    .readdirSync(migrationsDir)
    .filter((name) => fs.existsSync(path.join(migrationsDir, name, "migration.sql")))
    .sort()
    .map((name) => ({ name, checksum: crypto.createHash("sha256").update(fs.readFileSync(path.join(migrationsDir, name, "migration.sql"))).digest("hex") }));
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`);
    if (!table.rows[0]?.present) return committed.map((m) => m.name);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Set(rows.map((row) => `${row.migration_name}:${row.checksum}`));
    return committed.filter((m) => !applied.has(`${m.name}:${m.checksum}`)).map((m) => m.name);
  } finally {
    await client.end();
  }
}

/**
 * Apply committed migrations with `prisma migrate deploy` on the WebAssembly schema engine (prisma.config.ts),
 * only when some are pending: the engine takes seconds to start even with nothing to do, and most starts have
 * nothing to do. Used at start and by `npm run db:migrate`; idempotent.
 */
export async function migrateDatabase(databaseUrl: string): Promise<string> {
  const pending = await pendingMigrations(databaseUrl);
  if (pending.length === 0) return "No pending migrations.";
  const cli = require.resolve("prisma/build/index.js", { paths: [projectRoot] });
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, "migrate", "deploy"],
      { cwd: projectRoot, env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" }, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`Database migration failed: ${stderr || stdout || error.message}`));
        else resolve(stdout);
      },
    );
  });
}
