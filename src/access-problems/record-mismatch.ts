import type { PortalAccount } from "../generated/prisma/client";
import type { Db, Prisma } from "../platform/db/prisma";
import type { IntendedContact } from "./find-intended-contact";

/** What a mismatch flag keeps besides its kind: the contact the account most likely means, for the fix's words. */
export interface MismatchEvidence {
  psaEmail: string | null;
  contact: { externalId: string; name: string; companyExternalIds: string[] } | null;
  typoIn: "account" | "psa" | null;
}

export function mismatchEvidence(finding: IntendedContact | null): MismatchEvidence {
  const contact = finding?.contact;
  const name = contact ? [contact.firstName, contact.lastName].filter(Boolean).join(" ") : "";
  return {
    psaEmail: finding?.psaEmail ?? null,
    contact: contact ? { externalId: contact.externalId, name, companyExternalIds: contact.companyExternalIds } : null,
    typoIn: finding?.typoIn ?? null,
  };
}

/**
 * Open (or refresh) the account's mismatch flag: its email matches no PSA contact, and `finding` is the contact it
 * most likely means (null: no lead). A flag staff dismissed stays dismissed; its evidence is still brought up to date.
 */
export async function recordMismatch(db: Db, input: { firmId: string; account: Pick<PortalAccount, "id" | "email">; finding: IntendedContact | null; now: Date }): Promise<void> {
  const { firmId, account, finding, now } = input;
  const where = { firmId_portalAccountId: { firmId, portalAccountId: account.id } };
  const existing = await db.emailMismatch.findUnique({ where, select: { status: true } });
  const reopen = existing?.status === "dismissed" ? {} : { status: "open" as const, resolvedAt: null };
  const data = {
    accountEmail: account.email,
    kind: finding?.kind ?? "no_match",
    suggestedEmail: finding?.psaEmail ?? null,
    suggestedContactId: finding?.contact?.externalId ?? null,
    evidence: mismatchEvidence(finding) as unknown as Prisma.InputJsonObject,
    lastSeenAt: now,
    ...reopen,
  };
  await db.emailMismatch.upsert({ where, create: { firmId, portalAccountId: account.id, ...data }, update: data });
}
