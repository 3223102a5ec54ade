import type { Config } from "../../config";
import type { Db } from "../platform/db/prisma";
import type { AccessLink, Firm, PortalAccount } from "../generated/prisma/client";
import { firmSettingsSchema } from "../../config/firm-settings";
import { enqueueEmail } from "../platform/mail/enqueue-email";
import { identityCheckLockedEmail } from "./notice-emails";
import { changeAccounts } from "../accounts/change-account";
import type { AccountDeps } from "../accounts/change-account";
import { dateOfBirthWrite } from "../accounts/use-cases/change-account-details";

/** Wrong answers allowed on one invite before it locks (seed 002: the client cannot proceed past a wrong DOB). */
export const IDENTITY_CHECK_MAX_FAILURES = 5;
export const IDENTITY_LOCK_FLAG = "identity_check_locked";

/** Whether claiming this link asks for the date of birth: client invites, when the firm turned the check on. */
export function requiresIdentityCheck(firm: Firm, link: Pick<AccessLink, "kind">): boolean {
  const parsed = firmSettingsSchema.safeParse(firm.settings ?? {});
  return link.kind === "invite_client" && parsed.success && parsed.data.identityCheck === "date_of_birth";
}

export function storedDateOfBirth(account: PortalAccount): string | null {
  return account.dateOfBirth ? account.dateOfBirth.toISOString().slice(0, 10) : null;
}

/** A firm that checks the date of birth but has none on file for this client: only the firm can unblock the invite. */
export function identityRecordMissing(firm: Firm, link: Pick<AccessLink, "kind"> & { portalAccount: PortalAccount | null }): boolean {
  return requiresIdentityCheck(firm, link) && !!link.portalAccount && !storedDateOfBirth(link.portalAccount);
}

/**
 * Count a wrong answer on the link (atomically, so parallel guesses cannot slip past the limit). The answer
 * that reaches the limit locks the link and tells the firm: an open flag for the console, and an email to
 * the firm's owners and admins.
 */
export async function recordWrongIdentityAnswer(
  deps: { db: Db; config: Config; kickMail(): void },
  firm: Firm,
  link: AccessLink,
  account: PortalAccount,
  now: Date,
): Promise<{ locked: boolean; attemptsLeft: number }> {
  const { failedChecks } = await deps.db.accessLink.update({ where: { id: link.id }, data: { failedChecks: { increment: 1 } }, select: { failedChecks: true } });
  if (failedChecks < IDENTITY_CHECK_MAX_FAILURES) return { locked: false, attemptsLeft: IDENTITY_CHECK_MAX_FAILURES - failedChecks };
  const locked = await deps.db.accessLink.updateMany({ where: { id: link.id, lockedAt: null }, data: { lockedAt: now } });
  if (locked.count === 1) {
    const detail = `invite locked after ${IDENTITY_CHECK_MAX_FAILURES} wrong date-of-birth answers`;
    await deps.db.accessFlag.upsert({
      where: { firmId_portalAccountId_kind: { firmId: firm.id, portalAccountId: account.id, kind: IDENTITY_LOCK_FLAG } },
      create: { firmId: firm.id, portalAccountId: account.id, kind: IDENTITY_LOCK_FLAG, detail },
      update: { status: "open", detail, lastSeenAt: now, resolvedAt: null },
    });
    const staff = await deps.db.staffAccount.findMany({ where: { firmId: firm.id, status: "active", role: { in: ["owner", "admin"] } } });
    for (const member of staff) {
      await enqueueEmail(deps.db, deps.config, {
        firmId: firm.id,
        kind: IDENTITY_LOCK_FLAG,
        to: member.email,
        content: identityCheckLockedEmail(firm.name, account.email, IDENTITY_CHECK_MAX_FAILURES),
      });
    }
    deps.kickMail();
  }
  return { locked: true, attemptsLeft: 0 };
}

/**
 * Staff correct the date of birth on file. Open invites of the account are unlocked and their wrong-answer
 * count cleared, so the link the client already has works again (nothing is resent), and the flag closes.
 */
export async function correctIdentityRecord(deps: AccountDeps, options: { firmId: string; portalAccountId: string; dateOfBirthIso: string; now?: Date }): Promise<void> {
  const { db } = deps;
  const now = options.now ?? new Date();
  await changeAccounts(deps.sessionVersions, [{ kind: "portal", id: options.portalAccountId }], (change) =>
    db.$transaction([
    dateOfBirthWrite(db, change, { firmId: options.firmId, accountId: options.portalAccountId, dateOfBirthIso: options.dateOfBirthIso }),
    db.accessLink.updateMany({
      where: { firmId: options.firmId, portalAccountId: options.portalAccountId, kind: "invite_client", usedAt: null },
      data: { lockedAt: null, failedChecks: 0 },
    }),
    db.accessFlag.updateMany({
      where: { firmId: options.firmId, portalAccountId: options.portalAccountId, kind: IDENTITY_LOCK_FLAG, status: "open" },
      data: { status: "resolved", resolvedAt: now },
    }),
  ]),
  );
}
