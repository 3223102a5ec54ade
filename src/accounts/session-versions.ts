import crypto from "node:crypto";
import type { KeyValueStore } from "../platform/kv/store";
import type { SessionUser } from "../platform/http/request-state";

/** Which account: a client's portal account or a staff account. */
export type AccountRef = Pick<SessionUser, "kind" | "id">;

/** The store key of an account's session version (the store adds its prefix). */
export const sessionVersionKey = (ref: AccountRef): string => `sv:${ref.kind}:${ref.id}`;

/** The value while a change is being written: nobody keeps a copy of the row until the change is done. */
const CHANGING = "changing";

/**
 * A per-account version in the shared store, so a page load on Redis sessions can tell "this account has not
 * changed since the copy this process holds" with one store read instead of a database read
 * (accounts/session-accounts.ts). Every account change goes through change-account.ts, which marks the version
 * "changing" before the write and gives it a new random value after the write is committed.
 *
 * Why that order is safe: a copy of the row is only ever kept under the version read before the row itself, so
 * a copy read before a commit carries a version the commit's renewal replaces; while a change is being written
 * nobody keeps a copy at all. If the process dies between the write and the renewal, the version stays
 * "changing" (until it expires) and every page load reads the database: slower, never stale. A version missing
 * from the store (expired, evicted, a restarted Redis) is created afresh and the row read from the database: a
 * missing version never means "valid".
 */
export interface SessionVersions {
  /** Before an account row is written. Throws when the store cannot be reached, so nothing is written unannounced. */
  markChanging(refs: readonly AccountRef[]): Promise<void>;
  /** After the write committed (or failed): a version no copy of the row carries. */
  renew(refs: readonly AccountRef[]): Promise<void>;
  /**
   * The version a copy of the row read from the database right now may be kept under, given the version the
   * session read saw (null: none in the store). Null when no copy may be kept (a change is being written).
   */
  labelFor(ref: AccountRef, seen: string | null): Promise<string | null>;
}

const newVersion = () => crypto.randomBytes(12).toString("base64url");

/** Versions in the gateway's store: Redis when REDIS_URL is set, which is the only setup that reads them. */
export function createSessionVersions(store: KeyValueStore, ttlMs: number): SessionVersions {
  return {
    async markChanging(refs) {
      await Promise.all(refs.map((ref) => store.set(sessionVersionKey(ref), CHANGING, ttlMs)));
    },
    async renew(refs) {
      await Promise.all(refs.map((ref) => store.set(sessionVersionKey(ref), newVersion(), ttlMs)));
    },
    async labelFor(ref, seen) {
      if (seen === CHANGING) return null;
      if (seen !== null) return seen;
      const fresh = newVersion();
      if (await store.setIfAbsent(sessionVersionKey(ref), fresh, ttlMs)) return fresh;
      const current = await store.get(sessionVersionKey(ref));
      return current === CHANGING ? null : current;
    },
  };
}
