import type { Config } from "../../../config";
import { effectiveFirmPolicy } from "../../../config/firm-settings";
import type { PortalTemplateName } from "../../../config/templates";
import type { Firm, PortalAccount } from "../../generated/prisma/client";
import type { Actor } from "../../accounts/actor";
import type { Db } from "../../platform/db/prisma";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { isOwnerOrAdmin } from "../../accounts/staff-roles";
import { changeClientAccess } from "../../accounts/use-cases/change-account-access";
import { setTemplateOverride } from "../../accounts/use-cases/change-account-details";
import { endAccountSessions } from "../../accounts/use-cases/end-account-sessions";
import type { AccountDeps } from "../../accounts/change-account";
import type { Lockout } from "../../sign-in/lockout";
import { clientOfFirm } from "../client-of-firm";
import { recordStaffAction } from "../../staff-actions/use-cases/record-staff-action";

type AdminChangeFailure = Failure<"owners_and_admins_only" | "client_not_found"> | (Failure<"validation_failed"> & { account: PortalAccount });

/** Changes only owners and admins make: support staff are refused before anything is looked up. */
async function clientForAdmins(db: Db, input: { firm: Firm; actor: Actor; accountId: string }): Promise<Result<PortalAccount, Failure<"owners_and_admins_only" | "client_not_found">>> {
  if (!isOwnerOrAdmin(input.actor)) return fail("owners_and_admins_only");
  return clientOfFirm(db, input.firm.id, input.accountId);
}

/** End a sign-in lockout now instead of making the client wait it out (any staff member). */
export async function unlockClientSignIn(deps: { db: Db; config: Config; lockout: Lockout }, input: { firm: Firm; actor: Actor; accountId: string }): Promise<Result<PortalAccount, Failure<"client_not_found">>> {
  const found = await clientOfFirm(deps.db, input.firm.id, input.accountId);
  if (!found.ok) return found;
  await deps.lockout.clear(input.firm.id, found.value.email, effectiveFirmPolicy(input.firm.settings, deps.config));
  await recordStaffAction(deps.db, { firmId: input.firm.id, actor: input.actor, action: "client_unlocked", subject: found.value.email });
  return found;
}

/**
 * Owners and admins turn a client's access off (every session ends on its next request) or back on, through the
 * accounts use-case every access change goes through. `access` is null when the form said neither.
 */
export async function setClientAccess(
  deps: AccountDeps,
  input: { firm: Firm; actor: Actor; accountId: string; access: "on" | "off" | null; reason: string },
): Promise<Result<PortalAccount, AdminChangeFailure>> {
  const found = await clientForAdmins(deps.db, input);
  if (!found.ok) return found;
  if (!input.access) return fail("validation_failed", { account: found.value });
  const change = input.access === "on" ? { turn: "on" as const } : { turn: "off" as const, reason: input.reason.trim().slice(0, 200) || null };
  const before = found.value;
  const after = await changeClientAccess(deps, { account: before, change, by: input.actor.label });
  await recordStaffAction(deps.db, {
    firmId: input.firm.id,
    actor: input.actor,
    action: change.turn === "on" ? "client_access_on" : "client_access_off",
    subject: before.email,
    before: { status: before.status, reason: before.statusReason },
    after: { status: after.status, reason: after.statusReason },
  });
  return ok(after);
}

/** Owners and admins give a client a template of their own, or back to inheriting (`template` null: the form named none). */
export async function setClientTemplate(
  deps: AccountDeps,
  input: { firm: Firm; actor: Actor; accountId: string; template: PortalTemplateName | "inherit" | null },
): Promise<Result<{ account: PortalAccount; template: PortalTemplateName | null }, AdminChangeFailure>> {
  const found = await clientForAdmins(deps.db, input);
  if (!found.ok) return found;
  if (!input.template) return fail("validation_failed", { account: found.value });
  const template = input.template === "inherit" ? null : input.template;
  const account = await setTemplateOverride(deps, found.value, template);
  await recordStaffAction(deps.db, { firmId: input.firm.id, actor: input.actor, action: "client_template_changed", subject: account.email, before: { template: found.value.templateOverride }, after: { template } });
  return ok({ account, template });
}

/** Owners and admins sign a client out everywhere (a lost phone, a shared computer): every open session ends. */
export async function signClientOutEverywhere(
  deps: AccountDeps,
  input: { firm: Firm; actor: Actor; accountId: string },
): Promise<Result<PortalAccount, Failure<"owners_and_admins_only" | "client_not_found">>> {
  const found = await clientForAdmins(deps.db, input);
  if (!found.ok) return found;
  await endAccountSessions(deps, { kind: "portal", id: found.value.id });
  await recordStaffAction(deps.db, { firmId: input.firm.id, actor: input.actor, action: "client_signed_out", subject: found.value.email });
  return ok(found.value);
}
