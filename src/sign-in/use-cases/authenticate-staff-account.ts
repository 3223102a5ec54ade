import type { Firm, StaffAccount } from "../../generated/prisma/client";
import { effectiveFirmPolicy } from "../../../config/firm-settings";
import { normalizeEmail } from "../../../connectors/shared/normalize-email";
import { checkPasswordCounted } from "./authenticate-portal-account";
import type { AuthDeps } from "./authenticate-portal-account";

export type StaffAuthOutcome =
  | { ok: true; account: StaffAccount }
  | { ok: false; reason: "fail_password" | "fail_unknown_email" | "fail_not_claimed"; account: StaffAccount | null }
  | { ok: false; reason: "fail_locked" | "fail_ip_limited"; until: Date; account: null }
  | { ok: false; reason: "fail_disabled"; account: StaffAccount };

/**
 * The staff twin of authenticatePortalAccount, with the same privacy order (limits first and counted before the
 * check, a hash always computed, account state only after the right password). Staff lockout counters are keyed
 * apart from clients' ("staff:<email>"), so a client and a staff member sharing an address never lock each other
 * out; the per-IP limit is one counter for both.
 */
export async function authenticateStaffAccount(deps: AuthDeps, firm: Firm, emailTyped: string, password: string, ip: string): Promise<StaffAuthOutcome> {
  const email = normalizeEmail(emailTyped);
  const policy = effectiveFirmPolicy(firm.settings, deps.config);
  const find = () => deps.db.staffAccount.findUnique({ where: { firmId_email: { firmId: firm.id, email } } });
  const checked = await checkPasswordCounted(deps.lockout, { firmId: firm.id, key: `staff:${email}`, ip, policy }, find, password);
  if (!checked.ok) return checked;
  const { account } = checked;
  if (account.status === "disabled") return { ok: false, reason: "fail_disabled", account };
  return { ok: true, account };
}
