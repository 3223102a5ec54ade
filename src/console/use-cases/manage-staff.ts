import { isUuid } from "../../platform/ids";
import type { Firm, StaffAccount, StaffRole } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { recordStaffAction } from "../../staff-actions/use-cases/record-staff-action";
import type { Actor } from "../../accounts/actor";
import type { AccountDeps } from "../../accounts/change-account";
import { setStaffRole, setStaffStatus } from "../../accounts/use-cases/change-staff-standing";

const roles: readonly StaffRole[] = ["owner", "admin", "support"];
export const isStaffRole = (value: string): value is StaffRole => (roles as readonly string[]).includes(value);

/** The firm's staff: every colleague with their role and status, owners first. A firm has tens, not thousands. */
export async function listStaff(db: Db, firmId: string): Promise<StaffAccount[]> {
  const staff = await db.staffAccount.findMany({ where: { firmId }, orderBy: { email: "asc" }, take: 1000 });
  return staff.sort((a, b) => roles.indexOf(a.role) - roles.indexOf(b.role));
}

export type StaffChangeFailure =
  | Failure<"owners_only" | "staff_not_found" | "last_owner">
  | (Failure<"validation_failed"> & { reason: "role_unknown" | "own_account" });

/** The colleague an owner is changing: this firm's, and never the owner themself (nobody locks themself out). */
async function colleagueFor(db: Db, input: { firm: Firm; actor: Actor; staffId: string }): Promise<Result<StaffAccount, StaffChangeFailure>> {
  if (input.actor.role !== "owner") return fail("owners_only");
  const colleague = isUuid(input.staffId) ? await db.staffAccount.findFirst({ where: { id: input.staffId, firmId: input.firm.id } }) : null;
  if (!colleague) return fail("staff_not_found");
  if (input.actor.kind === "staff" && input.actor.id === colleague.id) return fail("validation_failed", { reason: "own_account" as const });
  return ok(colleague);
}

/** Whether taking this owner away would leave the firm with no active owner. */
async function isLastActiveOwner(db: Db, colleague: StaffAccount): Promise<boolean> {
  if (colleague.role !== "owner" || colleague.status !== "active") return false;
  return (await db.staffAccount.count({ where: { firmId: colleague.firmId, role: "owner", status: "active" } })) <= 1;
}

/** Owners change a colleague's role (never their own, never the last active owner's); it applies on their next request. */
export async function changeStaffRole(deps: AccountDeps, input: { firm: Firm; actor: Actor; staffId: string; role: string }): Promise<Result<StaffAccount, StaffChangeFailure>> {
  const found = await colleagueFor(deps.db, input);
  if (!found.ok) return found;
  if (!isStaffRole(input.role)) return fail("validation_failed", { reason: "role_unknown" as const });
  const colleague = found.value;
  if (input.role !== "owner" && (await isLastActiveOwner(deps.db, colleague))) return fail("last_owner");
  const updated = await setStaffRole(deps, colleague, input.role);
  await recordStaffAction(deps.db, { firmId: input.firm.id, actor: input.actor, action: "staff_role_changed", subject: colleague.email, before: { role: colleague.role }, after: { role: updated.role } });
  return ok(updated);
}

/**
 * Owners turn a colleague's console access off (their sessions end on their next request, their links stop
 * working) or back on: active again, or invited when they never set a password.
 */
export async function setStaffAccess(deps: AccountDeps, input: { firm: Firm; actor: Actor; staffId: string; access: "on" | "off" }): Promise<Result<StaffAccount, StaffChangeFailure>> {
  const found = await colleagueFor(deps.db, input);
  if (!found.ok) return found;
  const colleague = found.value;
  if (input.access === "off" && (await isLastActiveOwner(deps.db, colleague))) return fail("last_owner");
  const status = input.access === "off" ? "disabled" : colleague.passwordHash ? "active" : "invited";
  const updated = await setStaffStatus(deps, colleague, status);
  await recordStaffAction(deps.db, {
    firmId: input.firm.id,
    actor: input.actor,
    action: input.access === "off" ? "staff_access_off" : "staff_access_on",
    subject: colleague.email,
    before: { status: colleague.status },
    after: { status: updated.status },
  });
  return ok(updated);
}
