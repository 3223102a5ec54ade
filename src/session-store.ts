import session from "express-session";
import type { Store } from "express-session";
import connectPgSimple from "connect-pg-simple";
import { RedisStore } from "connect-redis";
import { Pool } from "pg";
import type { RedisClient } from "./kv/redis-store";

/**
 * Sessions survive a restart either way: in Redis when it is configured (connect-redis), otherwise in the
 * `session` table of the gateway's own PostgreSQL (connect-pg-simple; the table comes from our migrations).
 * express-session's MemoryStore is never used.
 */
export function createSessionStore(options: { redis?: RedisClient; redisPrefix: string; databaseUrl: string; pruneIntervalSeconds: number | false }): { store: Store; close(): Promise<void> } {
  if (options.redis) {
    return { store: new RedisStore({ client: options.redis, prefix: options.redisPrefix }), close: async () => {} };
  }
  const PgStore = connectPgSimple(session);
  const pool = new Pool({ connectionString: options.databaseUrl, max: 5 });
  const store = new PgStore({ pool, tableName: "session", createTableIfMissing: false, pruneSessionInterval: options.pruneIntervalSeconds });
  return {
    store,
    async close() {
      store.close();
      await pool.end();
    },
  };
}
