import type { Db } from "../platform/db/prisma";
import type { AccountRef, SessionVersions } from "./session-versions";

/** What every account use-case needs: the database, and the session versions it bumps. */
export interface AccountDeps {
  db: Db;
  sessionVersions: SessionVersions;
}

declare const announced: unique symbol;
/**
 * Proof that a change of these accounts is announced to their sessions. The write functions that run inside
 * another feature's transaction (a link used once, access-links/consume-access-link.ts) take one, so the
 * compiler refuses a write that skipped changeAccounts.
 */
export type AccountChange = { readonly refs: readonly AccountRef[]; readonly [announced]: true };

/**
 * The one way an account row changes (a lint rule keeps PortalAccount and StaffAccount writes inside
 * src/accounts/). The accounts' session versions are marked "changing" first and renewed once `write` has
 * finished, committed or failed (session-versions.ts says why that order), so the next request of any of their
 * sessions, on any gateway instance, sees the change. `write` must commit before it returns: call this around
 * the transaction, never inside one.
 */
export async function changeAccounts<T>(versions: SessionVersions, refs: readonly AccountRef[], write: (change: AccountChange) => Promise<T>): Promise<T> {
  await versions.markChanging(refs);
  try {
    return await write({ refs } as AccountChange);
  } finally {
    // A renewal that fails leaves the versions "changing": every page load then reads the database, never stale.
    await versions.renew(refs).catch(() => undefined);
  }
}

/** Throws when a write inside a transaction names an account its announcement did not: a bug, not input. */
export function assertAnnounced(change: AccountChange, ref: AccountRef): void {
  if (!change.refs.some((r) => r.kind === ref.kind && r.id === ref.id)) throw new Error(`account change of ${ref.kind} ${ref.id} was not announced`);
}
