import crypto from "node:crypto";

/**
 * Link tokens: 32 random bytes (256 bits, twice ASVS 7.2.3's 128) in base64url, so they fit a URL path
 * unescaped. Only the SHA-256 is stored: a copy of the database cannot be turned back into working links.
 */
export const TOKEN_BYTES = 32;

export function generateToken(): string {
  return crypto.randomBytes(TOKEN_BYTES).toString("base64url");
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token, "utf8").digest("hex");
}

/** A token as we mint them: anything else is "not valid" without a database lookup. */
export function looksLikeToken(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
