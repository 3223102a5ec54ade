import { acquireLease } from "../../src/platform/kv/lease";
import type { Firm } from "../../src/generated/prisma/client";
import type { Gateway } from "../../src/compose";
import type { SyncOutcome } from "../../src/psa/use-cases/sync-firm";
import { eventually } from "./links";

/**
 * One sync run of the firm now, as the CLI runs it (the firm's lock taken in the gateway's store, the firm's own
 * guard): its outcome. A full run unless told otherwise. A run the app started in the background (a webhook's, a
 * staff "Run now") is waited for first, as the CLI would be told to.
 */
export async function syncNow(gw: Gateway, firm: Firm, mode: "full" | "incremental" = "full"): Promise<SyncOutcome> {
  const lease = await eventually(() => acquireLease(gw.store, `job:psa-sync:${firm.id}`, 60_000));
  try {
    const current = await gw.db.firm.findUniqueOrThrow({ where: { id: firm.id } });
    return await gw.syncScheduler.runFirm(current, { mode, trigger: "cli", requestedBy: null }, lease);
  } finally {
    await lease.release();
  }
}

/** Until the sync runs the app started in the background (a webhook's, a "Run now") have ended and none is asked for. */
export async function syncRunsSettled(gw: Gateway, timeoutMs = 60_000): Promise<void> {
  await eventually(async () => (await gw.db.syncRequest.count()) === 0 && (await gw.db.syncRun.count({ where: { status: "running" } })) === 0, timeoutMs);
}
