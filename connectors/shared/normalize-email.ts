/**
 * The one place an email address becomes an identifier: trimmed, Unicode NFC, lower-cased.
 * Everything that compares, stores or looks up an email (sign-in, invites, PSA lookups, the sync,
 * mismatch detection) calls this, so "Jane@ACME.com " and "jane@acme.com" are always the same person.
 * It lives in connectors/ because connectors may not import from src/, while src/ may import it.
 */
export function normalizeEmail(raw: string): string {
  return raw.trim().normalize("NFC").toLowerCase();
}

/** A deliberately loose shape check (one @, something either side, no spaces): the mailbox decides the rest. */
export function looksLikeEmail(normalized: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(normalized) && normalized.length <= 254;
}
