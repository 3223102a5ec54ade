import type { PortalAccount, Prisma, StaffAccount } from "../../generated/prisma/client";
import { endSessionsBefore } from "../account-sessions";
import { assertAnnounced } from "../change-account";
import type { AccountChange } from "../change-account";

/** Whose password changes: a client's portal account or a staff account (the same link kinds serve both). */
export type PasswordHolder = { kind: "portal"; account: PortalAccount } | { kind: "staff"; account: StaffAccount };

/** The account a password holder is, for changeAccounts. */
export const refOfHolder = (holder: PasswordHolder) => ({ kind: holder.kind, id: holder.account.id });

/*
 * The one way a password is set: through an access link, inside the transaction that uses the link up
 * (access-links/consume-access-link.ts), so the link and the password change together or not at all. The caller
 * announces the change around that transaction (changeAccounts), and passes the proof here.
 */

/**
 * An invite is claimed: the first password. The account becomes active; a client's email counts as confirmed
 * (the invite came to the inbox); the claim signs in, so it is the last sign-in too.
 */
export async function setFirstPassword(tx: Prisma.TransactionClient, change: AccountChange, holder: PasswordHolder, passwordHash: string, now: Date): Promise<void> {
  assertAnnounced(change, refOfHolder(holder));
  if (holder.kind === "staff") {
    await tx.staffAccount.update({ where: { id: holder.account.id }, data: { passwordHash, status: "active", lastSignInAt: now } });
    return;
  }
  const account = holder.account;
  await tx.portalAccount.update({
    where: { id: account.id },
    data: { passwordHash, status: "active", statusChangedAt: now, statusChangedBy: "claimed invite", emailConfirmedAt: account.emailConfirmedAt ?? now, lastSignInAt: now },
  });
}

/**
 * A reset link sets a new password and ends every session of the account; an account never claimed becomes
 * active with its first password. A client's email counts as confirmed (the link came to the inbox).
 */
export async function resetPassword(tx: Prisma.TransactionClient, change: AccountChange, holder: PasswordHolder, passwordHash: string, now: Date): Promise<void> {
  assertAnnounced(change, refOfHolder(holder));
  const account = holder.account;
  const reset = { passwordHash, ...endSessionsBefore(now), ...(account.status === "invited" ? { status: "active" as const } : {}) };
  if (holder.kind === "staff") {
    await tx.staffAccount.update({ where: { id: account.id }, data: reset });
    return;
  }
  const audit = account.status === "invited" ? { statusChangedAt: now, statusChangedBy: "password reset" } : {};
  await tx.portalAccount.update({ where: { id: account.id }, data: { ...reset, ...audit, emailConfirmedAt: holder.account.emailConfirmedAt ?? now } });
}
