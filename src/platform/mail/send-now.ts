import escapeHtml from "escape-html";
import type { Config } from "../../../config";
import type { Db } from "../db/prisma";
import { LINK_MARKER } from "./email-content";
import { outboxRow } from "./enqueue-email";
import type { NewEmail } from "./enqueue-email";
import { parseMailFrom } from "./mail-headers";
import type { MailTransport } from "./transport";
import { emails } from "../metrics/metrics";

export type SentNow = { sent: true } | { sent: false; error: string };

/**
 * Send an email carrying a link right away, for a link the caller also shows (the operator's `firm create` prints
 * the owner's invite and emails the same link). Recorded in the outbox like every email, with the link's place
 * holder, never the token; sent or failed, it is never retried: a retry would mint a new token and end the one
 * already shown.
 */
export async function sendEmailNow(deps: { db: Db; config: Config; transport: MailTransport }, email: NewEmail & { link: string }): Promise<SentNow> {
  const row = await deps.db.outboxEmail.create({ data: outboxRow(deps.config, email) });
  try {
    await deps.transport.send({
      from: parseMailFrom(row.fromAddress),
      to: row.toAddress,
      subject: row.subject,
      text: row.textBody.split(LINK_MARKER).join(email.link),
      html: row.htmlBody.split(LINK_MARKER).join(escapeHtml(email.link)),
      link: email.link,
    });
    await deps.db.outboxEmail.update({ where: { id: row.id }, data: { status: "sent", sentAt: new Date(), attempts: 1, deliveredVia: deps.transport.kind } });
    emails.inc({ status: "sent" });
    return { sent: true };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    await deps.db.outboxEmail.update({ where: { id: row.id }, data: { status: "failed", attempts: deps.config.MAIL_MAX_ATTEMPTS, lastError: message } });
    emails.inc({ status: "failed" });
    return { sent: false, error: message };
  }
}
