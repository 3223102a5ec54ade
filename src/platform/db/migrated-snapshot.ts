import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { findProjectRoot } from "../project-root";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { migrateDatabase } from "./migrate";

/*
 * A new embedded database with every committed migration applied, kept as a PGlite data-directory dump. Making one
 * (PGlite's initdb, then Prisma's migration engine) took 18 s of a first `npm start`; loading the dump takes under
 * 2 s. It is made at install (postinstall, scripts/prepare-embedded-database.ts) and by the test run's global
 * setup, and is keyed by the migrations and the PGlite version: after a pull that adds a migration, the key no
 * longer matches, a first start takes the slow path, and the next install makes a new one. The dump holds only
 * what the migrations create: no firm, account, secret or session.
 */

const root = findProjectRoot();

function fingerprint(): string {
  const hash = crypto.createHash("sha256");
  const pglite = path.join(root, "node_modules", "@electric-sql", "pglite", "package.json");
  if (fs.existsSync(pglite)) hash.update((JSON.parse(fs.readFileSync(pglite, "utf8")) as { version: string }).version);
  const dir = path.join(root, "prisma", "migrations");
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name, "migration.sql");
    if (fs.existsSync(file)) hash.update(name).update(fs.readFileSync(file));
  }
  return hash.digest("hex").slice(0, 16);
}

/** Where the dump for the committed migrations is (or would be). */
export function migratedSnapshotPath(): string {
  return path.join(root, "node_modules", ".cache", "gw", `pglite-migrated-${fingerprint()}.tar.gz`);
}

/** The dump for the committed migrations, if one was made. */
export function readMigratedSnapshot(): Blob | undefined {
  const file = migratedSnapshotPath();
  return fs.existsSync(file) ? new Blob([fs.readFileSync(file)]) : undefined;
}

/** Make the dump unless it exists. Returns whether it was made now. Atomic: two installs or test runs may race. */
export async function makeMigratedSnapshot(): Promise<boolean> {
  const file = migratedSnapshotPath();
  if (fs.existsSync(file)) return false;
  const embedded = await startEmbeddedPostgres();
  try {
    await migrateDatabase(embedded.url);
    const dump = await embedded.db.dumpDataDir("gzip");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(temp, file);
    return true;
  } finally {
    await embedded.stop();
  }
}
