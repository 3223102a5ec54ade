import crypto from "node:crypto";
import cron from "node-cron";
import type { ScheduledTask } from "node-cron";
import { acquireLease } from "../kv/lease";
import type { KeyValueStore } from "../kv/store";
import type { Logger } from "../logger";
import type { JobContext, JobDefinition } from "./job";

export interface JobRunner<Report> {
  readonly id: string;
  /** Follow the job's schedule (nothing for "off"). */
  start(): void;
  /** Stop scheduling, wait for the run in progress, then release what the job holds. */
  stop(): Promise<void>;
  /** One run now; a run already in progress in this process is joined rather than doubled. */
  runNow(now?: Date): Promise<Report>;
  /** Run soon, without waiting (an email was just queued). A kick during a run asks for one more run after it. */
  kick(): void;
}

/** The store key of a per-item job's lock on one item: work on the item outside the runner takes the same key. */
export const itemLockKey = (jobId: string, item: string) => `job:${jobId}:${item}`;

export function createJobRunner<Report>(job: JobDefinition<Report>, deps: { store: KeyValueStore; logger: Logger }): JobRunner<Report> {
  const log = deps.logger.child({ job: job.id });
  const holder = crypto.randomUUID();
  let running: Promise<Report> | null = null;
  let again = false;
  let stopped = false;
  let task: ScheduledTask | null = null;
  let timer: NodeJS.Timeout | null = null;

  const context = (now: Date): JobContext => ({
    now,
    logger: log,
    async lockItem(item) {
      if (job.lock.kind !== "per-item") throw new Error(`job ${job.id} does not lock per item`);
      return acquireLease(deps.store, itemLockKey(job.id, item), job.lock.ttlMs, holder);
    },
  });

  async function timedRun(now: Date): Promise<Report> {
    const started = Date.now();
    const report = await job.run(context(now));
    const summary = job.summarize(report);
    if (summary) log.info({ ...summary, ms: Date.now() - started }, `${job.id} run`);
    else log.debug({ ms: Date.now() - started }, `${job.id} run: nothing to do`);
    return report;
  }

  function runNow(now: Date = new Date()): Promise<Report> {
    running ??= timedRun(now).finally(() => {
      running = null;
      if (again && !stopped) {
        again = false;
        runInBackground();
      }
    });
    return running;
  }
  // A scheduled or kicked run must never throw out of its timer: its failure is logged, and the next one tries again.
  const runInBackground = () => void runNow().catch((error: unknown) => log.error({ err: error }, `${job.id} run failed`));
  const tick = () => {
    if (!running && !stopped) runInBackground();
  };

  return {
    id: job.id,
    start() {
      if (task || timer || job.schedule === "off") return;
      stopped = false;
      if ("cron" in job.schedule) {
        task = cron.schedule(job.schedule.cron, tick);
        return;
      }
      timer = setInterval(tick, job.schedule.everySeconds * 1000);
      timer.unref(); // never what keeps the process alive
      if (job.schedule.alsoAtStart) tick();
    },
    async stop() {
      stopped = true;
      await task?.stop();
      task = null;
      if (timer) clearInterval(timer);
      timer = null;
      job.interrupt?.();
      await running?.catch(() => undefined);
      await job.stop?.();
    },
    runNow,
    kick() {
      if (stopped) return; // closing: the database may already be gone; the outbox keeps what is queued
      if (running) again = true;
      else runInBackground();
    },
  };
}
