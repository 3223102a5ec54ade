import type { PortalAccount, StaffAccount } from "../../generated/prisma/client";
import { endSessionsBefore } from "../account-sessions";
import { changeAccounts } from "../change-account";
import type { AccountDeps } from "../change-account";
import type { AccountRef } from "../session-versions";

/**
 * Sign an account out everywhere: every session that signed in before `now` ends on its next request, on every
 * gateway instance (the same cut-off a password reset sets). The account itself stays as it is: its owner signs
 * in again with their password.
 */
export async function endAccountSessions(deps: AccountDeps, ref: AccountRef, now = new Date()): Promise<PortalAccount | StaffAccount> {
  return changeAccounts(deps.sessionVersions, [ref], async (): Promise<PortalAccount | StaffAccount> =>
    ref.kind === "portal"
      ? await deps.db.portalAccount.update({ where: { id: ref.id }, data: endSessionsBefore(now) })
      : await deps.db.staffAccount.update({ where: { id: ref.id }, data: endSessionsBefore(now) }),
  );
}
