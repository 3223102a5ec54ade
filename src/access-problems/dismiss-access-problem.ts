import type { Firm, StaffAccount } from "../generated/prisma/client";
import type { Db } from "../platform/db/prisma";
import { fail, ok } from "../platform/errors";
import type { Failure, Result } from "../platform/errors";
import { isOwnerOrAdmin } from "../accounts/staff-roles";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type DismissFailure = Failure<"owners_and_admins_only" | "not_found"> | (Failure<"validation_failed"> & { field: "reason" });

/**
 * An owner or admin dismisses an open flag (an email mismatch, or another access flag) with a reason: it leaves the
 * lists and is not raised again by a page load or a sync run, unless a run first finds it fixed and it comes back.
 */
export async function dismissAccessProblem(
  db: Db,
  input: { firm: Firm; staff: StaffAccount; kind: "mismatch" | "flag"; id: string; reason: string; now?: Date },
): Promise<Result<{ email: string }, DismissFailure>> {
  if (!isOwnerOrAdmin(input.staff)) return fail("owners_and_admins_only");
  const reason = input.reason.trim().slice(0, 200);
  if (!reason) return fail("validation_failed", { field: "reason" as const });
  if (!UUID.test(input.id)) return fail("not_found");
  const where = { id: input.id, firmId: input.firm.id, status: "open" as const };
  const data = { status: "dismissed" as const, dismissedBy: `staff:${input.staff.email}`, dismissedReason: reason, resolvedAt: input.now ?? new Date() };
  const found =
    input.kind === "mismatch"
      ? await db.emailMismatch.findFirst({ where, include: { portalAccount: { select: { email: true } } } })
      : await db.accessFlag.findFirst({ where, include: { portalAccount: { select: { email: true } } } });
  if (!found) return fail("not_found");
  if (input.kind === "mismatch") await db.emailMismatch.update({ where: { id: found.id }, data });
  else await db.accessFlag.update({ where: { id: found.id }, data });
  return ok({ email: found.portalAccount.email });
}
