import type { PortalAccount } from "../../generated/prisma/client";
import { changeAccounts } from "../change-account";
import type { AccountDeps } from "../change-account";

export type AccessChange = { turn: "off"; reason: string | null } | { turn: "on" };

/**
 * Turn a client's portal access off, or back on: the one way an account's access changes (the console today,
 * the company-scoping sync next). Off ends every session on its next request, on every gateway instance
 * (load-principal.ts checks the status; change-account.ts makes the sessions see it); back on is active again,
 * or invited when no password was ever set. Who, when and why are kept on the account.
 */
export async function changeClientAccess(deps: AccountDeps, input: { account: PortalAccount; change: AccessChange; by: string; now?: Date }): Promise<PortalAccount> {
  const { account, change } = input;
  const status = change.turn === "on" ? (account.passwordHash ? "active" : "invited") : "disabled";
  return changeAccounts(deps.sessionVersions, [{ kind: "portal", id: account.id }], () =>
    deps.db.portalAccount.update({
      where: { id: account.id },
      data: { status, statusReason: change.turn === "off" ? change.reason : null, statusChangedAt: input.now ?? new Date(), statusChangedBy: input.by },
    }),
  );
}
