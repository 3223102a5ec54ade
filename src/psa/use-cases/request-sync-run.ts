import type { Firm, StaffAccount } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { isOwnerOrAdmin } from "../../accounts/staff-roles";
import type { SyncMode, SyncTrigger } from "../sync/checkpoint";

export interface RequestSyncDeps {
  db: Db;
  /** Starts the sync job soon in this process (any instance may run the request: it is a row in the database). */
  kick(): void;
}

/**
 * Asks for a sync run of the firm: a staff member's "Run now" (owners and admins), the CLI's, or a PSA webhook's
 * (a small incremental run that brings accounts and flags up to date within a minute). The request is a row any
 * instance picks up; a staff or CLI request replaces a pending one (a full run wins), a webhook's never does.
 */
export async function requestSyncRun(
  deps: RequestSyncDeps,
  input: { firm: Firm; mode: SyncMode; trigger: SyncTrigger; staff?: StaffAccount },
): Promise<Result<{ alreadyRunning: boolean }, Failure<"owners_and_admins_only" | "psa_not_connected">>> {
  const { firm, staff } = input;
  if (staff && !isOwnerOrAdmin(staff)) return fail("owners_and_admins_only");
  if (!firm.connectorKind) return fail("psa_not_connected");
  const requestedBy = staff ? staff.email : null;
  // No read-then-write: a sync job on any instance may take (delete) the pending row between the two, and an update of
  // a row that is gone throws. Insert unless one is pending; otherwise freshen it (a full run wins). Twice at most:
  // if the job took the row in between, the second insert stands.
  for (let attempt = 0; attempt < 2; attempt++) {
    const created = await deps.db.syncRequest.createMany({ data: [{ firmId: firm.id, mode: input.mode, trigger: input.trigger, requestedBy }], skipDuplicates: true });
    if (created.count > 0 || input.trigger === "webhook") break;
    const data = { trigger: input.trigger, requestedBy, requestedAt: new Date(), ...(input.mode === "full" ? { mode: "full" } : {}) };
    const freshened = await deps.db.syncRequest.updateMany({ where: { firmId: firm.id }, data });
    if (freshened.count > 0) break;
  }
  const running = await deps.db.syncRun.count({ where: { firmId: firm.id, status: "running" } });
  deps.kick();
  return ok({ alreadyRunning: running > 0 });
}
