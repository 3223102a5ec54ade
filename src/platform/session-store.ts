import session from "express-session";
import type { Store } from "express-session";
import connectPgSimple from "connect-pg-simple";
import { RedisStore } from "connect-redis";
import { Pool } from "pg";
import { LRUCache } from "lru-cache";
import type { RedisClient } from "./kv/redis-store";
import { TimedConnectClient } from "./db/prisma";

/** The session cookie's name. */
export const SESSION_COOKIE = "portal.sid";

/**
 * Sessions survive a restart either way: in Redis when it is configured (connect-redis), otherwise in the
 * `session` table of the gateway's own PostgreSQL (connect-pg-simple; the table comes from our migrations).
 * express-session's MemoryStore is never used.
 */
export function createSessionStore(options: {
  redis?: RedisClient;
  redisPrefix: string;
  databaseUrl: string;
  pruneIntervalSeconds: number | false;
  /** Where the PostgreSQL store's own errors go (a pruning that failed, a dropped connection): not the console. */
  onDatabaseError: (error: unknown) => void;
}): { store: Store; close(): Promise<void> } {
  if (options.redis) {
    return { store: throttleTouch(new RedisStore({ client: options.redis, prefix: options.redisPrefix })), close: async () => {} };
  }
  const PgStore = connectPgSimple(session);
  const pool = new Pool({ connectionString: options.databaseUrl, max: 5, Client: TimedConnectClient });
  // connect-pg-simple prints its errors with console.error, pg's client object and all; they go to health instead.
  const errorLog = (...args: unknown[]) => options.onDatabaseError(args.find((arg) => arg instanceof Error) ?? args[0]);
  // An idle connection the server dropped: without a listener the pool's error event would end the process.
  pool.on("error", errorLog);
  const store = new PgStore({ pool, tableName: "session", createTableIfMissing: false, pruneSessionInterval: options.pruneIntervalSeconds, errorLog });
  return {
    store: throttleTouch(store),
    async close() {
      store.close();
      await pool.end();
    },
  };
}

/** How often one session's expiry is pushed forward in the store at most (it slides by the session's lifetime). */
export const TOUCH_INTERVAL_MS = 60_000;

/**
 * express-session writes a rolling session's new expiry to the store on every request, which on a busy portal
 * is one write per page load for a value that moves by seconds in a 12-hour window. This lets one write per
 * session per `intervalMs` through (per process); a save counts as one. The cookie itself still rolls on
 * every response, and the stored expiry is never more than `intervalMs` behind. No store library offers a
 * throttle (connect-redis can only turn touching off), so it is these few lines.
 */
export function throttleTouch<S extends Store>(store: S, intervalMs = TOUCH_INTERVAL_MS, now: () => number = Date.now): S {
  const touch = store.touch?.bind(store);
  if (!touch) return store;
  const touchedAt = new LRUCache<string, number>({ max: 100_000, ttl: intervalMs });
  const set = store.set.bind(store);
  const destroy = store.destroy.bind(store);
  store.touch = (sid, sess, callback) => {
    const last = touchedAt.get(sid);
    if (last !== undefined && now() - last < intervalMs) return callback?.();
    touchedAt.set(sid, now());
    // express-session's types say the callback takes nothing; the stores pass an error, and it is passed on.
    touch(sid, sess, (...result: unknown[]) => {
      if (result[0]) touchedAt.delete(sid);
      (callback as ((...args: unknown[]) => void) | undefined)?.(...result);
    });
  };
  store.set = (sid, sess, callback) => {
    touchedAt.set(sid, now());
    set(sid, sess, callback);
  };
  store.destroy = (sid, callback) => {
    touchedAt.delete(sid);
    destroy(sid, callback);
  };
  return store;
}
