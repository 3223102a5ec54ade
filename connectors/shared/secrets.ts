import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Connector credentials at rest: AES-256-GCM with a random 12-byte IV per value, in a versioned
 * string "v1.<iv>.<tag>.<ciphertext>" (base64url parts) so the scheme can change without ambiguity.
 * The gateway stores the strings; the key comes from its configuration.
 */
const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

function assertKey(key: Buffer): void {
  if (key.length !== 32) throw new Error("The secrets key must be 32 bytes (AES-256).");
}

/** Reads a 32-byte key given as 64 hex characters or as base64. Throws on anything else (a start-up error). */
export function decodeSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  assertKey(key);
  return key;
}

export function encryptSecret(plain: string, key: Buffer): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString("base64url"), tag.toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** Throws (without revealing anything) when the key is wrong or the value was altered: that is an operator error. */
export function decryptSecret(blob: string, key: Buffer): string {
  assertKey(key);
  const [version, ivText, tagText, dataText, extra] = blob.split(".");
  if (version !== VERSION || ivText === undefined || tagText === undefined || dataText === undefined || extra !== undefined) {
    throw new Error("Not an encrypted secret in a known format.");
  }
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error("Not an encrypted secret in a known format.");
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(dataText, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error("A stored secret could not be decrypted: wrong key or altered value.");
  }
}

export function isEncryptedSecret(value: string): boolean {
  return value.startsWith(`${VERSION}.`) && value.split(".").length === 4;
}

/** For API output: never the value; the last four characters only when the secret is long enough to spare them. */
export function maskSecret(value: string | null | undefined): string {
  if (!value) return "";
  return value.length >= 16 ? `••••••••${value.slice(-4)}` : "••••••••";
}

type Settings = Record<string, unknown>;

function mapFields(settings: Settings, fields: readonly string[], change: (value: string) => string): Settings {
  const out: Settings = { ...settings };
  for (const field of fields) {
    const value = out[field];
    if (typeof value === "string" && value !== "") out[field] = change(value);
  }
  return out;
}

export function encryptSecretFields(settings: Settings, fields: readonly string[], key: Buffer): Settings {
  return mapFields(settings, fields, (value) => (isEncryptedSecret(value) ? value : encryptSecret(value, key)));
}

export function decryptSecretFields(settings: Settings, fields: readonly string[], key: Buffer): Settings {
  return mapFields(settings, fields, (value) => (isEncryptedSecret(value) ? decryptSecret(value, key) : value));
}

/** Masks secret fields for API output; an encrypted value is masked whole (its tail means nothing to a person). */
export function maskSecretFields(settings: Settings, fields: readonly string[]): Settings {
  return mapFields(settings, fields, (value) => (isEncryptedSecret(value) ? maskSecret("x") : maskSecret(value)));
}
