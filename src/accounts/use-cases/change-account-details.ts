import type { PortalAccount, PortalTemplate, Prisma } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import type { AccountRef } from "../session-versions";
import { assertAnnounced, changeAccounts } from "../change-account";
import type { AccountChange, AccountDeps } from "../change-account";

/*
 * Changes to an account that do not touch its access but that a page may show or use (its template, its last
 * sign-in, the date of birth on file). They bump the session version like any change, so a page served from a
 * copy of the account never shows an old value.
 */

/** A client's own template, or back to inheriting (null). Shows on the client's next page load. */
export function setTemplateOverride(deps: AccountDeps, account: PortalAccount, template: PortalTemplate | null): Promise<PortalAccount> {
  return changeAccounts(deps.sessionVersions, [{ kind: "portal", id: account.id }], () =>
    deps.db.portalAccount.update({ where: { id: account.id }, data: { templateOverride: template } }),
  );
}

/** The last successful sign-in, for the console. */
export async function noteSignIn(deps: AccountDeps, ref: AccountRef, at: Date): Promise<void> {
  await changeAccounts(deps.sessionVersions, [ref], async () => {
    if (ref.kind === "portal") await deps.db.portalAccount.update({ where: { id: ref.id }, data: { lastSignInAt: at } });
    else await deps.db.staffAccount.update({ where: { id: ref.id }, data: { lastSignInAt: at } });
  });
}

/**
 * The date of birth staff put on file, as one step of the caller's batch transaction (the invite's lock is
 * lifted in the same one): the caller announces the change around the transaction.
 */
export function dateOfBirthWrite(db: Db, change: AccountChange, input: { firmId: string; accountId: string; dateOfBirthIso: string }): Prisma.PrismaPromise<PortalAccount> {
  assertAnnounced(change, { kind: "portal", id: input.accountId });
  return db.portalAccount.update({ where: { id: input.accountId, firmId: input.firmId }, data: { dateOfBirth: new Date(`${input.dateOfBirthIso}T00:00:00Z`) } });
}
