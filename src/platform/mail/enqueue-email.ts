import type { Config } from "../../../config";
import type { Db } from "../db/prisma";
import type { Prisma } from "../../generated/prisma/client";
import type { EmailContent } from "./email-content";
import { headerSafeText, parseMailFrom } from "./mail-headers";

export interface NewEmail {
  firmId: string | null;
  /** What the email is, for the outbox: "invite_client", "reset", "access_turned_off", ... */
  kind: string;
  to: string;
  /** Shown as the sender's name (with MAIL_FROM's address), so clients see who wrote to them. */
  firmName?: string;
  content: EmailContent;
  accessLinkId?: string;
}

/** The outbox row for an email; used inside the transaction that creates a link, so both exist or neither. */
export function outboxRow(config: Config, email: NewEmail): Prisma.OutboxEmailUncheckedCreateInput {
  const sender = parseMailFrom(config.MAIL_FROM);
  const name = email.firmName ? headerSafeText(email.firmName) : sender.name;
  return {
    firmId: email.firmId,
    kind: email.kind,
    toAddress: email.to,
    fromAddress: name ? `${name} <${sender.address}>` : sender.address,
    subject: email.content.subject,
    textBody: email.content.text,
    htmlBody: email.content.html,
    accessLinkId: email.accessLinkId ?? null,
    status: "queued",
  };
}

export async function enqueueEmail(db: Db, config: Config, email: NewEmail): Promise<string> {
  const row = await db.outboxEmail.create({ data: outboxRow(config, email), select: { id: true } });
  return row.id;
}
