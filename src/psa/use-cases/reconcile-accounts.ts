import type { Firm } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import type { Logger } from "../../platform/logger";
import type { PsaConnector } from "../../../connectors/types";
import { changeClientAccess } from "../../accounts/use-cases/change-account-access";
import type { SessionVersions } from "../../accounts/session-versions";
import { linkedContactsOf, refreshAccountLinks } from "../sync/account-links";
import { standingOf } from "../sync/account-standing";
import type { ArchiveEvidence } from "../sync/account-standing";

/** Who the account history names for a change the sync made (PortalAccount.statusChangedBy). */
export const SYNC_ACTOR = "psa-sync";
/** The reason the sync gives when the PSA archived the client; only accounts turned off for it are turned back on. */
export const PSA_ARCHIVED = "psa_archived";

const BATCH = 1000;

export interface ReconcileDeps {
  db: Db;
  /** Bumped with every access change, so the account's open sessions see it on their next page load. */
  sessionVersions: SessionVersions;
  connector: PsaConnector;
  logger: Logger;
  /** Whether this run may still change accounts (its lock renewed, its row still running); checked before changes. */
  stillOurs(): Promise<boolean>;
  now(): Date;
}

export interface ReconcileInput {
  firm: Pick<Firm, "id" | "connectorKind">;
  runId: string;
  /** The start of the last pass whose accounts were reconciled: only records changed since may turn access off. */
  since: Date | null;
  guard: { percent: number; max: number };
}

export interface ReconcileOutcome {
  linked: number;
  restored: number;
  disabled: number;
  /** Accounts the run would disable, held for an owner's or admin's review because there are too many. */
  held: number;
  lost: boolean;
}

type Candidate = { accountId: string; email: string; evidence: ArchiveEvidence };

/**
 * Accounts follow the PSA, after a pass whose listings completed: link each account to its contacts by email;
 * turn back on the accounts the sync turned off whose contact is back; collect the accounts whose contact or
 * company the PSA archived (only on records that changed since the last reconciled pass, so a decision staff made
 * stands), and turn them off with the evidence, unless there are more than the guard allows: then nothing of
 * that kind is applied and the list is held on the run for review.
 */
export async function reconcileAccounts(deps: ReconcileDeps, input: ReconcileInput): Promise<ReconcileOutcome> {
  const { db, firm } = { db: deps.db, firm: input.firm };
  const scope = { firmId: firm.id, connectorKind: firm.connectorKind ?? "" };
  const outcome: ReconcileOutcome = { linked: await refreshAccountLinks(db, scope), restored: 0, disabled: 0, held: 0, lost: false };
  const candidates: Candidate[] = [];
  let after = "";
  for (;;) {
    const accounts = await db.portalAccount.findMany({ where: { firmId: firm.id, email: { gt: after } }, orderBy: { email: "asc" }, take: BATCH });
    if (accounts.length === 0) break;
    after = accounts[accounts.length - 1]?.email ?? after;
    const linked = await linkedContactsOf(db, scope, accounts.map((a) => a.id), input.since);
    for (const account of accounts) {
      const contacts = linked.get(account.id) ?? [];
      const standing = standingOf(contacts);
      if (standing.kind === "ok" && account.status === "disabled" && account.statusReason === PSA_ARCHIVED && account.statusChangedBy === SYNC_ACTOR) {
        if (!(await deps.stillOurs())) return { ...outcome, lost: true };
        await changeClientAccess(deps, { account, change: { turn: "on" }, by: SYNC_ACTOR, now: deps.now() });
        outcome.restored += 1;
      } else if (standing.kind === "archived" && account.status !== "disabled" && contacts.some((c) => c.recent)) {
        candidates.push({ accountId: account.id, email: account.email, evidence: standing.evidence });
      }
    }
  }
  if (candidates.length === 0) return outcome;
  const evidenceOf = (c: Candidate) => ({ ...c.evidence, runId: input.runId, connectorKind: scope.connectorKind });
  const active = await db.portalAccount.count({ where: { firmId: firm.id, status: { not: "disabled" } } });
  if (candidates.length > Math.floor((active * input.guard.percent) / 100) || candidates.length > input.guard.max) {
    await db.syncRunDisable.createMany({ data: candidates.map((c) => ({ runId: input.runId, portalAccountId: c.accountId, evidence: evidenceOf(c) })), skipDuplicates: true });
    deps.logger.warn({ firmId: firm.id, runId: input.runId, wouldDisable: candidates.length, active }, "sync held for review: it would turn off more accounts than the guard allows");
    return { ...outcome, held: candidates.length };
  }
  const confirmed = await confirmGone(deps, candidates);
  if (!(await deps.stillOurs())) return { ...outcome, lost: true };
  for (const candidate of confirmed) {
    const account = await db.portalAccount.findUnique({ where: { id: candidate.accountId } });
    if (!account || account.status === "disabled") continue;
    const evidence = evidenceOf(candidate);
    await changeClientAccess(deps, { account, change: { turn: "off", reason: PSA_ARCHIVED, evidence }, by: SYNC_ACTOR, now: deps.now() });
    await db.syncRunDisable.create({ data: { runId: input.runId, portalAccountId: account.id, evidence, appliedAt: deps.now() } });
    outcome.disabled += 1;
  }
  return outcome;
}

/**
 * "Gone" is inferred from a listing that did not return the contact; a listing paged by offset can skip a row when
 * another is deleted mid-pass. Before such an account is turned off, the PSA is asked for its email once: a contact
 * it still has active keeps the account on (the next pass brings the snapshot up to date).
 */
async function confirmGone(deps: ReconcileDeps, candidates: Candidate[]): Promise<Candidate[]> {
  const kept: Candidate[] = [];
  for (const candidate of candidates) {
    if (candidate.evidence.reason !== "contact_gone") {
      kept.push(candidate);
      continue;
    }
    const found = await deps.connector.findContactsByEmail(candidate.email);
    if (!found.ok) continue; // not confirmed: no change on a guess
    if (found.value.some((contact) => contact.active)) continue;
    kept.push(candidate);
  }
  return kept;
}
