import type { PortalAccount, StaffAccount, StaffRole } from "../../generated/prisma/client";
import { changeAccounts } from "../change-account";
import type { AccountDeps } from "../change-account";

/*
 * Accounts come into being invited. An upsert, so two admins inviting the same new address at once both end up
 * with the one account; an existing account is returned as it is.
 */

export function createInvitedClient(deps: Pick<AccountDeps, "db">, input: { firmId: string; email: string; by: string; now?: Date }): Promise<PortalAccount> {
  const { firmId, email } = input;
  return deps.db.portalAccount.upsert({
    where: { firmId_email: { firmId, email } },
    create: { firmId, email, status: "invited", statusChangedAt: input.now ?? new Date(), statusChangedBy: input.by },
    update: {},
  });
}

/**
 * A staff invite: a colleague still invited takes the role now chosen (one who activated meanwhile keeps theirs),
 * a new address gets an invited account with it.
 */
export async function createInvitedStaff(deps: AccountDeps, input: { firmId: string; email: string; role: StaffRole; existing: StaffAccount | null }): Promise<StaffAccount> {
  const { firmId, email, role, existing } = input;
  if (existing) {
    await changeAccounts(deps.sessionVersions, [{ kind: "staff", id: existing.id }], () =>
      deps.db.staffAccount.updateMany({ where: { id: existing.id, status: "invited" }, data: { role } }),
    );
  }
  return deps.db.staffAccount.upsert({ where: { firmId_email: { firmId, email } }, create: { firmId, email, role, status: "invited" }, update: {} });
}
