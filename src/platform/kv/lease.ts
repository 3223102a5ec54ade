import crypto from "node:crypto";
import type { KeyValueStore } from "./store";

/**
 * A lock in the store (shared on Redis) that expires unless its holder renews it: a process that dies mid-work
 * leaves it for at most `ttlMs`, and one that lost it (expired, taken over) learns so on its next renewal.
 */
export interface Lease {
  readonly key: string;
  /** Extend the lease by its lifetime; false when it was lost (stop working: another holder may have it). */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

export async function acquireLease(store: KeyValueStore, key: string, ttlMs: number, holder: string = crypto.randomUUID()): Promise<Lease | null> {
  if (!(await store.setIfAbsent(key, holder, ttlMs))) return null;
  return {
    key,
    renew: () => store.extendIfEquals(key, holder, ttlMs),
    release: () => store.deleteIfEquals(key, holder),
  };
}
