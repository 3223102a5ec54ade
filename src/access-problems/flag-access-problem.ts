import type { Firm, PortalAccount } from "../generated/prisma/client";
import type { Db } from "../platform/db/prisma";
import type { KeyValueStore } from "../platform/kv/store";
import { recordMismatch } from "./record-mismatch";
import { findIntendedContactFor } from "./suggest-psa-email";

export type AccessProblem = "no_contact" | "no_company" | "contact_inactive" | "company_inactive";
const ACCESS_PROBLEMS: readonly AccessProblem[] = ["no_contact", "no_company", "contact_inactive", "company_inactive"];

const RECHECK_MS = 10 * 60_000;
const recheckKey = (accountId: string, problem: AccessProblem) => `flag:${accountId}:${problem}`;

/**
 * Raise (or refresh) the admins' flag for a client who signed in but sees nothing. An email the PSA does not
 * know becomes an EmailMismatch with the contact it most likely means (find-intended-contact.ts) where one is
 * close; the other causes become an AccessFlag. A page load rechecks at most every 10 minutes per account and
 * cause, so a client reloading a page does not turn into a write per load. A flag staff dismissed stays dismissed.
 */
export async function flagAccessProblem(db: Db, store: KeyValueStore, firm: Firm, account: PortalAccount, problem: AccessProblem, detail?: string): Promise<void> {
  if (!(await store.setIfAbsent(recheckKey(account.id, problem), "1", RECHECK_MS))) return;
  const now = new Date();
  if (problem === "no_contact") {
    await recordMismatch(db, { firmId: firm.id, account, finding: await findIntendedContactFor(db, firm, account.email), now });
    return;
  }
  const where = { firmId_portalAccountId_kind: { firmId: firm.id, portalAccountId: account.id, kind: problem } };
  const existing = await db.accessFlag.findUnique({ where, select: { status: true } });
  const data = { detail: detail ?? null, lastSeenAt: now, ...(existing?.status === "dismissed" ? {} : { status: "open" as const, resolvedAt: null }) };
  await db.accessFlag.upsert({ where, create: { firmId: firm.id, portalAccountId: account.id, kind: problem, ...data }, update: data });
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
