import type { Firm, StaffAccount } from "../../generated/prisma/client";
import type { Prisma } from "../../platform/db/prisma";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { isOwnerOrAdmin } from "../../accounts/staff-roles";
import { changeClientAccess } from "../../accounts/use-cases/change-account-access";
import type { AccountDeps } from "../../accounts/change-account";
import { linkedContactsOf } from "../sync/account-links";
import { standingOf } from "../sync/account-standing";
import { PSA_ARCHIVED, SYNC_ACTOR } from "./reconcile-accounts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BATCH = 200;

export type ReviewFailure = Failure<"owners_and_admins_only" | "not_found" | "sync_already_reviewed">;

export interface Reviewed {
  decision: "apply" | "discard";
  disabled: number;
  /** Accounts on the list left as they are: already off, or whose PSA record is no longer archived. */
  skipped: number;
}

/**
 * An owner or admin decides a run the mass-disable guard held: apply turns off the accounts on its list (each one
 * whose PSA record is still archived, with the run's evidence and who approved it), discard turns off nobody. The
 * decision is claimed once: a second click, or a colleague's at the same time, is told it was already made.
 */
export async function reviewHeldRun(deps: AccountDeps, input: { firm: Firm; staff: StaffAccount; runId: string; decision: "apply" | "discard"; now?: Date }): Promise<Result<Reviewed, ReviewFailure>> {
  if (!isOwnerOrAdmin(input.staff)) return fail("owners_and_admins_only");
  const { db } = deps;
  const run = UUID.test(input.runId) ? await db.syncRun.findFirst({ where: { id: input.runId, firmId: input.firm.id, status: "held_for_review" } }) : null;
  if (!run) return fail("not_found");
  const now = input.now ?? new Date();
  const by = `staff:${input.staff.email}`;
  const claimed = await db.syncRun.updateMany({
    where: { id: run.id, reviewStatus: "pending" },
    data: { reviewStatus: input.decision === "apply" ? "applied" : "discarded", reviewedBy: by, reviewedAt: now },
  });
  if (claimed.count === 0) return fail("sync_already_reviewed");
  if (input.decision === "discard") return ok({ decision: "discard", disabled: 0, skipped: 0 });
  const scope = { firmId: input.firm.id, connectorKind: run.connectorKind };
  const reviewed: Reviewed = { decision: "apply", disabled: 0, skipped: 0 };
  for (;;) {
    const batch = await db.syncRunDisable.findMany({ where: { runId: run.id, appliedAt: null }, include: { portalAccount: true }, take: BATCH });
    if (batch.length === 0) break;
    const linked = await linkedContactsOf(db, scope, batch.map((entry) => entry.portalAccountId), null);
    for (const entry of batch) {
      const account = entry.portalAccount;
      const stillArchived = standingOf(linked.get(account.id) ?? []).kind === "archived";
      if (account.status !== "disabled" && stillArchived) {
        const evidence = { ...(entry.evidence as Prisma.JsonObject), approvedBy: by } as Prisma.InputJsonObject;
        await changeClientAccess(deps, { account, change: { turn: "off", reason: PSA_ARCHIVED, evidence }, by: SYNC_ACTOR, now });
        reviewed.disabled += 1;
      } else reviewed.skipped += 1;
      await db.syncRunDisable.update({ where: { runId_portalAccountId: { runId: run.id, portalAccountId: account.id } }, data: { appliedAt: now } });
    }
  }
  await db.syncRun.update({ where: { id: run.id }, data: { counts: { ...(run.counts as Prisma.JsonObject), disabled: reviewed.disabled } } });
  return ok(reviewed);
}
