import { createClient } from "redis";
import { RateLimiterRedis } from "rate-limiter-flexible";
import { reasonOf, StartupError, whereIs } from "../startup-error";
import type { ServiceHealth } from "../service-health";
import { counterFromLimiter } from "./counter";
import type { KeyValueStore } from "./store";

export type RedisClient = ReturnType<typeof createClient>;

// Compare-and-delete in one step, so a lock that expired and was taken by another instance is not released.
const DELETE_IF_EQUALS = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
// Compare-and-renew, for the same reason: only the holder extends its lock.
const EXTEND_IF_EQUALS = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

/** How long a start waits for Redis's first answer before saying it is not there. */
const CONNECT_TIMEOUT_MS = 5_000;

/**
 * Connect, or fail with a StartupError naming REDIS_URL (node-redis alone would keep retrying, silently, forever).
 * `lastError` is what the client last reported, for the sentence.
 */
async function connectAtStart(client: RedisClient, url: string, lastError: () => unknown): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(lastError() ?? new Error(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s`)), CONNECT_TIMEOUT_MS)));
  try {
    await Promise.race([client.connect(), timeout]);
  } catch (error) {
    client.destroy();
    throw new StartupError(`Redis at ${whereIs(url)} (REDIS_URL) did not answer: ${reasonOf(error)}. Start Redis there, correct REDIS_URL, or unset it for the in-process store (one gateway instance only).`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/** The longest one command may wait for Redis's answer (a Redis that accepts but does not answer is down). */
const COMMAND_TIMEOUT_MS = 5_000;

/**
 * The Redis store: counters, locks and cache are shared by every gateway instance on the same Redis. While Redis is
 * away, commands fail at once (the offline queue is off) instead of waiting for it, so requests answer 503 at once;
 * node-redis reconnects by itself, and `health` logs the outage once each way.
 */
export async function createRedisStore(url: string, prefix: string, health: ServiceHealth): Promise<KeyValueStore & { client: RedisClient }> {
  const client = createClient({ url, disableOfflineQueue: true, commandOptions: { timeout: COMMAND_TIMEOUT_MS } });
  // The listeners go on once, before connecting, and are never taken off. node-redis 5's client is an
  // Object.create() view of the real one: taking a listener off the view gives the view an event table of its own,
  // which the real client never emits to, so every listener added after that would never hear a thing.
  // Without an error listener the process would crash on the first dropped connection.
  let starting = true;
  let startError: unknown;
  client.on("error", (error: unknown) => (starting ? (startError = error) : health.down("store", error)));
  client.on("ready", () => health.up("store"));
  await connectAtStart(client, url, () => startError);
  starting = false;
  const k = (key: string) => prefix + key;
  return {
    kind: "redis",
    client,
    async get(key) {
      return client.get(k(key));
    },
    async set(key, value, ttlMs) {
      await client.set(k(key), value, { PX: Math.max(1, Math.round(ttlMs)) });
    },
    async setIfAbsent(key, value, ttlMs) {
      const result = await client.set(k(key), value, { PX: Math.max(1, Math.round(ttlMs)), NX: true });
      return result === "OK";
    },
    async deleteIfEquals(key, value) {
      await client.eval(DELETE_IF_EQUALS, { keys: [k(key)], arguments: [value] });
    },
    async extendIfEquals(key, value, ttlMs) {
      const result = await client.eval(EXTEND_IF_EQUALS, { keys: [k(key)], arguments: [value, String(Math.max(1, Math.round(ttlMs)))] });
      return result === 1;
    },
    async delete(key) {
      await client.del(k(key));
    },
    counter({ name, points, windowSeconds }) {
      return counterFromLimiter(
        new RateLimiterRedis({ storeClient: client, useRedisPackage: true, keyPrefix: `${prefix}${name}`, points, duration: windowSeconds }),
      );
    },
    async ping() {
      await client.ping();
    },
    async close() {
      if (client.isOpen) await client.quit();
    },
  };
}
