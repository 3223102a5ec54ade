import type { Firm, PortalAccount } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import type { Config } from "../../../config";
import { effectiveFirmPolicy } from "../../../config/firm-settings";
import type { EffectiveFirmPolicy } from "../../../config/firm-settings";
import { normalizeEmail } from "../../../connectors/shared/normalize-email";
import type { Lockout } from "../lockout";
import { verifyPassword } from "../passwords";

export type AuthOutcome =
  | { ok: true; account: PortalAccount }
  | { ok: false; reason: "fail_password" | "fail_unknown_email" | "fail_not_claimed"; account: PortalAccount | null }
  | { ok: false; reason: "fail_locked" | "fail_ip_limited"; until: Date; account: null }
  | { ok: false; reason: "fail_disabled" | "fail_unconfirmed"; account: PortalAccount };

export interface AuthDeps {
  db: Db;
  config: Config;
  lockout: Lockout;
}

/** The brakes on guessing, checked before any password: the IP first, then the firm + email (`key`). */
export async function lockedOut(lockout: Lockout, firmId: string, key: string, ip: string, policy: EffectiveFirmPolicy): Promise<{ ok: false; reason: "fail_locked" | "fail_ip_limited"; until: Date; account: null } | null> {
  const ipState = await lockout.ipState(ip);
  if (ipState.locked && ipState.until) return { ok: false, reason: "fail_ip_limited", until: ipState.until, account: null };
  const emailState = await lockout.emailState(firmId, key, policy);
  if (emailState.locked && emailState.until) return { ok: false, reason: "fail_locked", until: emailState.until, account: null };
  return null;
}

/**
 * Check an email and password for a firm's portal. The order matters for privacy:
 * 1. rate limits first (per IP, then per firm+email, counted for unknown emails too);
 * 2. the password is always hashed, against a dummy hash when there is no account, so timing is alike;
 * 3. only after the right password does the caller learn the account is disabled or unconfirmed.
 */
export async function authenticatePortalAccount(deps: AuthDeps, firm: Firm, emailTyped: string, password: string, ip: string): Promise<AuthOutcome> {
  const email = normalizeEmail(emailTyped);
  const policy = effectiveFirmPolicy(firm.settings, deps.config);

  const locked = await lockedOut(deps.lockout, firm.id, email, ip, policy);
  if (locked) return locked;

  const account = await deps.db.portalAccount.findUnique({ where: { firmId_email: { firmId: firm.id, email } } });
  const passwordOk = await verifyPassword(account?.passwordHash, password);

  if (!passwordOk) {
    await deps.lockout.recordFailure(firm.id, email, ip, policy);
    const reason = !account ? "fail_unknown_email" : account.passwordHash ? "fail_password" : "fail_not_claimed";
    return { ok: false, reason, account };
  }
  // passwordOk implies an account with a hash.
  const known = account as PortalAccount;
  await deps.lockout.recordSuccess(firm.id, email, policy);
  if (known.status === "disabled") return { ok: false, reason: "fail_disabled", account: known };
  if (!known.emailConfirmedAt) return { ok: false, reason: "fail_unconfirmed", account: known };
  return { ok: true, account: known };
}
