/**
 * The ways one person's address can be written differently, for finding the PSA contact an account was meant for.
 * Both sides are already normalizeEmail()'d (trimmed, NFC, lower-cased), so case never differs; what is left is
 * what that function does not touch.
 */

/** Whitespace and invisible characters (no-break space, zero-width space/joiners, BOM) pasted into a PSA field. */
const INVISIBLE = /[\s\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/gu;
/** The same set as a PostgreSQL regular expression, to find PSA emails that hold one. */
export const INVISIBLE_CHARACTERS_PATTERN = "[[:space:]\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]";

/** The address with every space and invisible character removed, and a trailing dot dropped. */
export const withoutSpaces = (email: string): string => email.replace(INVISIBLE, "").replace(/\.+$/, "");

export function splitEmail(email: string): { local: string; domain: string } | null {
  const at = email.lastIndexOf("@");
  return at > 0 && at < email.length - 1 ? { local: email.slice(0, at), domain: email.slice(at + 1) } : null;
}

/** The local part without its subaddress: "jane+portal" is jane's (RFC 5233 subaddressing, used by nearly every provider). */
export const withoutTag = (local: string): string => local.split("+")[0] ?? local;

/**
 * Providers that deliver "jane.doe" and "janedoe" to one mailbox: Gmail ignores dots in the local part ("Gmail
 * doesn't recognize dots as characters within usernames", https://support.google.com/mail/answer/7436150), and
 * googlemail.com is Gmail under its other name. Outlook, Yahoo, iCloud and the rest treat a dot as a character, so
 * there jane.doe and janedoe can be two people and are never matched this way.
 */
const DOT_BLIND_PROVIDERS: ReadonlySet<string> = new Set(["gmail.com", "googlemail.com"]);

/** The Gmail mailbox an address reaches (dots and subaddress dropped, one domain), or null elsewhere. */
export function gmailMailbox(email: string): string | null {
  const parts = splitEmail(email);
  if (!parts || !DOT_BLIND_PROVIDERS.has(parts.domain)) return null;
  return `${withoutTag(parts.local).replace(/\./g, "")}@gmail.com`;
}

/** Every domain that reaches the same mailboxes as `domain` (Gmail's two), for finding candidates. */
export const sameMailboxDomains = (domain: string): string[] => (DOT_BLIND_PROVIDERS.has(domain) ? [...DOT_BLIND_PROVIDERS] : [domain]);

/** The words of a local part ("jane.doe-smith" -> jane, doe, smith), subaddress dropped. */
export const localWords = (local: string): string[] => withoutTag(local).split(/[._-]+/).filter(Boolean);

/** A person's name as the letters an address would use ("Mary-Jane" -> maryjane). */
export const nameLetters = (name: string | null): string => (name ?? "").normalize("NFD").replace(/[^\p{L}]/gu, "").toLowerCase();
