import type { PortalAccount, Prisma } from "../../generated/prisma/client";

/*
 * A client's email counts as confirmed once something sent to it came back used: a confirmation link, or a
 * magic link (which also signs in). Both run inside the transaction that uses the link up.
 */

export async function confirmEmail(tx: Prisma.TransactionClient, accountId: string, now: Date): Promise<void> {
  await tx.portalAccount.updateMany({ where: { id: accountId, emailConfirmedAt: null }, data: { emailConfirmedAt: now } });
}

export async function confirmEmailAndSignIn(tx: Prisma.TransactionClient, account: PortalAccount, now: Date): Promise<void> {
  await tx.portalAccount.update({ where: { id: account.id }, data: { lastSignInAt: now, emailConfirmedAt: account.emailConfirmedAt ?? now } });
}
