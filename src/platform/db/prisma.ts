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

/** A server that does not accept a connection within this is down: fail the request (503) rather than wait. */
export const CONNECT_TIMEOUT_MS = 3_000;

/**
 * A pg client that gives up on making its connection after CONNECT_TIMEOUT_MS. Set on the client, not the pool:
 * pg-pool would apply the pool's connectionTimeoutMillis to waiting for a busy pool too, and a busy pool is load,
 * not an outage (it must not turn into 503s).
 */
export class TimedConnectClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super({ ...(typeof config === "string" ? { connectionString: config } : config), connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  }
}

/**
 * One node-postgres pool per process (the same driver for PGlite-on-loopback and a real server), shared by
 * Prisma and the few hot reads written as SQL (src/accounts/find-session-account.ts).
 */
export function createPgPool(databaseUrl: string, max = 10): pg.Pool {
  return new pg.Pool({ connectionString: databaseUrl, max, Client: TimedConnectClient, types: { getTypeParser } as pg.CustomTypesConfig });
}

/** The app's Prisma client, over that pool. */
export function createPrismaClient(pool: pg.Pool): Db {
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}
