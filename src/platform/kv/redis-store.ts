import { createClient } from "redis";
import { RateLimiterRedis } from "rate-limiter-flexible";
import { counterFromLimiter } from "./counter";
import type { KeyValueStore } from "./store";

export type RedisClient = ReturnType<typeof createClient>;

// Compare-and-delete in one step, so a lock that expired and was taken by another instance is not released.
const DELETE_IF_EQUALS = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
// Compare-and-renew, for the same reason: only the holder extends its lock.
const EXTEND_IF_EQUALS = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

/** The Redis store: counters, locks and cache are shared by every gateway instance on the same Redis. */
export async function createRedisStore(url: string, prefix = "gw:"): Promise<KeyValueStore & { client: RedisClient }> {
  const client = createClient({ url });
  client.on("error", () => {
    // node-redis reconnects by itself; readiness (/readyz) reports the outage. Without a listener the
    // process would crash on the first dropped connection.
  });
  await client.connect();
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
