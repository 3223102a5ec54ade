import type { Firm, PortalAccount } from "../generated/prisma/client";
import type { Db } from "../platform/db/prisma";
import type { KeyValueStore } from "../platform/kv/store";
import { suggestPsaEmail } from "./suggest-psa-email";

export type AccessProblem = "no_contact" | "no_company" | "contact_inactive" | "company_inactive";
const ACCESS_PROBLEMS: readonly AccessProblem[] = ["no_contact", "no_company", "contact_inactive", "company_inactive"];

const RECHECK_MS = 10 * 60_000;
const recheckKey = (accountId: string, problem: AccessProblem) => `flag:${accountId}:${problem}`;

/** Every email the firm's PSA snapshot knows on active contacts: the candidates for a suggestion. */
export async function knownPsaEmails(db: Db, firm: Pick<Firm, "id" | "connectorKind">): Promise<string[]> {
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
  if (!(await store.setIfAbsent(recheckKey(account.id, problem), "1", RECHECK_MS))) return;
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

/**
 * The client's access works again (the PSA was corrected): close every open flag on the account, and forget
 * the recheck marks so that the problem, should it come back, is flagged again at once. Returns how many closed.
 */
export async function closeAccessProblems(db: Db, store: KeyValueStore, firmId: string, accountId: string, now = new Date()): Promise<number> {
  const where = { firmId, portalAccountId: accountId, status: "open" as const };
  const [mismatches, flags] = await Promise.all([
    db.emailMismatch.updateMany({ where, data: { status: "resolved", resolvedAt: now } }),
    db.accessFlag.updateMany({ where, data: { status: "resolved", resolvedAt: now } }),
  ]);
  await Promise.all(ACCESS_PROBLEMS.map((problem) => store.delete(recheckKey(accountId, problem))));
  return mismatches.count + flags.count;
}

export interface OpenAccessProblem {
  portalAccountId: string;
  email: string;
  problem: AccessProblem;
  /** For an email the PSA does not know: the PSA email that looks like the same person, if any. */
  suggestedEmail: string | null;
  detail: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

/** The firm's open flags, oldest first: who signed in and saw no projects, and why. */
export async function listOpenAccessProblems(db: Db, firmId: string): Promise<OpenAccessProblem[]> {
  const where = { firmId, status: "open" as const };
  const [mismatches, flags] = await Promise.all([
    db.emailMismatch.findMany({ where, include: { portalAccount: { select: { email: true } } } }),
    db.accessFlag.findMany({ where: { ...where, kind: { in: ACCESS_PROBLEMS.filter((p) => p !== "no_contact") } }, include: { portalAccount: { select: { email: true } } } }),
  ]);
  return [
    ...mismatches.map((m) => ({ portalAccountId: m.portalAccountId, email: m.portalAccount.email, problem: "no_contact" as const, suggestedEmail: m.suggestedEmail, detail: null, firstSeenAt: m.firstSeenAt, lastSeenAt: m.lastSeenAt })),
    ...flags.map((f) => ({ portalAccountId: f.portalAccountId, email: f.portalAccount.email, problem: f.kind as AccessProblem, suggestedEmail: null, detail: f.detail, firstSeenAt: f.firstSeenAt, lastSeenAt: f.lastSeenAt })),
  ].sort((a, b) => a.firstSeenAt.getTime() - b.firstSeenAt.getTime());
}

/** How many flags are open on the firm (every kind: mismatches, access problems, locked invites): the console's badge. */
export async function countOpenFlags(db: Db, firmId: string): Promise<number> {
  const where = { firmId, status: "open" as const };
  const [mismatches, flags] = await Promise.all([db.emailMismatch.count({ where }), db.accessFlag.count({ where })]);
  return mismatches + flags;
}
