/**
 * When to try a failed email again: 30 s, 1 min, 2 min, ... doubling, at most an hour apart. A mail server
 * that is down for a few minutes costs a few minutes; one down for a day is not hammered meanwhile.
 */
export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_MS = 60 * 60_000;

export function nextAttemptDelayMs(attemptsSoFar: number): number {
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attemptsSoFar - 1));
}

/** How long a delivery run holds a row it picked, so a second instance never sends it twice meanwhile. */
export const CLAIM_LEASE_MS = 2 * 60_000;
