import type { PortalAccount } from "../../generated/prisma/client";
import { Prisma } from "../../platform/db/prisma";
import { changeAccounts } from "../change-account";
import type { AccountDeps } from "../change-account";

/**
 * Off, with the reason kept on the account (and, for a change the gateway made itself, the evidence it rests on:
 * the sync's psa_archived names the PSA record and the run); or back on.
 */
export type AccessChange = { turn: "off"; reason: string | null; evidence?: Prisma.InputJsonObject } | { turn: "on" };

/**
 * Turn a client's portal access off, or back on: the one way an account's access changes (the console, and the
 * company-scoping sync when the PSA archives or restores the client). Off ends every session on its next request,
 * on every gateway instance (load-principal.ts checks the status; change-account.ts makes the sessions see it);
 * back on is active again, or invited when no password was ever set. Who, when, why and on what evidence are kept
 * on the account.
 */
export async function changeClientAccess(deps: AccountDeps, input: { account: PortalAccount; change: AccessChange; by: string; now?: Date }): Promise<PortalAccount> {
  const { account, change } = input;
  const status = change.turn === "on" ? (account.passwordHash ? "active" : "invited") : "disabled";
  const off = change.turn === "off" ? change : null;
  return changeAccounts(deps.sessionVersions, [{ kind: "portal", id: account.id }], () =>
    deps.db.portalAccount.update({
      where: { id: account.id },
      data: {
        status,
        statusReason: off ? off.reason : null,
        statusEvidence: off?.evidence ?? Prisma.DbNull,
        statusChangedAt: input.now ?? new Date(),
        statusChangedBy: input.by,
      },
    }),
  );
}
