import type { Config } from "../../../config";
import { effectiveSyncSettings } from "../../../config/firm-settings";
import type { EffectiveSyncSettings } from "../../../config/firm-settings";
import type { Firm, SyncRequest, SyncRun } from "../../generated/prisma/client";
import type { Db, Prisma } from "../../platform/db/prisma";
import { describeRecordFields } from "../../../connectors/registry";
import type { PsaRecordFields } from "../../../connectors/types";
import { AMBIGUOUS_SCOPING } from "../../access-problems/check-accounts-after-sync";
import { readCounts } from "../sync/checkpoint";
import type { RunCounts } from "../sync/checkpoint";
import { SYNC_JOB } from "../sync/run-record";
import { nextScheduledRuns } from "../sync/schedule";

/** How many accounts of a held run the page lists (the total is always said). */
const HELD_LISTED = 200;

export interface HeldRun {
  run: SyncRun;
  total: number;
  accounts: Array<{ id: string; email: string; evidence: Prisma.JsonValue }>;
}

export interface OpenFlag {
  id: string;
  accountId: string;
  email: string;
  kind: string;
  suggestedEmail: string | null;
  evidence: Prisma.JsonValue;
  firstSeenAt: Date;
}

export interface SyncOverview {
  connectorKind: string | null;
  /** Where staff edit a contact's emails, state and company in this firm's PSA (the fixes name them). */
  recordFields: PsaRecordFields | null;
  settings: EffectiveSyncSettings;
  next: { incremental: Date | null; full: Date | null };
  request: SyncRequest | null;
  running: SyncRun | null;
  runs: Array<SyncRun & { tally: RunCounts }>;
  held: HeldRun[];
  mismatches: OpenFlag[];
  ambiguous: OpenFlag[];
}

/** What the console's Sync page shows: the schedule, the last runs, the held runs and the open flags. */
export async function loadSyncOverview(deps: { db: Db; config: Config }, input: { firm: Firm; now: Date }): Promise<SyncOverview> {
  const { db } = deps;
  const { firm } = input;
  const settings = effectiveSyncSettings(firm.settings, deps.config);
  const [request, runs, heldRuns, mismatches, ambiguous] = await Promise.all([
    db.syncRequest.findUnique({ where: { firmId: firm.id } }),
    db.syncRun.findMany({ where: { firmId: firm.id, job: SYNC_JOB }, orderBy: { startedAt: "desc" }, take: 20 }),
    db.syncRun.findMany({ where: { firmId: firm.id, status: "held_for_review", reviewStatus: "pending" }, orderBy: { startedAt: "desc" } }),
    db.emailMismatch.findMany({ where: { firmId: firm.id, status: "open" }, include: { portalAccount: { select: { email: true } } }, orderBy: { firstSeenAt: "asc" } }),
    db.accessFlag.findMany({ where: { firmId: firm.id, status: "open", kind: AMBIGUOUS_SCOPING }, include: { portalAccount: { select: { email: true } } }, orderBy: { firstSeenAt: "asc" } }),
  ]);
  const held = await Promise.all(
    heldRuns.map(async (run) => {
      const [total, entries] = await Promise.all([
        db.syncRunDisable.count({ where: { runId: run.id } }),
        db.syncRunDisable.findMany({ where: { runId: run.id }, include: { portalAccount: { select: { email: true } } }, orderBy: { portalAccount: { email: "asc" } }, take: HELD_LISTED }),
      ]);
      return { run, total, accounts: entries.map((entry) => ({ id: entry.portalAccountId, email: entry.portalAccount.email, evidence: entry.evidence })) };
    }),
  );
  return {
    connectorKind: firm.connectorKind,
    recordFields: describeRecordFields(firm.connectorKind),
    settings,
    next: nextScheduledRuns(firm.id, settings, input.now),
    request,
    running: runs.find((run) => run.status === "running") ?? null,
    runs: runs.map((run) => ({ ...run, tally: readCounts(run.counts) })),
    held,
    mismatches: mismatches.map((m) => ({ id: m.id, accountId: m.portalAccountId, email: m.portalAccount.email, kind: m.kind, suggestedEmail: m.suggestedEmail, evidence: m.evidence, firstSeenAt: m.firstSeenAt })),
    ambiguous: ambiguous.map((f) => ({ id: f.id, accountId: f.portalAccountId, email: f.portalAccount.email, kind: f.kind, suggestedEmail: null, evidence: f.evidence, firstSeenAt: f.firstSeenAt })),
  };
}
