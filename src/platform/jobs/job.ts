import type { Lease } from "../kv/lease";
import type { Logger } from "../logger";

/**
 * The one shape of a background job (the mail delivery, the PSA snapshot, and the jobs to come): a definition
 * says what it is; createJobRunner (job-runner.ts) schedules it, keeps one run at a time per process, logs one
 * line per run with its duration, and stops it on shutdown. A run never throws for an expected failure: it
 * reports it.
 */
export interface JobDefinition<Report> {
  /** Names the job in log lines and in its locks, e.g. "psa-sync". */
  readonly id: string;
  readonly schedule: JobSchedule;
  /** How two gateway instances never do the same work at once. */
  readonly lock: JobLock;
  run(context: JobContext): Promise<Report>;
  /** The log line's fields for a run; null when the run had nothing to do (logged at debug level only). */
  summarize(report: Report): Record<string, unknown> | null;
  /** Asks the run in progress to end early (the gateway is stopping): e.g. a long sync stops after its current page. */
  interrupt?(): void;
  /** Anything of its own to release when the gateway stops, after the run in progress has finished. */
  stop?(): Promise<void>;
}

/** A node-cron expression, every N seconds (MAIL_POLL_SECONDS), or never on its own. */
export type JobSchedule = { cron: string } | { everySeconds: number; alsoAtStart?: boolean } | "off";

export type JobLock =
  /** Each item a run works on (a firm) is locked in the store (shared on Redis): an item locked elsewhere is skipped. */
  | { kind: "per-item"; ttlMs: number }
  /** The work claims its own rows (the outbox's lease on each email), so runs may overlap safely. */
  | { kind: "rows" };

export interface JobContext {
  now: Date;
  logger: Logger;
  /**
   * For "per-item" jobs: take the item's lock (a lease the work renews as it goes, so a dead holder's lock
   * expires), or null when another instance holds it.
   */
  lockItem(item: string): Promise<Lease | null>;
}
