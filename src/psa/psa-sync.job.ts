import type { JobDefinition } from "../platform/jobs/job";
import type { SyncReport, SyncScheduler } from "./sync-scheduler";
import { SYNC_JOB } from "./sync/run-record";

/**
 * The company-scoping sync as a job: every minute (node-cron), the firms whose sync is due (their schedule, a staff
 * or CLI "run now", a webhook) are run, a few at a time (SYNC_MAX_CONCURRENT); each firm is locked in the store for
 * its run, renewed after every page, so a dead instance's lock expires after SYNC_LOCK_SECONDS. One job: it also
 * keeps the snapshot the page load falls back on while a PSA is down.
 */
export function psaSyncJob(deps: { scheduler: SyncScheduler; lockSeconds: number }): JobDefinition<SyncReport[]> {
  return {
    id: SYNC_JOB,
    schedule: { cron: "* * * * *" },
    lock: { kind: "per-item", ttlMs: deps.lockSeconds * 1000 },
    run: (context) => deps.scheduler.drain(context),
    summarize(reports) {
      if (reports.length === 0) return null;
      const count = (test: (report: SyncReport) => boolean) => reports.filter(test).length;
      const finished = (status: string) => (report: SyncReport) => report.outcome.kind === "finished" && report.outcome.status === status;
      return {
        firms: reports.length,
        succeeded: count(finished("succeeded")),
        held: count(finished("held_for_review")),
        failed: count(finished("failed")),
        skippedElsewhere: count((report) => report.outcome.kind === "skipped_elsewhere"),
      };
    },
    interrupt() {
      deps.scheduler.stop();
    },
  };
}
