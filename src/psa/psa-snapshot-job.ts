import crypto from "node:crypto";
import cron from "node-cron";
import type { ScheduledTask } from "node-cron";
import type { Db } from "../platform/db/prisma";
import type { KeyValueStore } from "../platform/kv/store";
import type { Logger } from "../platform/logger";
import type { FirmConnectors } from "./firm-connectors";
import { refreshPsaSnapshot } from "./use-cases/refresh-psa-snapshot";

export interface SnapshotRunReport {
  firmId: string;
  outcome: "refreshed" | "failed" | "skipped_elsewhere";
  detail?: string;
}

/**
 * Keeps every connected firm's PSA snapshot fresh on a schedule (PSA_SNAPSHOT_CRON), so that when a PSA is down
 * the portal has something recent to serve (up to MAX_STALENESS_HOURS). One instance refreshes a given firm at a
 * time: a lock in the store (shared on Redis) is taken per firm, and an instance that finds it taken moves on.
 */
export function createSnapshotJob(deps: { db: Db; store: KeyValueStore; connectors: FirmConnectors; logger: Logger }) {
  const log = deps.logger.child({ module: "psa-snapshot-job" });
  const holder = crypto.randomUUID();
  const LOCK_MS = 60 * 60_000;
  let task: ScheduledTask | null = null;
  let running: Promise<SnapshotRunReport[]> | null = null;

  async function refreshAll(): Promise<SnapshotRunReport[]> {
    const firms = await deps.db.firm.findMany({ where: { connectorKind: { not: null } }, orderBy: { createdAt: "asc" } });
    const reports: SnapshotRunReport[] = [];
    for (const firm of firms) {
      const lock = `job:psa-snapshot:${firm.id}`;
      if (!(await deps.store.setIfAbsent(lock, holder, LOCK_MS))) {
        reports.push({ firmId: firm.id, outcome: "skipped_elsewhere" });
        continue;
      }
      try {
        const result = await refreshPsaSnapshot(deps.db, deps.connectors, firm);
        if (result.ok) reports.push({ firmId: firm.id, outcome: "refreshed", detail: `${result.value.contacts} contacts, ${result.value.changed} changed` });
        else {
          reports.push({ firmId: firm.id, outcome: "failed", detail: `${result.error.code}: ${result.error.message}` });
          log.warn({ firmId: firm.id, code: result.error.code }, "PSA snapshot refresh failed; the previous snapshot stays");
        }
      } catch (error) {
        reports.push({ firmId: firm.id, outcome: "failed", detail: error instanceof Error ? error.message : String(error) });
        log.error({ firmId: firm.id, err: error }, "PSA snapshot refresh failed");
      } finally {
        await deps.store.deleteIfEquals(lock, holder);
      }
    }
    return reports;
  }

  return {
    /** One pass over every connected firm now; a pass already running in this process is joined, not doubled. */
    runOnce(): Promise<SnapshotRunReport[]> {
      running ??= refreshAll().finally(() => (running = null));
      return running;
    },
    start(expression: string): void {
      if (task) return;
      task = cron.schedule(expression, () => {
        void this.runOnce().catch((error: unknown) => log.error({ err: error }, "PSA snapshot pass failed"));
      });
    },
    async stop(): Promise<void> {
      await task?.stop();
      task = null;
      await running?.catch(() => undefined);
    },
  };
}

export type SnapshotJob = ReturnType<typeof createSnapshotJob>;
