import type { Firm } from "../../generated/prisma/client";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { itemLockKey } from "../../platform/jobs/job-runner";
import type { KeyValueStore } from "../../platform/kv/store";
import { acquireLease } from "../../platform/kv/lease";
import type { SyncScheduler } from "../sync-scheduler";
import type { SyncMode } from "../sync/checkpoint";
import { SYNC_JOB } from "../sync/run-record";
import type { SyncOutcome } from "./sync-firm";

export interface RunSyncNowDeps {
  store: KeyValueStore;
  scheduler: Pick<SyncScheduler, "runFirm">;
  /** SYNC_LOCK_SECONDS in ms: the run renews the lock after every page, as the scheduled job's runs do. */
  lockMs: number;
}

export type FinishedRun = Extract<SyncOutcome, { kind: "finished" }>;

/**
 * One sync run of the firm, now and in this process (`npm run cli -- sync run`): it takes the firm's sync lock,
 * the very lock the scheduled job takes on every instance, so it never overlaps a run going on elsewhere; it says
 * so instead of waiting. The run is recorded with trigger "cli" and ends like any other (failed, held...).
 */
export async function runSyncNow(deps: RunSyncNowDeps, input: { firm: Firm; mode: SyncMode }): Promise<Result<FinishedRun, Failure<"psa_not_connected" | "sync_in_progress">>> {
  if (!input.firm.connectorKind) return fail("psa_not_connected");
  const lease = await acquireLease(deps.store, itemLockKey(SYNC_JOB, input.firm.id), deps.lockMs);
  if (!lease) return fail("sync_in_progress");
  try {
    const outcome = await deps.scheduler.runFirm(input.firm, { mode: input.mode, trigger: "cli", requestedBy: null }, lease);
    // "busy": the database's one-running-run rule saw another run; "lost": another instance took this one over.
    return outcome.kind === "finished" ? ok(outcome) : fail("sync_in_progress");
  } finally {
    await lease.release();
  }
}
