/**
 * Header safety. Names (firm names, display names) become a single line of printable text, and an address
 * must be one plain mailbox: anything with whitespace, brackets, commas or control characters is refused
 * rather than "cleaned", so no value we hold can add a recipient or a header.
 */
export function headerSafeText(value: string, maxLength = 150): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim().slice(0, maxLength);
}

const MAILBOX = /^[^\s@<>(),;:"[\]\\]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

export function isPlainMailbox(address: string): boolean {
  return address.length <= 254 && MAILBOX.test(address);
}

/** MAIL_FROM ("Name <address>" or "address", validated by config) split into nodemailer's address object. */
export function parseMailFrom(value: string): { name: string; address: string } {
  const match = /^(.*)<([^<>]+)>$/.exec(value.trim());
  if (!match) return { name: "", address: value.trim() };
  return { name: headerSafeText((match[1] ?? "").replace(/^"|"$/g, "")), address: (match[2] ?? "").trim() };
}
