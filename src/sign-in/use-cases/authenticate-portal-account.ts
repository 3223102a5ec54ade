import type { Firm, PortalAccount } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import type { Config } from "../../../config";
import { effectiveFirmPolicy } from "../../../config/firm-settings";
import { normalizeEmail } from "../../../connectors/shared/normalize-email";
import type { AttemptScope, Lockout } from "../lockout";
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

/** Why a wrong password failed, for the audit trail (the person is told the same for all three). */
const wrongPasswordReason = (account: { passwordHash: string | null } | null) => (!account ? "fail_unknown_email" : account.passwordHash ? "fail_password" : "fail_not_claimed");

type PasswordCheck<A> =
  | { ok: true; account: A }
  | { ok: false; reason: "fail_password" | "fail_unknown_email" | "fail_not_claimed"; account: A | null }
  | { ok: false; reason: "fail_locked" | "fail_ip_limited"; until: Date; account: null };

/**
 * One counted password check, for clients and staff alike: the attempt is counted before the password is checked
 * (lockout.attempt), the account is read by `find`, and the password is always hashed (a dummy hash when there is
 * no account). The account's own state is for the caller to judge after.
 */
export async function checkPasswordCounted<A extends { passwordHash: string | null }>(lockout: Lockout, scope: AttemptScope, find: () => Promise<A | null>, password: string): Promise<PasswordCheck<A>> {
  const checked = await lockout.attempt(scope, async () => {
    const account = await find();
    return { account, passed: await verifyPassword(account?.passwordHash, password) };
  });
  if (!checked.ok) return { ...checked, account: null };
  const { account, passed } = checked.value;
  if (!passed || !account) return { ok: false, reason: wrongPasswordReason(account), account };
  return { ok: true, account };
}

/**
 * Check an email and password for a firm's portal. The order matters for privacy:
 * 1. rate limits first (per IP, then per firm+email, counted for unknown emails too), the attempt counted before
 *    the password is checked, so attempts sent all at once cannot check more passwords than the limit;
 * 2. the password is always hashed, against a dummy hash when there is no account, so timing is alike;
 * 3. only after the right password does the caller learn the account is disabled or unconfirmed.
 */
export async function authenticatePortalAccount(deps: AuthDeps, firm: Firm, emailTyped: string, password: string, ip: string): Promise<AuthOutcome> {
  const email = normalizeEmail(emailTyped);
  const policy = effectiveFirmPolicy(firm.settings, deps.config);
  const checked = await checkPasswordCounted(deps.lockout, { firmId: firm.id, key: email, ip, policy }, () => deps.db.portalAccount.findUnique({ where: { firmId_email: { firmId: firm.id, email } } }), password);
  if (!checked.ok) return checked;
  const { account } = checked;
  if (account.status === "disabled") return { ok: false, reason: "fail_disabled", account };
  if (!account.emailConfirmedAt) return { ok: false, reason: "fail_unconfirmed", account };
  return { ok: true, account };
}
