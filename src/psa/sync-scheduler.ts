import type { Config } from "../../config";
import { effectiveSyncSettings } from "../../config/firm-settings";
import type { Firm } from "../generated/prisma/client";
import type { Db } from "../platform/db/prisma";
import type { Lease } from "../platform/kv/lease";
import type { Logger } from "../platform/logger";
import type { SyncMode, SyncTrigger } from "./sync/checkpoint";
import { SYNC_JOB } from "./sync/run-record";
import { dueRun } from "./sync/schedule";
import type { DueRun } from "./sync/schedule";
import { syncFirm } from "./use-cases/sync-firm";
import type { SyncDeps, SyncOutcome } from "./use-cases/sync-firm";

export interface SyncReport {
  firmId: string;
  trigger: SyncTrigger;
  outcome: SyncOutcome | { kind: "skipped_elsewhere" };
}

interface DueRow {
  firmId: string;
  settings: unknown;
  lastStartedAt: string | null;
  lastFullStartedAt: string | null;
  requestMode: string | null;
  requestTrigger: string | null;
  requestedBy: string | null;
}

const asMode = (value: string | null): SyncMode => (value === "full" ? "full" : "incremental");
const asTrigger = (value: string | null): SyncTrigger => (value === "staff" || value === "cli" || value === "webhook" ? value : "schedule");
const at = (value: string | null) => (value ? new Date(value) : null);

/** Every connected firm whose sync is due now (schedule/schedule.ts), asked-for runs first, from the database alone. */
export async function findDueFirms(db: Db, config: Config, now: Date): Promise<Array<{ firmId: string; due: DueRun }>> {
  const iso = (column: string) => `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const rows = await db.$queryRawUnsafe<DueRow[]>(
    `SELECT f.id::text AS "firmId", f.settings, ${iso("runs.last")} AS "lastStartedAt", ${iso("runs.full")} AS "lastFullStartedAt",
            r.mode AS "requestMode", r.trigger AS "requestTrigger", r."requestedBy"
     FROM "Firm" f
     LEFT JOIN "SyncRequest" r ON r."firmId" = f.id
     LEFT JOIN LATERAL (
       SELECT max(s."startedAt") AS last, max(s."startedAt") FILTER (WHERE s.mode = 'full') AS full
       FROM "SyncRun" s WHERE s."firmId" = f.id AND s.job = $1
     ) runs ON true
     WHERE f."connectorKind" IS NOT NULL
     ORDER BY r."requestedAt" NULLS LAST, runs.last NULLS FIRST`,
    SYNC_JOB,
  );
  const due: Array<{ firmId: string; due: DueRun }> = [];
  for (const row of rows) {
    const request = row.requestTrigger ? { mode: asMode(row.requestMode), trigger: asTrigger(row.requestTrigger), requestedBy: row.requestedBy } : null;
    const facts = { firmId: row.firmId, settings: effectiveSyncSettings(row.settings, config), lastStartedAt: at(row.lastStartedAt), lastFullStartedAt: at(row.lastFullStartedAt), request };
    const run = dueRun(facts, now);
    if (run) due.push({ firmId: row.firmId, due: run });
  }
  return due;
}

export interface SchedulerDeps extends SyncDeps {
  config: Config;
}

/** A sync run's settings from the configuration (compose.ts, and the bench, build the scheduler with these). */
export function syncSettings(config: Config): SyncDeps["settings"] {
  return { lockMs: config.SYNC_LOCK_SECONDS * 1000, overlapMs: config.SYNC_OVERLAP_MINUTES * 60_000, maxWaitMs: 60_000, pageSize: config.SYNC_PAGE_SIZE, detailsPerRun: 50 };
}

/**
 * Runs the sync of every due firm, at most SYNC_MAX_CONCURRENT at once in this process. Each firm's run takes the
 * firm's lock first (in the store, shared on Redis; a firm locked elsewhere is skipped, its run is someone else's),
 * so any instance may pick up any firm and two runs of one firm never overlap. Returns once nothing is left due.
 */
export function createSyncScheduler(deps: SchedulerDeps) {
  const stopping = new AbortController();

  async function runOne(firmId: string, due: DueRun, lockItem: (item: string) => Promise<Lease | null>): Promise<SyncReport> {
    const lease = await lockItem(firmId);
    if (!lease) return { firmId, trigger: due.trigger, outcome: { kind: "skipped_elsewhere" } };
    try {
      const firm = await deps.db.firm.findUnique({ where: { id: firmId } });
      if (!firm?.connectorKind) return { firmId, trigger: due.trigger, outcome: { kind: "busy" } };
      return { firmId, trigger: due.trigger, outcome: await runFirm(firm, due, lease) };
    } finally {
      await lease.release();
    }
  }

  function runFirm(firm: Firm, due: DueRun, lease: Lease): Promise<SyncOutcome> {
    const settings = effectiveSyncSettings(firm.settings, deps.config);
    const guard = { percent: settings.massDisablePercent, max: settings.massDisableMax };
    return syncFirm(deps, { firm, ...due, lease, guard, signal: stopping.signal });
  }

  return {
    runFirm,
    async drain(context: { lockItem(item: string): Promise<Lease | null>; logger: Logger }): Promise<SyncReport[]> {
      const attempted = new Set<string>();
      const reports: SyncReport[] = [];
      while (!stopping.signal.aborted) {
        const due = (await findDueFirms(deps.db, deps.config, deps.now())).filter((entry) => !attempted.has(entry.firmId));
        if (due.length === 0) break;
        let next = 0;
        const worker = async () => {
          for (let entry = due[next++]; entry && !stopping.signal.aborted; entry = due[next++]) {
            attempted.add(entry.firmId);
            try {
              reports.push(await runOne(entry.firmId, entry.due, context.lockItem));
            } catch (error) {
              context.logger.error({ err: error, firmId: entry.firmId }, "sync run could not start");
            }
          }
        };
        await Promise.all(Array.from({ length: deps.config.SYNC_MAX_CONCURRENT }, worker));
      }
      return reports;
    },
    /** The gateway is stopping: runs in progress end after their current page, interrupted, and resume next time. */
    stop() {
      stopping.abort();
    },
  };
}

export type SyncScheduler = ReturnType<typeof createSyncScheduler>;
