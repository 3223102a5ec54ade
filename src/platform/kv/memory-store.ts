import { RateLimiterMemory } from "rate-limiter-flexible";
import { counterFromLimiter } from "./counter";
import type { Counter, KeyValueStore } from "./store";

/** The in-process store: right for one gateway instance (the embedded default). State is lost on restart. */
export function createMemoryStore(now: () => number = Date.now): KeyValueStore {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  // A limiter keeps its counts in itself: the same counter asked for twice must be the same one, as on Redis
  // (the lockout and the operator CLI's unlock through kv/store-socket.ts reach one count).
  const counters = new Map<string, Counter>();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  return {
    kind: "memory",
    async get(key) {
      return live(key)?.value ?? null;
    },
    async set(key, value, ttlMs) {
      entries.set(key, { value, expiresAt: now() + ttlMs });
    },
    async setIfAbsent(key, value, ttlMs) {
      if (live(key)) return false;
      entries.set(key, { value, expiresAt: now() + ttlMs });
      return true;
    },
    async deleteIfEquals(key, value) {
      if (live(key)?.value === value) entries.delete(key);
    },
    async extendIfEquals(key, value, ttlMs) {
      if (live(key)?.value !== value) return false;
      entries.set(key, { value, expiresAt: now() + ttlMs });
      return true;
    },
    async delete(key) {
      entries.delete(key);
    },
    counter({ name, points, windowSeconds }) {
      const id = `${name}:${points}:${windowSeconds}`;
      let counter = counters.get(id);
      if (!counter) {
        counter = counterFromLimiter(new RateLimiterMemory({ keyPrefix: name, points, duration: windowSeconds }));
        counters.set(id, counter);
      }
      return counter;
    },
    async ping() {},
    async close() {
      entries.clear();
    },
  };
}
