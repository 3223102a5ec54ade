import type { Firm } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import type { PsaCapabilities } from "../../../connectors/types";
import { noWatermarks, readCheckpoint, SYNC_ENTITIES } from "./checkpoint";
import type { Checkpoint, SyncMode } from "./checkpoint";
import { findResumablePass, lastCompletePass } from "./run-record";
import { databaseNow } from "./snapshot-writer";

export interface PassPlan {
  mode: SyncMode;
  passStartedAt: Date;
  resumedFromId: string | null;
  checkpoint: Checkpoint;
}

/**
 * What this run does: carry on the pass the last run left unfinished (from its checkpoint), or start one. An
 * incremental pass asks each listing for what changed since the newest change the last complete pass saw, less
 * the overlap window (PSA timestamps are not unique and a change can commit after a later one was read); a
 * connector that cannot filter contacts or companies by change time, or a firm with no complete pass yet, gets a
 * full pass. Projects a connector cannot filter are listed in full within an incremental pass.
 */
export async function planPass(db: Db, firm: Pick<Firm, "id" | "connectorKind">, capabilities: PsaCapabilities, input: { mode: SyncMode; now: Date; overlapMs: number }): Promise<PassPlan> {
  const resumable = await findResumablePass(db, firm, input.mode, input.now);
  if (resumable?.run.passStartedAt) {
    return { mode: resumable.run.mode === "incremental" ? "incremental" : "full", passStartedAt: resumable.run.passStartedAt, resumedFromId: resumable.run.id, checkpoint: resumable.checkpoint };
  }
  const last = await lastCompletePass(db, firm);
  const lastCheckpoint = last ? readCheckpoint(last.checkpoint) : null;
  const can = capabilities.changedSince;
  const incremental = input.mode === "incremental" && can.contacts && can.companies && !!last?.passStartedAt && !!lastCheckpoint;
  const since = { ...noWatermarks };
  if (incremental && last?.passStartedAt && lastCheckpoint) {
    for (const entity of SYNC_ENTITIES) {
      if (!can[entity]) continue;
      const from = lastCheckpoint.highWater[entity] ? new Date(lastCheckpoint.highWater[entity]) : last.passStartedAt;
      since[entity] = new Date(from.getTime() - input.overlapMs).toISOString();
    }
  }
  return {
    mode: incremental ? "incremental" : "full",
    passStartedAt: await databaseNow(db),
    resumedFromId: null,
    checkpoint: { phase: "companies", cursor: null, since, highWater: lastCheckpoint?.highWater ?? { ...noWatermarks } },
  };
}

/** The newest PSA change time among `records`, never past the pass's own start (a PSA clock ahead of ours). */
export function newestChange(records: ReadonlyArray<{ updatedAt: Date | null }>, cap: Date): string | null {
  let newest: number | null = null;
  for (const record of records) {
    const at = record.updatedAt?.getTime();
    if (at !== undefined && !Number.isNaN(at) && (newest === null || at > newest)) newest = at;
  }
  return newest === null ? null : new Date(Math.min(newest, cap.getTime())).toISOString();
}

