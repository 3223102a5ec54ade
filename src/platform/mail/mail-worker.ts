import type { DeliveryDeps, DeliveryReport } from "./deliver-due-emails";
import { deliverDueEmails } from "./deliver-due-emails";

export interface MailWorker {
  /** Deliver soon, without waiting: called right after an email is queued. Never rejects. */
  kick(): void;
  /** Poll every MAIL_POLL_SECONDS for retries that came due (the timer never keeps the process alive). */
  start(): void;
  /** Stop polling and wait for a delivery run in progress. */
  stop(): Promise<void>;
  /** One delivery run now (tests drive retries with an explicit `now`). */
  runOnce(now?: Date): Promise<DeliveryReport>;
}

/**
 * Runs deliverDueEmails one run at a time per process: a kick during a run asks for one more run after it,
 * so a burst of sign-up emails makes two runs, not fifty. Cross-instance safety is the row claim inside.
 */
export function createMailWorker(deps: DeliveryDeps): MailWorker {
  let running: Promise<unknown> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const runLoop = (): void => {
    if (stopped) return; // closing: the database may already be gone; the outbox keeps what is queued
    if (running) {
      again = true;
      return;
    }
    again = false;
    running = deliverDueEmails(deps)
      .catch((error: unknown) => deps.logger.error({ module: "mail", err: error }, "email delivery run failed"))
      .finally(() => {
        running = null;
        if (again && !stopped) runLoop();
      });
  };

  return {
    kick: runLoop,
    start() {
      if (timer) return;
      stopped = false;
      timer = setInterval(runLoop, deps.config.MAIL_POLL_SECONDS * 1000);
      timer.unref();
      runLoop();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
    runOnce: (now) => deliverDueEmails(deps, now),
  };
}
