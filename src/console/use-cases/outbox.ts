import { z } from "zod";
import type { OutboxEmail, OutboxStatus } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { decodeCursor, pageOf } from "../../platform/paging";
import type { Page } from "../../platform/paging";
import { isUuid } from "../../platform/ids";
import type { Actor } from "../../accounts/actor";
import { recordStaffAction } from "../../staff-actions/use-cases/record-staff-action";

/**
 * The firm's outbox as staff see it: kind, recipient, subject, status and the SMTP error. Never the body: a
 * link email's body becomes a live credential for someone else's account at delivery, so it is not shown
 * (the stored body has only a placeholder where the link goes, and this view leaves even that out).
 */
export type OutboxEntry = Pick<OutboxEmail, "id" | "kind" | "toAddress" | "subject" | "status" | "attempts" | "lastError" | "createdAt" | "sentAt" | "deliveredVia">;

export const outboxStatuses = ["queued", "sent", "failed", "cancelled"] as const satisfies readonly OutboxStatus[];
const cursorShape = z.object({ at: z.iso.datetime(), id: z.uuid() });
/** Whether a cursor is one this listing gave out (the API refuses others instead of starting over). */
export const isOutboxCursor = (cursor: string): boolean => decodeCursor(cursor, cursorShape) !== null;
const shown = { id: true, kind: true, toAddress: true, subject: true, status: true, attempts: true, lastError: true, createdAt: true, sentAt: true, deliveredVia: true } as const;

export async function listOutbox(db: Db, input: { firmId: string; status?: OutboxStatus | null; cursor?: string | null; limit?: number }): Promise<Page<OutboxEntry>> {
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  const key = decodeCursor(input.cursor, cursorShape);
  const at = key ? new Date(key.at) : null;
  const rows = await db.outboxEmail.findMany({
    where: {
      firmId: input.firmId,
      ...(input.status ? { status: input.status } : {}),
      ...(at && key ? { OR: [{ createdAt: { lt: at } }, { createdAt: at, id: { lt: key.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: shown,
    take: limit + 1,
  });
  return pageOf(rows, limit, (row) => ({ at: row.createdAt.toISOString(), id: row.id }));
}

export type ResendFailure = Failure<"not_found"> | (Failure<"email_not_failed"> & { status: OutboxStatus });

/**
 * Send a failed email again now, with a fresh set of attempts. A link email gets a fresh token for the same
 * link at delivery; if that link was used, replaced or expired meanwhile, delivery cancels it (send a new one).
 */
export async function resendFailedEmail(db: Db, input: { firmId: string; actor: Actor; emailId: string; now?: Date }): Promise<Result<OutboxEntry, ResendFailure>> {
  // Checked here too for the callers that are not the console (its handler checks the id's shape at the edge).
  const email = isUuid(input.emailId) ? await db.outboxEmail.findFirst({ where: { id: input.emailId, firmId: input.firmId }, select: shown }) : null;
  if (!email) return fail("not_found");
  if (email.status !== "failed") return fail("email_not_failed", { status: email.status });
  const updated = await db.$transaction(async (tx) => {
    const row = await tx.outboxEmail.update({ where: { id: email.id }, data: { status: "queued", attempts: 0, nextAttemptAt: input.now ?? new Date() }, select: shown });
    await recordStaffAction(tx, { firmId: input.firmId, actor: input.actor, action: "email_resent", subject: `${email.kind} to ${email.toAddress}`, before: { value: email.lastError }, after: { value: "queued" } });
    return row;
  });
  return ok(updated);
}
