import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";

export type Db = PrismaClient;
export { Prisma } from "../generated/prisma/client";

/** The app's Prisma client, over node-postgres (the same driver for PGlite-on-loopback and a real server). */
export function createPrismaClient(databaseUrl: string, poolSize = 10): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: poolSize }) });
}
