import crypto from "node:crypto";
import type { KeyValueStore } from "./store";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ShareOptions<T> {
  /** How long the cross-instance lock is held at most (the slowest fetch we wait for). */
  lockMs: number;
  /** Reads the result another instance stored; null while it is not there yet. */
  readShared: () => Promise<T | null>;
  pollMs?: number;
}

/**
 * Concurrent callers that need the same answer share one fetch. In one process a promise map does it;
 * across gateway instances a lock in the store does: the instance holding it fetches and stores the
 * answer, the others poll for it (and fetch themselves if the holder disappears).
 */
export function createSingleFlight(store: KeyValueStore) {
  const inFlight = new Map<string, Promise<unknown>>();

  async function acquireAndRun<T>(key: string, work: () => Promise<T>, options: ShareOptions<T>): Promise<T> {
    const lockKey = `sf:${key}`;
    const token = crypto.randomBytes(8).toString("hex");
    if (await store.setIfAbsent(lockKey, token, options.lockMs)) {
      try {
        return await work();
      } finally {
        await store.deleteIfEquals(lockKey, token).catch(() => undefined);
      }
    }
    const deadline = Date.now() + options.lockMs;
    while (Date.now() < deadline) {
      await sleep(options.pollMs ?? 20);
      const shared = await options.readShared();
      if (shared !== null) return shared;
      if ((await store.get(lockKey)) === null) {
        // The holder stores its answer before it lets go of the lock, so it may have landed just now.
        const late = await options.readShared();
        if (late !== null) return late;
        break; // the holder finished without storing an answer (the PSA failed): try ourselves
      }
    }
    return work();
  }

  return function share<T>(key: string, work: () => Promise<T>, options: ShareOptions<T>): Promise<T> {
    const existing = inFlight.get(key);
    if (existing) return existing as Promise<T>;
    const running = acquireAndRun(key, work, options).finally(() => inFlight.delete(key));
    inFlight.set(key, running);
    return running;
  };
}

export type SingleFlight = ReturnType<typeof createSingleFlight>;
