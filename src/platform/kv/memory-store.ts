import { RateLimiterMemory } from "rate-limiter-flexible";
import { counterFromLimiter } from "./counter";
import type { Counter, KeyValueStore } from "./store";

/** The in-process store: right for one gateway instance (the embedded default). State is lost on restart. */
export function createMemoryStore(now: () => number = Date.now): KeyValueStore {
  const entries = new Map<string, { value: string; expiresAt: number }>();
  const counters = new Map<string, { points: number; windowSeconds: number; counter: Counter }>();
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
    async delete(key) {
      entries.delete(key);
    },
    counter({ name, points, windowSeconds }) {
      // One limiter per name, as one set of keys on Redis: two parts of the app counting under one name (client
      // and staff sign-in on the per-IP limit) must add up, not each get the whole limit.
      let entry = counters.get(name);
      if (!entry) {
        entry = { points, windowSeconds, counter: counterFromLimiter(new RateLimiterMemory({ keyPrefix: name, points, duration: windowSeconds })) };
        counters.set(name, entry);
      }
      if (entry.points !== points || entry.windowSeconds !== windowSeconds) throw new Error(`counter "${name}" is already counting with other limits`);
      return entry.counter;
    },
    async ping() {},
    async close() {
      entries.clear();
      counters.clear();
    },
  };
}
