import type { Db } from "../platform/db/prisma";
import type { JobDefinition } from "../platform/jobs/job";
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
 * time: each firm is locked in the store (shared on Redis), and an instance that finds it taken moves on.
 */
export function psaSnapshotJob(deps: { db: Db; connectors: FirmConnectors; cron: string }): JobDefinition<SnapshotRunReport[]> {
  return {
    id: "psa-snapshot",
    schedule: deps.cron === "off" ? "off" : { cron: deps.cron },
    lock: { kind: "per-item", ttlMs: 60 * 60_000 },
    async run({ lockItem, logger }) {
      const firms = await deps.db.firm.findMany({ where: { connectorKind: { not: null } }, orderBy: { createdAt: "asc" } });
      const reports: SnapshotRunReport[] = [];
      for (const firm of firms) {
        const lease = await lockItem(firm.id);
        if (!lease) {
          reports.push({ firmId: firm.id, outcome: "skipped_elsewhere" });
          continue;
        }
        try {
          const result = await refreshPsaSnapshot(deps.db, deps.connectors, firm);
          if (result.ok) reports.push({ firmId: firm.id, outcome: "refreshed", detail: `${result.value.contacts} contacts, ${result.value.changed} changed` });
          else {
            reports.push({ firmId: firm.id, outcome: "failed", detail: `${result.error.code}: ${result.error.message}` });
            logger.warn({ firmId: firm.id, code: result.error.code }, "PSA snapshot refresh failed; the previous snapshot stays");
          }
        } catch (error) {
          reports.push({ firmId: firm.id, outcome: "failed", detail: error instanceof Error ? error.message : String(error) });
          logger.error({ firmId: firm.id, err: error }, "PSA snapshot refresh failed");
        } finally {
          await lease.release();
        }
      }
      return reports;
    },
    summarize: (reports) => {
      if (reports.length === 0) return null;
      const count = (outcome: SnapshotRunReport["outcome"]) => reports.filter((report) => report.outcome === outcome).length;
      return { firms: reports.length, refreshed: count("refreshed"), failed: count("failed"), skippedElsewhere: count("skipped_elsewhere") };
    },
  };
}
