/*
 * When an account's sessions end. A session is bound to its account and checked on every request
 * (portal/load-principal.ts): it ends when the account is no longer active (access turned off), or when it
 * signed in before the account's sessionsValidAfter (a password reset). Every change that ends sessions goes
 * through accounts/use-cases/, which is where a shared "session version" in the store would be bumped.
 */

/** Whether a session signed in at `signedInAt` is still valid for an account with this cut-off. */
export function sessionStillValid(sessionsValidAfter: Date | null, signedInAt: number | undefined): boolean {
  return !sessionsValidAfter || (signedInAt ?? 0) >= sessionsValidAfter.getTime();
}

/** The account fields that end every session signed in before `now`. */
export const endSessionsBefore = (now: Date) => ({ sessionsValidAfter: now });
