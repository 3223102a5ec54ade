import type { Pool } from "pg";
import type { Firm } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import type { SessionVersions } from "../../accounts/session-versions";
import type { Lease } from "../../platform/kv/lease";
import type { Logger } from "../../platform/logger";
import type { PsaConnector } from "../../../connectors/types";
import { checkAccountsAfterSync } from "../../access-problems/check-accounts-after-sync";
import type { FirmConnectors } from "../firm-connectors";
import { emptyCounts, nextPhase, readCheckpoint, SYNC_ENTITIES } from "../sync/checkpoint";
import type { Checkpoint, RunCounts, SyncMode, SyncTrigger } from "../sync/checkpoint";
import { listEntity } from "../sync/list-entity";
import { planPass } from "../sync/plan-pass";
import type { PassPlan } from "../sync/plan-pass";
import { closeStaleRuns, finishRunRecord, lastCompletePass, recordFailedStart, saveProgress, startRunRecord } from "../sync/run-record";
import type { RunEnd } from "../sync/run-record";
import { ANALYZE_AFTER_ROWS, createSnapshotWriter, databaseNow, refreshStatistics, snapshotTables } from "../sync/snapshot-writer";
import type { SnapshotWriter } from "../sync/snapshot-writer";
import { snapshotProjectDetails } from "../snapshot-project-details";
import { reconcileAccounts } from "./reconcile-accounts";

export interface SyncDeps {
  db: Db;
  /** The node-postgres pool under `db`: the snapshot's page writes go to it directly (sync/snapshot-writer.ts). */
  sql: Pool;
  /** The accounts' session versions: an access change the sync makes reaches open sessions on their next page. */
  sessionVersions: SessionVersions;
  connectors: FirmConnectors;
  logger: Logger;
  now(): Date;
  /** Waits (a rate limit's Retry-After); returns early when the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  settings: {
    lockMs: number;
    overlapMs: number;
    /** The longest "try again later" a page waits out before the run ends failed (and the next one resumes). */
    maxWaitMs: number;
    /** Records per page asked of the PSA (connectors cap it at their vendor's maximum). */
    pageSize: number;
    /** Open projects whose page details (phases, the manager's contact) one run reads into the snapshot. */
    detailsPerRun: number;
  };
}

export interface SyncInput {
  firm: Firm;
  mode: SyncMode;
  trigger: SyncTrigger;
  requestedBy?: string | null;
  /** The firm's lock, held by the caller: renewed after every page, released by the caller. */
  lease: Lease;
  /** The mass-disable guard (config/firm-settings.ts effectiveSyncSettings). */
  guard: { percent: number; max: number };
  /** Stops the run after the page in progress (the gateway is stopping); it ends interrupted and the next run resumes. */
  signal?: AbortSignal;
}

export type SyncOutcome =
  | { kind: "finished"; runId: string | null; status: RunEnd["status"]; counts: RunCounts; errorCode?: string; error?: string }
  /** Another run of the firm is running (on this or another instance). */
  | { kind: "busy" }
  /** The run lost its lock or was declared interrupted by another instance mid-way: it stopped without further changes. */
  | { kind: "lost"; runId: string };

/**
 * One sync run of one firm: the PSA's companies, contacts and projects into the snapshot (page by page, a
 * checkpoint after each), then, only after listings that completed, the accounts follow the PSA and the
 * mismatches are flagged. A failed, interrupted or partial run changes no account; the next run carries on.
 */
export async function syncFirm(deps: SyncDeps, input: SyncInput): Promise<SyncOutcome> {
  const { db } = deps;
  const { firm } = input;
  const now = deps.now();
  const base = { firmId: firm.id, connectorKind: firm.connectorKind ?? "", trigger: input.trigger, requestedBy: input.requestedBy ?? null, now };
  const connector = deps.connectors.forFirm(firm, "background");
  if (!connector.ok) {
    await recordFailedStart(db, { ...base, mode: input.mode }, connector.error);
    return { kind: "finished", runId: null, status: "failed", counts: emptyCounts(), errorCode: connector.error.code, error: connector.error.message };
  }
  await closeStaleRuns(db, firm.id, new Date(now.getTime() - deps.settings.lockMs), now);
  const plan = await planPass(db, firm, connector.value.capabilities, { mode: input.mode, now, overlapMs: deps.settings.overlapMs });
  const run = await startRunRecord(db, { ...base, ...plan });
  if (!run) return { kind: "busy" };
  await db.syncRequest.deleteMany({ where: { firmId: firm.id, requestedAt: { lte: now } } });
  const log = deps.logger.child({ firmId: firm.id, runId: run.id, mode: plan.mode, trigger: input.trigger });
  try {
    return await runPass(deps, input, { connector: connector.value, runId: run.id, plan, log });
  } catch (error) {
    log.error({ err: error }, "sync run failed on our side");
    const message = error instanceof Error ? error.message : String(error);
    await finishRunRecord(db, run.id, { status: "failed", counts: emptyCounts(), checkpoint: plan.checkpoint, errorCode: "internal_error", error: message, now: deps.now() });
    return { kind: "finished", runId: run.id, status: "failed", counts: emptyCounts(), errorCode: "internal_error", error: message };
  }
}

interface PassContext {
  connector: PsaConnector;
  runId: string;
  plan: PassPlan;
  log: Logger;
}

