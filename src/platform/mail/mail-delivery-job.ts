import type { JobDefinition } from "../jobs/job";
import type { DeliveryDeps, DeliveryReport } from "./deliver-due-emails";
import { deliverDueEmails } from "./deliver-due-emails";
import { emails } from "../metrics/metrics";

/**
 * Email delivery as a job: every MAIL_POLL_SECONDS (and at start) it sends what is due, retries included; the
 * app kicks it right after queueing an email. One run at a time per process, so a burst of sign-up emails makes
 * two runs, not fifty; across instances each email row is claimed before it is sent.
 */
export function mailDeliveryJob(deps: DeliveryDeps): JobDefinition<DeliveryReport> {
  return {
    id: "mail-delivery",
    schedule: { everySeconds: deps.config.MAIL_POLL_SECONDS, alsoAtStart: true },
    lock: { kind: "rows" },
    run: async ({ now }) => {
      const report = await deliverDueEmails(deps, now);
      for (const status of ["sent", "failed", "cancelled"] as const) if (report[status]) emails.inc({ status }, report[status]);
      return report;
    },
    summarize: (report) => (report.sent + report.failed + report.cancelled > 0 ? { ...report } : null),
  };
}
