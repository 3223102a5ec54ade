import path from "node:path";
import type { Express } from "express";
import type { Config } from "../config";
import { createApp } from "./app";
import { openDatabase } from "./db/open-database";
import { createPrismaClient } from "./db/prisma";
import type { Db } from "./db/prisma";
import { createMemoryStore } from "./kv/memory-store";
import { createRedisStore } from "./kv/redis-store";
import type { KeyValueStore } from "./kv/store";
import { readOrCreateLocalSecret } from "./lib/local-secret";
import type { Logger } from "./lib/logger";
import { createSessionStore } from "./session-store";

export interface Gateway {
  app: Express;
  db: Db;
  store: KeyValueStore;
  databaseUrl: string;
  embeddedDatabase: boolean;
  close(): Promise<void>;
}

/**
 * Put the gateway together from configuration: database (embedded PGlite or DATABASE_URL, migrated),
 * store (Redis or in-process), session store, and the app. The server and the tests both start here.
 */
export async function composeGateway(config: Config, logger: Logger, options: { migrate?: boolean; keyPrefix?: string } = {}): Promise<Gateway> {
  const closers: Array<() => Promise<void>> = [];
  try {
    const database =
      options.migrate === false && config.DATABASE_URL
        ? { url: config.DATABASE_URL, embedded: false, close: async () => {} }
        : await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
    closers.unshift(database.close);
    const db = createPrismaClient(database.url);
    closers.unshift(() => db.$disconnect());

    const redisStore = config.REDIS_URL ? await createRedisStore(config.REDIS_URL, options.keyPrefix ?? "gw:") : undefined;
    const store: KeyValueStore = redisStore ?? createMemoryStore();
    closers.unshift(() => store.close());

    const sessions = createSessionStore({
      redis: redisStore?.client,
      redisPrefix: `${options.keyPrefix ?? "gw:"}sess:`,
      databaseUrl: database.url,
      pruneIntervalSeconds: config.NODE_ENV === "test" ? false : 15 * 60,
    });
    closers.unshift(sessions.close);

    const sessionSecret = config.SESSION_SECRET ?? readOrCreateLocalSecret(path.resolve(config.DATA_DIR), "session-secret");
    const app = createApp({ config, db, store, sessionStore: sessions.store, sessionSecret, logger });
    return {
      app,
      db,
      store,
      databaseUrl: database.url,
      embeddedDatabase: database.embedded,
      async close() {
        for (const close of closers) await close().catch((error) => logger.warn({ err: error }, "error while closing"));
      },
    };
  } catch (error) {
    for (const close of closers) await close().catch(() => undefined);
    throw error;
  }
}
