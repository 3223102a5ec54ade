import { execFile } from "node:child_process";
import path from "node:path";

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
