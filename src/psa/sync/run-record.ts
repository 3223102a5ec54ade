import type { Firm, SyncRun, SyncStatus } from "../../generated/prisma/client";
import type { Db, Prisma } from "../../platform/db/prisma";
import { readCheckpoint } from "./checkpoint";
import type { Checkpoint, RunCounts, SyncMode, SyncTrigger } from "./checkpoint";

/** The job name on SyncRun rows (and in the job runner's log lines and locks). */
export const SYNC_JOB = "psa-sync";

/** A pass older than this is not carried on: its cursors may have expired, and a fresh pass is cheap by then. */
const RESUME_WITHIN_MS = 24 * 3_600_000;

const asJson = (value: object) => value as Prisma.InputJsonObject;

/**
 * Runs left "running" by a process that stopped (their heartbeat is older than the lock's lifetime) are closed as
 * interrupted, so the next run carries on from their checkpoint. Call it holding the firm's lock.
 */
export async function closeStaleRuns(db: Db, firmId: string, cutoff: Date, now: Date): Promise<number> {
  const closed = await db.syncRun.updateMany({
    where: { firmId, status: "running", OR: [{ heartbeatAt: { lt: cutoff } }, { heartbeatAt: null, startedAt: { lt: cutoff } }] },
    data: { status: "failed", errorCode: "interrupted", error: "The process running it stopped before it finished.", finishedAt: now },
  });
  return closed.count;
}

/** The firm's last pass that completed its listings (succeeded or held for review): its watermarks and start. */
export function lastCompletePass(db: Db, firm: Pick<Firm, "id" | "connectorKind">): Promise<SyncRun | null> {
  return db.syncRun.findFirst({
    where: { firmId: firm.id, job: SYNC_JOB, connectorKind: firm.connectorKind ?? "", status: { in: ["succeeded", "held_for_review"] } },
    orderBy: { startedAt: "desc" },
  });
}

/**
 * The pass the firm's latest run left unfinished (failed or interrupted mid-way), if this run should carry it on:
 * same connector, recent, and not an incremental pass when a full one is asked for.
 */
export async function findResumablePass(db: Db, firm: Pick<Firm, "id" | "connectorKind">, mode: SyncMode, now: Date): Promise<{ run: SyncRun; checkpoint: Checkpoint } | null> {
  const latest = await db.syncRun.findFirst({ where: { firmId: firm.id, job: SYNC_JOB }, orderBy: { startedAt: "desc" } });
  if (!latest || latest.status !== "failed" || latest.connectorKind !== firm.connectorKind || !latest.passStartedAt) return null;
  const checkpoint = readCheckpoint(latest.checkpoint);
  if (!checkpoint || checkpoint.phase === "done") return null;
  if (now.getTime() - latest.passStartedAt.getTime() > RESUME_WITHIN_MS) return null;
  if (mode === "full" && latest.mode === "incremental") return null;
  return { run: latest, checkpoint };
}

export interface NewRun {
  firmId: string;
  connectorKind: string;
  mode: SyncMode;
  trigger: SyncTrigger;
  requestedBy: string | null;
  passStartedAt: Date;
  resumedFromId: string | null;
  checkpoint: Checkpoint;
  now: Date;
}

/**
 * The run's row, or null when another run of the firm is already running: at most one per firm, whatever instance
 * or store started it (a partial unique index, SyncRun_one_running_per_firm).
 */
export async function startRunRecord(db: Db, run: NewRun): Promise<SyncRun | null> {
  const { now, checkpoint, ...fields } = run;
  try {
    return await db.syncRun.create({ data: { ...fields, job: SYNC_JOB, status: "running", startedAt: now, heartbeatAt: now, checkpoint: asJson(checkpoint) } });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return null;
    throw error;
  }
}

/** A run that records a failure before it could start (no PSA connection): nothing was read, nothing changed. */
export async function recordFailedStart(db: Db, run: Omit<NewRun, "checkpoint" | "passStartedAt" | "resumedFromId">, failure: { code: string; message: string }) {
  const { now, ...fields } = run;
  await db.syncRun.create({ data: { ...fields, job: SYNC_JOB, status: "failed", startedAt: now, finishedAt: now, errorCode: failure.code, error: failure.message } });
}

/**
 * Saves where the run is, only while it is still this run's to save: a run another instance declared interrupted
 * (its heartbeat went quiet) gets false and must stop without changing anything more.
 */
export async function saveProgress(db: Db, runId: string, progress: { checkpoint: Checkpoint; counts: RunCounts; now: Date }): Promise<boolean> {
  const saved = await db.syncRun.updateMany({
    where: { id: runId, status: "running" },
    data: { checkpoint: asJson(progress.checkpoint), counts: asJson(progress.counts), heartbeatAt: progress.now },
  });
  return saved.count === 1;
}

export interface RunEnd {
  status: Exclude<SyncStatus, "running">;
  counts: RunCounts;
  checkpoint: Checkpoint;
  errorCode?: string;
  error?: string;
  now: Date;
}

/** Closes the run (only while it is still running as this run): its outcome, counts and last checkpoint. */
export async function finishRunRecord(db: Db, runId: string, end: RunEnd): Promise<boolean> {
  const done = await db.syncRun.updateMany({
    where: { id: runId, status: "running" },
    data: {
      status: end.status,
      counts: asJson(end.counts),
      checkpoint: asJson(end.checkpoint),
      errorCode: end.errorCode ?? null,
      error: end.error ?? null,
      finishedAt: end.now,
      heartbeatAt: end.now,
      reviewStatus: end.status === "held_for_review" ? "pending" : null,
    },
  });
  return done.count === 1;
}
