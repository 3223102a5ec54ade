import { normalizeEmail } from "./normalize-email";

/** The values that look like an email address (loosely: the PSA's own field said it is one), normalized, once each. */
export function emailsAmong(values: unknown[]): string[] {
  const emails = values.filter((value): value is string => typeof value === "string" && /^[^\s@]+@[^\s@]+$/.test(value.trim())).map(normalizeEmail);
  return [...new Set(emails)];
}

/** An id as the gateway keeps it: always a string, whatever JSON type the PSA sent. */
export const idOf = (value: string | number) => String(value);
