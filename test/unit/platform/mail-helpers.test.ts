import { headerSafeText, isPlainMailbox, parseMailFrom } from "../../../src/platform/mail/mail-headers";
import { nextAttemptDelayMs } from "../../../src/platform/mail/retry-schedule";
import { composeLinkEmail } from "../../../src/access-links/link-email";
import { createFormatter } from "../../../src/platform/formatting";
import { LINK_MARKER } from "../../../src/platform/mail/email-content";
import { generateToken, hashToken, looksLikeToken } from "../../../src/access-links/tokens";

describe("mail helpers", () => {
  test("header text is one line whatever it is given", () => {
    expect(headerSafeText("Acme\r\nBcc: x@y.z\u0000\u2028Co")).toBe("Acme Bcc: x@y.z Co");
  });

  test("only plain mailboxes are addresses", () => {
    expect(isPlainMailbox("jane.doe+portal@acme.co.uk")).toBe(true);
    for (const bad of ["a@b.c\r\nBcc: x@y.z", "Jane <jane@acme.com>", "a,b@c.d", "no-at-sign", "a@-bad.com", "a b@c.d"]) expect(isPlainMailbox(bad)).toBe(false);
  });

  test("MAIL_FROM splits into name and address", () => {
    expect(parseMailFrom("Client portal <no-reply@localhost>")).toEqual({ name: "Client portal", address: "no-reply@localhost" });
    expect(parseMailFrom("no-reply@firm.example")).toEqual({ name: "", address: "no-reply@firm.example" });
  });

  test("retries back off exponentially, capped at an hour", () => {
    expect([1, 2, 3, 4].map(nextAttemptDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(nextAttemptDelayMs(20)).toBe(3_600_000);
  });

  test("link emails state the expiry in words, in the firm's time zone, and carry the link in both parts", () => {
    const now = new Date("2026-11-22T10:00:00Z");
    const brand = { color: "#0b5cad", logoUrl: null, firmName: "Acme", contactLine: null };
    const format = createFormatter({ locale: "en-US", timeZone: "America/Denver", currency: "USD" });
    const email = composeLinkEmail({ kind: "reset", brand, format, expiresAt: new Date(now.getTime() + 3_600_000), now });
    expect(email.text).toContain("This link expires in 60 minutes, on November 22, 2026 at 4:00 AM MST");
    expect(email.text).toContain(LINK_MARKER);
    expect(email.html).toContain(`href="${LINK_MARKER}"`);
    expect(email.text).toContain("Not you");
  });

  test("tokens are 256-bit base64url; only their SHA-256 is kept", () => {
    const token = generateToken();
    expect(looksLikeToken(token)).toBe(true);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(generateToken()).not.toBe(token);
  });
});
