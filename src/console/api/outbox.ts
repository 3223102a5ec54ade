import { z } from "zod";
import type { Db } from "../../platform/db/prisma";
import { answer, refuse } from "../../platform/admin-api/endpoint";
import { pageOf, pageQuery } from "../../platform/admin-api/pagination";
import { actorOf, defineAdminEndpoint } from "../../api-tokens/admin-endpoint";
import { isOutboxCursor, listOutbox, outboxStatuses, resendFailedEmail } from "../use-cases/outbox";
import type { OutboxEntry } from "../use-cases/outbox";

/** An email as staff see it: never its body (a link in it would sign someone in as the client). */
const outboxEmailView = z.object({
  id: z.uuid(),
  kind: z.string().describe("invite_client, invite_staff, reset, magic or confirm"),
  to: z.string(),
  subject: z.string(),
  status: z.enum(outboxStatuses).describe("cancelled: not sent because its link was replaced, used or expired"),
  attempts: z.number().int(),
  smtpError: z.string().nullable().describe("the last delivery attempt's SMTP error"),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  deliveredVia: z.string().nullable().describe("smtp, or console: logged because no SMTP server is set"),
});

const present = (email: OutboxEntry): z.infer<typeof outboxEmailView> => ({
  id: email.id,
  kind: email.kind,
  to: email.toAddress,
  subject: email.subject,
  status: email.status,
  attempts: email.attempts,
  smtpError: email.lastError,
  createdAt: email.createdAt.toISOString(),
  sentAt: email.sentAt?.toISOString() ?? null,
  deliveredVia: email.deliveredVia,
});

/** GET /api/admin/v1/outbox: the firm's emails, newest first, with their status and SMTP error. */
export const listOutboxEndpoint = defineAdminEndpoint({
  method: "get",
  path: "/outbox",
  tag: "outbox",
  summary: "The firm's emails, newest first: kind, recipient, subject, status and SMTP error (never the email's text)",
  roles: "owners, admins and support",
  query: pageQuery.extend({ status: z.enum(outboxStatuses).optional() }),
  response: pageOf(outboxEmailView),
  errors: [],
  async handle(deps: { db: Db }, { caller, query }) {
    if (query.cursor !== undefined && !isOutboxCursor(query.cursor)) return refuse("validation_failed", "cursor: not a cursor this API gave out", "cursor");
    const page = await listOutbox(deps.db, { firmId: caller.firm.id, status: query.status ?? null, cursor: query.cursor, limit: query.limit });
    return answer({ items: page.items.map(present), nextCursor: page.next });
  },
});

/** POST /api/admin/v1/outbox/{emailId}/resend: a failed email goes out again now (any staff role, as on the console). */
export const resendEmailEndpoint = defineAdminEndpoint({
  method: "post",
  path: "/outbox/{emailId}/resend",
  tag: "outbox",
  summary: "Send a failed email again now, with fresh attempts (a link email gets a fresh link at delivery)",
  roles: "owners, admins and support",
  params: z.object({ emailId: z.string().max(64) }),
  response: outboxEmailView,
  errors: ["not_found", "email_not_failed"],
  async handle(deps: { db: Db; kickMail(): void }, { caller, params }) {
    const resent = await resendFailedEmail(deps.db, { firmId: caller.firm.id, actor: actorOf(caller), emailId: params.emailId });
    if (!resent.ok) {
      if (resent.error.code === "not_found") return refuse("not_found", "No email of this firm's outbox has that id.");
      return refuse("email_not_failed", `Only a failed email is sent again: this one is ${resent.error.status}.`);
    }
    deps.kickMail();
    return answer(present(resent.value));
  },
});
