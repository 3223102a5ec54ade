import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { MigrationPgClient } from "./src/platform/db/migration-pg-client";

// Prisma's native engines cannot be downloaded here, so migrations run on the WebAssembly schema engine
// through the pg driver adapter (see shared toolchain notes). DATABASE_URL is set by src/platform/db/migrate.ts
// (the embedded PGlite server) or by the operator (a real PostgreSQL).
export default defineConfig({
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  experimental: { adapter: true },
  engine: "js",
  async adapter() {
    const connectionString = process.env.DATABASE_URL ?? "postgres://localhost:5432/unset";
    return new PrismaPg({ connectionString, Client: MigrationPgClient });
  },
});
