import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

/**
 * Passwords: argon2id with OWASP's Password Storage Cheat Sheet parameters (m=19 MiB, t=2, p=1).
 * Policy follows NIST 800-63B: a minimum length (12 by default, firms may raise it), at least 64 allowed
 * (we allow 128), no composition rules, and a blocklist of common passwords from @zxcvbn-ts/language-common.
 */
const ARGON2ID = 2; // @node-rs/argon2's Algorithm.Argon2id (a const enum, not importable under isolatedModules)
const hashOptions = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MAX_LENGTH = 128;

export function hashPassword(password: string): Promise<string> {
  return hash(password, hashOptions);
}

// Verifying against this when the account does not exist costs the same as a real check, so response
// time does not tell an attacker which emails have accounts.
let dummyHash: Promise<string> | undefined;
function getDummyHash(): Promise<string> {
  dummyHash ??= hash("dummy-password-for-timing-equalization", hashOptions);
  return dummyHash;
}

/** Verify a password; with no stored hash, burn the same time and answer false. */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    await verify(await getDummyHash(), password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}

const commonPasswords = new Set(dictionary["passwords-common"] as string[]);

export type PasswordProblem = { code: "too_short"; min: number } | { code: "too_long"; max: number } | { code: "too_common" } | { code: "contains_context"; word: string };

/**
 * Check a new password against the policy. `contextWords` are things an attacker would try first for this
 * account (the email's local part, the firm's name): a password containing one is refused.
 */
export function checkPasswordPolicy(password: string, options: { minLength: number; contextWords?: string[] }): PasswordProblem | null {
  const length = [...password].length; // code points, as NIST counts them
  if (length < options.minLength) return { code: "too_short", min: options.minLength };
  if (length > PASSWORD_MAX_LENGTH) return { code: "too_long", max: PASSWORD_MAX_LENGTH };
  const lower = password.toLowerCase();
  // "password1234" is "password" with a counter: the list's base words with digits or symbols appended count too.
  const stripped = lower.replace(/[\d\W_]+$/u, "");
  if (commonPasswords.has(lower) || (stripped.length >= 4 && commonPasswords.has(stripped))) return { code: "too_common" };
  if (/^(.)\1+$/u.test(password)) return { code: "too_common" };
  for (const word of options.contextWords ?? []) {
    const w = word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
    if (w.length >= 4 && lower.replace(/[^\p{L}\p{N}]/gu, "").includes(w)) return { code: "contains_context", word };
  }
  return null;
}
