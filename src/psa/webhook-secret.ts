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

/** A secret's length in the address: 32 bytes in base64url, without padding. */
export const WEBHOOK_SECRET_LENGTH = 43;

/**
 * The address's secret as the PSA sent it back. A PSA that appends the record id to the address it was given
 * (ConnectWise, registered without "?recordId=") delivers to ".../{secret}57961": the digits after the secret's
 * fixed length are the record id, not part of the secret.
 */
export function secretOfDelivery(sent: string, appendsRecordId: boolean): string {
  if (!appendsRecordId || sent.length <= WEBHOOK_SECRET_LENGTH) return sent;
  return /^\d+$/.test(sent.slice(WEBHOOK_SECRET_LENGTH)) ? sent.slice(0, WEBHOOK_SECRET_LENGTH) : sent;
}
