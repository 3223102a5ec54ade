import crypto from "node:crypto";

/** A webhook address's secret: 256 random bits in the URL, only its SHA-256 kept. */
export const newWebhookSecret = () => crypto.randomBytes(32).toString("base64url");

export const hashWebhookSecret = (secret: string) => crypto.createHash("sha256").update(secret).digest("hex");

/** Is `secret` the firm's webhook secret? Compared as hashes, in constant time. */
export function webhookSecretMatches(storedHash: string | null, secret: string): boolean {
  if (!storedHash) return false;
  const given = Buffer.from(hashWebhookSecret(secret), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && crypto.timingSafeEqual(given, stored);
}
