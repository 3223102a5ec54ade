import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Client } from "pg";

const projectRoot = path.resolve(__dirname, "..", "..", "..");

/**
 * Apply committed migrations (prisma/migrations) with `prisma migrate deploy` on the WebAssembly schema
 * engine (prisma.config.ts). Used at start and by `npm run db:migrate`; idempotent.
 */
export function migrateDatabase(databaseUrl: string): Promise<string> {
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

/** The committed migrations' folder names, oldest first. */
function committedMigrations(): string[] {
  const dir = path.join(projectRoot, "prisma", "migrations");
  return fs.readdirSync(dir).filter((name) => fs.existsSync(path.join(dir, name, "migration.sql"))).sort();
}

/**
 * Apply the committed migrations only when the database lacks one: an operator command then starts in a moment
 * instead of running the migration engine each time. A failed or unknown state is left to `migrate deploy`.
 */
export async function migrateIfBehind(databaseUrl: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  let applied: string[] = [];
  try {
    const table = await client.query<{ present: boolean }>("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present");
    if (table.rows[0]?.present) {
      const rows = await client.query<{ migration_name: string }>("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL");
      applied = rows.rows.map((row) => row.migration_name);
    }
  } finally {
    await client.end();
  }
  if (committedMigrations().some((name) => !applied.includes(name))) await migrateDatabase(databaseUrl);
}
