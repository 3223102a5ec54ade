import type { Firm, PortalAccount } from "../generated/prisma/client";
import type { Db } from "../db/prisma";
import type { KeyValueStore } from "../kv/store";
import { suggestPsaEmail } from "./suggest-psa-email";

export type AccessProblem = "no_contact" | "no_company" | "contact_inactive" | "company_inactive";

const RECHECK_MS = 10 * 60_000;

/** Every email the firm's PSA snapshot knows on active contacts: the candidates for a suggestion. */
async function knownPsaEmails(db: Db, firm: Firm): Promise<string[]> {
  const rows = await db.$queryRaw<Array<{ email: string }>>`
    SELECT DISTINCT unnest(emails) AS email FROM "PsaContactSnapshot"
    WHERE "firmId" = ${firm.id}::uuid AND "connectorKind" = ${firm.connectorKind ?? ""} AND active AND "archivedAt" IS NULL`;
  return rows.map((row) => row.email);
}

/**
 * Raise (or refresh) the admins' flag for a client who signed in but sees nothing. An email the PSA does not
 * know becomes an EmailMismatch with a suggested PSA email where one is close; the other causes become an
 * AccessFlag. A page load rechecks at most every 10 minutes per account and cause, so a client reloading a
 * page does not turn into a write per load.
 */
export async function flagAccessProblem(db: Db, store: KeyValueStore, firm: Firm, account: PortalAccount, problem: AccessProblem, detail?: string): Promise<void> {
  if (!(await store.setIfAbsent(`flag:${account.id}:${problem}`, "1", RECHECK_MS))) return;
  const now = new Date();
  if (problem === "no_contact") {
    const suggestedEmail = suggestPsaEmail(account.email, await knownPsaEmails(db, firm));
    const suggestedContact = suggestedEmail
      ? await db.psaContactSnapshot.findFirst({ where: { firmId: firm.id, connectorKind: firm.connectorKind ?? "", emails: { has: suggestedEmail } }, select: { externalId: true } })
      : null;
    const data = { accountEmail: account.email, suggestedEmail, suggestedContactId: suggestedContact?.externalId ?? null, lastSeenAt: now, status: "open" as const, resolvedAt: null };
    await db.emailMismatch.upsert({
      where: { firmId_portalAccountId: { firmId: firm.id, portalAccountId: account.id } },
      create: { firmId: firm.id, portalAccountId: account.id, ...data },
      update: data,
    });
    return;
  }
  const data = { detail: detail ?? null, lastSeenAt: now, status: "open" as const, resolvedAt: null };
  await db.accessFlag.upsert({
    where: { firmId_portalAccountId_kind: { firmId: firm.id, portalAccountId: account.id, kind: problem } },
    create: { firmId: firm.id, portalAccountId: account.id, kind: problem, ...data },
    update: data,
  });
}
