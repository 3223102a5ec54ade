import { normalizeEmail } from "./normalize-email";

/** Every non-empty email, normalized, de-duplicated, in the order given (so the primary stays first). */
export function collectEmails(raw: ReadonlyArray<string | null | undefined>): string[] {
  const emails: string[] = [];
  for (const value of raw) {
    if (typeof value !== "string") continue;
    const email = normalizeEmail(value);
    if (email && !emails.includes(email)) emails.push(email);
  }
  return emails;
}

/**
 * Keeps the contacts that hold exactly this email. Vendor searches can be fuzzy (Halo's `search`) or
 * of unknown case sensitivity (ConnectWise, Autotask), so the final decision is always made here.
 */
export function keepExactEmailMatches<T extends { emails: string[] }>(contacts: readonly T[], email: string): T[] {
  const wanted = normalizeEmail(email);
  return contacts.filter((contact) => contact.emails.includes(wanted));
}
