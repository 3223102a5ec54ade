import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../generated/prisma/client";

export type Db = PrismaClient;
export { Prisma } from "../../generated/prisma/client";

// Prisma keeps DateTime as `timestamp(3)` and @db.Date as `date`, both meaning UTC. node-postgres would read
// them as local time; this pool's own queries read them as Prisma does. (Prisma passes its own parsers.)
const TIMESTAMP = 1114;
const DATE = 1082;
function getTypeParser(oid: number, format?: "text" | "binary") {
  if (oid === TIMESTAMP) return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
  if (oid === DATE) return (value: string) => new Date(`${value}T00:00:00Z`);
  return pg.types.getTypeParser(oid, format);
}

/**
 * One node-postgres pool per process (the same driver for PGlite-on-loopback and a real server), shared by
 * Prisma and the few hot reads written as SQL (src/accounts/find-session-account.ts).
 */
export function createPgPool(databaseUrl: string, max = 10): pg.Pool {
  return new pg.Pool({ connectionString: databaseUrl, max, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, types: { getTypeParser } as pg.CustomTypesConfig });
}

/** A server that does not accept a connection within this is down: fail the request (503) rather than wait. */
export const CONNECT_TIMEOUT_MS = 3_000;

/** The app's Prisma client, over that pool. */
export function createPrismaClient(pool: pg.Pool): Db {
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}
