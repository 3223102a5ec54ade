import type { PortalAccount, Prisma } from "../../generated/prisma/client";
import { assertAnnounced } from "../change-account";
import type { AccountChange } from "../change-account";

/*
 * A client's email counts as confirmed once something sent to it came back used: a confirmation link, or a
 * magic link (which also signs in). Both run inside the transaction that uses the link up, announced around it.
 */

export async function confirmEmail(tx: Prisma.TransactionClient, change: AccountChange, accountId: string, now: Date): Promise<void> {
  assertAnnounced(change, { kind: "portal", id: accountId });
  await tx.portalAccount.updateMany({ where: { id: accountId, emailConfirmedAt: null }, data: { emailConfirmedAt: now } });
}

export async function confirmEmailAndSignIn(tx: Prisma.TransactionClient, change: AccountChange, account: PortalAccount, now: Date): Promise<void> {
  assertAnnounced(change, { kind: "portal", id: account.id });
  await tx.portalAccount.update({ where: { id: account.id }, data: { lastSignInAt: now, emailConfirmedAt: account.emailConfirmedAt ?? now } });
}