async function runPass(deps: SyncDeps, input: SyncInput, pass: PassContext): Promise<SyncOutcome> {
  const { db } = deps;
  const { firm } = input;
  const counts = emptyCounts();
  const writer = createSnapshotWriter(deps.sql, { firmId: firm.id, connectorKind: firm.connectorKind ?? "" });
  const save = async (checkpoint: Checkpoint) => (await input.lease.renew()) && saveProgress(db, pass.runId, { checkpoint, counts, now: deps.now() });
  const end = (outcome: Omit<RunEnd, "counts" | "now">) => finish(deps, pass, { ...outcome, counts, now: deps.now() });
  let checkpoint = pass.plan.checkpoint;
  const stream = { sleep: deps.sleep, maxWaitMs: deps.settings.maxWaitMs, maxWaits: 5 };
  const listing = { connector: pass.connector, writer, counts, passStartedAt: pass.plan.passStartedAt, signal: input.signal, save, stream, pageSize: deps.settings.pageSize };
  for (const entity of SYNC_ENTITIES) {
    if (checkpoint.phase !== entity) continue;
    const listed = await listEntity(listing, entity, checkpoint);
    checkpoint = listed.checkpoint;
    if (listed.kind === "lost") return { kind: "lost", runId: pass.runId };
    if (listed.kind === "aborted") return end({ status: "failed", checkpoint, errorCode: "interrupted", error: "The gateway stopped during the run; the next run carries on from here." });
    if (listed.kind === "failed") return end({ status: "failed", checkpoint, errorCode: listed.error.code, error: listed.error.message });
    checkpoint = { ...checkpoint, phase: nextPhase(entity), cursor: null };
    if (!(await save(checkpoint))) return { kind: "lost", runId: pass.runId };
  }
  if (counts.added + counts.updated >= ANALYZE_AFTER_ROWS) await refreshStatistics(db, Object.values(snapshotTables).map((table) => table.table));
  if (pass.plan.mode === "full") {
    const empty = await emptyAnswer(writer, pass.plan.passStartedAt);
    // Not carried on by the next run (phase "done"): it reads the PSA afresh.
    if (empty) return end({ status: "failed", checkpoint: { ...checkpoint, phase: "done" }, errorCode: "psa_empty", error: `The PSA listed no ${empty.entity} while ${empty.known} were known: nothing was archived and no account changed.` });
    for (const entity of SYNC_ENTITIES) counts.removed += await writer.archiveUnseen(entity, pass.plan.passStartedAt);
  }
  const since = await reconciledUpTo(db, firm);
  checkpoint = { ...checkpoint, phase: "accounts", reconciledAt: checkpoint.reconciledAt ?? (await databaseNow(db)).toISOString() };
  const reconciled = await reconcileAccounts(
    { db, sessionVersions: deps.sessionVersions, connector: pass.connector, logger: pass.log, stillOurs: () => save(checkpoint), now: deps.now },
    { firm, runId: pass.runId, since, guard: input.guard },
  );
  if (reconciled.lost) return { kind: "lost", runId: pass.runId };
  Object.assign(counts, { linked: reconciled.linked, restored: reconciled.restored, disabled: reconciled.disabled, held: reconciled.held });
  const flags = await checkAccountsAfterSync(db, firm, deps.now());
  Object.assign(counts, { mismatches: flags.flagged, flagsClosed: flags.closed });
  const scope = { firmId: firm.id, connectorKind: firm.connectorKind ?? "" };
  counts.details = (await snapshotProjectDetails(db, pass.connector, scope, deps.settings.detailsPerRun, deps.now)).read;
  return end({ status: reconciled.held > 0 ? "held_for_review" : "succeeded", checkpoint: { ...checkpoint, phase: "done", cursor: null } });
}

/** Where the firm's last complete pass began reconciling accounts (null: never, so every account is considered). */
async function reconciledUpTo(db: Db, firm: Firm): Promise<Date | null> {
  const last = await lastCompletePass(db, firm);
  const checkpoint = last ? readCheckpoint(last.checkpoint) : null;
  const at = checkpoint?.reconciledAt ?? last?.passStartedAt?.toISOString() ?? null;
  return at ? new Date(at) : null;
}

/** A full listing that returned nothing of a kind the snapshot holds is suspicious, never "everyone left". */
async function emptyAnswer(writer: SnapshotWriter, passStartedAt: Date): Promise<{ entity: string; known: number } | null> {
  for (const entity of ["companies", "contacts"] as const) {
    const { seen, unseen } = await writer.seenSince(entity, passStartedAt);
    if (seen === 0 && unseen > 0) return { entity, known: unseen };
  }
  return null;
}

async function finish(deps: SyncDeps, pass: PassContext, end: RunEnd): Promise<SyncOutcome> {
  if (!(await finishRunRecord(deps.db, pass.runId, end))) return { kind: "lost", runId: pass.runId };
  const summary = { status: end.status, ...end.counts, ...(end.errorCode ? { errorCode: end.errorCode } : {}) };
  if (end.status === "failed") pass.log.warn(summary, `sync run failed: ${end.error ?? end.errorCode}`);
  else pass.log.info(summary, "sync run finished");
  return { kind: "finished", runId: pass.runId, status: end.status, counts: end.counts, errorCode: end.errorCode, error: end.error };
}
