import crypto from "node:crypto";
import session from "express-session";
import type { Store } from "express-session";
import connectPgSimple from "connect-pg-simple";
import { RedisStore } from "connect-redis";
import { Pool } from "pg";
import { LRUCache } from "lru-cache";
import type { RedisClient } from "./kv/redis-store";
import type { SessionUser } from "./http/request-state";
import { TimedConnectClient } from "./db/prisma";

/** The session cookie's name. */
export const SESSION_COOKIE = "portal.sid";

/** Where sessions live: what a reader that wants to fetch something with the session in one round trip needs. */
export type SessionBackend =
  | { kind: "redis"; client: RedisClient; /** the session keys' prefix */ prefix: string }
  | { kind: "postgres"; pool: Pool; table: "session" };

/**
 * Sessions survive a restart either way: in Redis when it is configured (connect-redis), otherwise in the
 * `session` table of the gateway's own PostgreSQL (connect-pg-simple; the table comes from our migrations).
 * express-session's MemoryStore is never used. Session writes go through a small pool of their own, so they never
 * wait behind the app's transactions for a connection; reads that bring the account along use the app's `pool`
 * (its date parsing is Prisma's).
 */
export function createSessionStore(options: {
  redis?: RedisClient;
  redisPrefix: string;
  databaseUrl: string;
  pool: Pool;
  pruneIntervalSeconds: number | false;
  /** Where the PostgreSQL store's own errors go (a pruning that failed, a dropped connection): not the console. */
  onDatabaseError: (error: unknown) => void;
}): { store: Store; backend: SessionBackend; close(): Promise<void> } {
  if (options.redis) {
    const store = throttleTouch(new RedisStore({ client: options.redis, prefix: options.redisPrefix }));
    return { store, backend: { kind: "redis", client: options.redis, prefix: options.redisPrefix }, close: async () => {} };
  }
  const PgStore = connectPgSimple(session);
  const own = new Pool({ connectionString: options.databaseUrl, max: 5, Client: TimedConnectClient });
  // connect-pg-simple prints its errors with console.error, pg's client object and all; they go to health instead.
  const errorLog = (...args: unknown[]) => options.onDatabaseError(args.find((arg) => arg instanceof Error) ?? args[0]);
  // An idle connection the server dropped: without a listener the pool's error event would end the process.
  own.on("error", errorLog);
  const store = new PgStore({ pool: own, tableName: "session", createTableIfMissing: false, pruneSessionInterval: options.pruneIntervalSeconds, errorLog });
  return {
    store: throttleTouch(store),
    backend: { kind: "postgres", pool: options.pool, table: "session" },
    async close() {
      store.close();
      await own.end();
    },
  };
}

const OWNER_KINDS = { p: "portal", s: "staff" } as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * A new session id. A signed-in session's id starts with who it belongs to ("p.<account id>.<random>"), so the
 * store can read the account's session version in the same round trip as the session itself, before the session
 * is parsed (accounts/session-accounts.ts). The id is still 192 random bits, and the cookie that carries it is
 * signed, so the prefix cannot be forged; it names only the account whose cookie it is. express-session calls this
 * when a session is created or regenerated: passport sets `req.user` before it regenerates at sign-in.
 */
export function newSessionId(owner?: Pick<SessionUser, "kind" | "id"> | null): string {
  const random = crypto.randomBytes(24).toString("base64url");
  return owner ? `${owner.kind === "portal" ? "p" : "s"}.${owner.id}.${random}` : random;
}

/** Who a session id says it belongs to, or null (an anonymous session, or one from before ids carried it). */
export function sessionOwner(sid: string): Pick<SessionUser, "kind" | "id"> | null {
  const [letter, id, random, extra] = sid.split(".");
  if (extra !== undefined || !random || !id || !UUID.test(id)) return null;
  const kind = letter === "p" || letter === "s" ? OWNER_KINDS[letter] : undefined;
  return kind ? { kind, id } : null;
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
