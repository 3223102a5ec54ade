import escapeHtml from "escape-html";
import type { Config } from "../../../config";
import type { Db } from "../db/prisma";
import type { OutboxEmail } from "../../generated/prisma/client";
import type { Logger } from "../logger";
import { LINK_MARKER } from "./email-content";
import { isPlainMailbox, parseMailFrom } from "./mail-headers";
import { CLAIM_LEASE_MS, nextAttemptDelayMs } from "./retry-schedule";
import type { MailTransport } from "./transport";

export interface DeliveryDeps {
  db: Db;
  config: Config;
  transport: MailTransport;
  logger: Logger;
  /**
   * The working link for an email that carries one, minted now (access-links/mint-delivery-link.ts), or null
   * when its link was replaced, used or expired meanwhile: such an email is cancelled rather than sent.
   */
  mintLink(accessLinkId: string, now: Date): Promise<string | null>;
}

export interface DeliveryReport {
  sent: number;
  failed: number;
  cancelled: number;
}

const BATCH = 25;

/**
 * Send what is due: queued emails and failed ones whose retry time has come, up to MAIL_MAX_ATTEMPTS tries.
 * Each row is claimed first (its next attempt pushed out by a lease), so two runs or two instances never
 * send the same email. A failure is recorded on the row with the SMTP error and a later retry time; it
 * never throws out of here, so a request that kicked delivery is never hurt by the mail server.
 */
export async function deliverDueEmails(deps: DeliveryDeps, now: Date = new Date()): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, failed: 0, cancelled: 0 };
  const due = await deps.db.outboxEmail.findMany({
    where: { status: { in: ["queued", "failed"] }, nextAttemptAt: { lte: now }, attempts: { lt: deps.config.MAIL_MAX_ATTEMPTS } },
    orderBy: { nextAttemptAt: "asc" },
    take: BATCH,
  });
  for (const email of due) {
    const claimed = await deps.db.outboxEmail.updateMany({
      where: { id: email.id, status: email.status, attempts: email.attempts, nextAttemptAt: email.nextAttemptAt },
      data: { nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS) },
    });
    if (claimed.count !== 1) continue;
    const outcome = await deliverOne(deps, email, now);
    report[outcome] += 1;
  }
  return report;
}

async function deliverOne(deps: DeliveryDeps, email: OutboxEmail, now: Date): Promise<keyof DeliveryReport> {
  const { db, logger } = deps;
  try {
    if (!isPlainMailbox(email.toAddress)) return await markFailed(deps, email, now, "not sent: the recipient is not a plain email address", true);
    let text = email.textBody;
    let htmlBody = email.htmlBody;
    let link: string | undefined;
    if (email.accessLinkId) {
      link = (await deps.mintLink(email.accessLinkId, now)) ?? undefined;
      if (!link) {
        await db.outboxEmail.update({
          where: { id: email.id },
          data: { status: "cancelled", lastError: "not sent: its link was replaced, used or expired before delivery" },
        });
        return "cancelled";
      }
      text = text.split(LINK_MARKER).join(link);
      htmlBody = htmlBody.split(LINK_MARKER).join(escapeHtml(link));
    }
    await deps.transport.send({ from: parseMailFrom(email.fromAddress), to: email.toAddress, subject: email.subject, text, html: htmlBody, link });
    await db.outboxEmail.update({
      where: { id: email.id },
      data: { status: "sent", sentAt: now, attempts: { increment: 1 }, lastError: null, deliveredVia: deps.transport.kind },
    });
    return "sent";
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    logger.warn({ module: "mail", outboxId: email.id, attempts: email.attempts + 1, error: message }, "email delivery failed; will retry");
    return markFailed(deps, email, now, message, false).catch(() => "failed" as const);
  }
}

async function markFailed(deps: DeliveryDeps, email: OutboxEmail, now: Date, error: string, permanent: boolean): Promise<"failed"> {
  const attempts = permanent ? deps.config.MAIL_MAX_ATTEMPTS : email.attempts + 1;
  await deps.db.outboxEmail.update({
    where: { id: email.id },
    data: { status: "failed", attempts, lastError: error.slice(0, 1000), nextAttemptAt: new Date(now.getTime() + nextAttemptDelayMs(attempts)) },
  });
  return "failed";
}
