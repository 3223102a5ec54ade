import type { Firm, StaffAccount } from "../../generated/prisma/client";
import { effectiveFirmPolicy } from "../../../config/firm-settings";
import { normalizeEmail } from "../../../connectors/shared/normalize-email";
import { lockedOut } from "./authenticate-portal-account";
import type { AuthDeps } from "./authenticate-portal-account";
import { verifyPassword } from "../passwords";

export type StaffAuthOutcome =
  | { ok: true; account: StaffAccount }
  | { ok: false; reason: "fail_password" | "fail_unknown_email" | "fail_not_claimed"; account: StaffAccount | null }
  | { ok: false; reason: "fail_locked" | "fail_ip_limited"; until: Date; account: null }
  | { ok: false; reason: "fail_disabled"; account: StaffAccount };

/**
 * The staff twin of authenticatePortalAccount, with the same privacy order (limits first, a hash always
 * computed, account state only after the right password). Staff lockout counters are keyed apart from
 * clients' ("staff:<email>"), so a client and a staff member sharing an address never lock each other out.
 */
export async function authenticateStaffAccount(deps: AuthDeps, firm: Firm, emailTyped: string, password: string, ip: string): Promise<StaffAuthOutcome> {
  const email = normalizeEmail(emailTyped);
  const key = `staff:${email}`;
  const policy = effectiveFirmPolicy(firm.settings, deps.config);
  const locked = await lockedOut(deps.lockout, firm.id, key, ip, policy);
  if (locked) return locked;

  const account = await deps.db.staffAccount.findUnique({ where: { firmId_email: { firmId: firm.id, email } } });
  if (!(await verifyPassword(account?.passwordHash, password))) {
    await deps.lockout.recordFailure(firm.id, key, ip, policy);
    return { ok: false, reason: !account ? "fail_unknown_email" : account.passwordHash ? "fail_password" : "fail_not_claimed", account };
  }
  const known = account as StaffAccount;
  await deps.lockout.recordSuccess(firm.id, key, policy);
  if (known.status === "disabled") return { ok: false, reason: "fail_disabled", account: known };
  return { ok: true, account: known };
}
