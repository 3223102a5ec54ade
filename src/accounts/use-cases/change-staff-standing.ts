import type { AccountStatus, StaffAccount, StaffRole } from "../../generated/prisma/client";
import { changeAccounts } from "../change-account";
import type { AccountDeps } from "../change-account";

/*
 * A colleague's role or console access, changed by an owner on the Staff page. Both bump the colleague's session
 * version: a new role applies, and access turned off ends their sessions, on their next request on any instance.
 */

export function setStaffRole(deps: AccountDeps, colleague: StaffAccount, role: StaffRole): Promise<StaffAccount> {
  return changeAccounts(deps.sessionVersions, [{ kind: "staff", id: colleague.id }], () => deps.db.staffAccount.update({ where: { id: colleague.id }, data: { role } }));
}

export function setStaffStatus(deps: AccountDeps, colleague: StaffAccount, status: AccountStatus): Promise<StaffAccount> {
  return changeAccounts(deps.sessionVersions, [{ kind: "staff", id: colleague.id }], () => deps.db.staffAccount.update({ where: { id: colleague.id }, data: { status } }));
}
