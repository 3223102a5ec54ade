import type { Firm } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import type { Actor } from "../../accounts/actor";
import { isOwnerOrAdmin } from "../../accounts/staff-roles";
import type { FirmDirectory } from "../firm-directory";
import { checkSlugFormat, slugTaken } from "../firm-address";
import type { SlugProblem } from "../firm-address";
import { recordStaffAction } from "../../staff-actions/use-cases/record-staff-action";
import { checkFirmName } from "./create-firm";

type ChangeDeps = { db: Db; directory: Pick<FirmDirectory, "forget"> };

/**
 * A firm's new slug. The old one becomes a former slug that keeps redirecting (links already sent keep working),
 * so it stays taken; a firm may take back one of its own former slugs. Owners and admins, and the operator.
 */
export async function renameFirmSlug(
  deps: ChangeDeps,
  input: { firm: Firm; actor: Actor; newSlug: string },
): Promise<Result<{ firm: Firm; formerSlug: string }, Failure<"owners_and_admins_only"> | (Failure<"validation_failed"> & { field: "slug"; problem: SlugProblem | "unchanged" })>> {
  if (!isOwnerOrAdmin(input.actor)) return fail("owners_and_admins_only");
  const { firm } = input;
  const checked = checkSlugFormat(input.newSlug);
  if ("problem" in checked) return fail("validation_failed", { field: "slug" as const, problem: checked.problem });
  if (checked.slug === firm.slug) return fail("validation_failed", { field: "slug" as const, problem: "unchanged" as const });
  if (await slugTaken(deps.db, checked.slug, firm.id)) return fail("validation_failed", { field: "slug" as const, problem: "taken" as const });
  const renamed = await deps.db.$transaction(async (tx) => {
    await tx.firmSlugAlias.deleteMany({ where: { slug: checked.slug, firmId: firm.id } });
    await tx.firmSlugAlias.create({ data: { slug: firm.slug, firmId: firm.id } });
    await recordStaffAction(tx, { firmId: firm.id, actor: input.actor, action: "slug_changed", subject: "slug", before: { value: firm.slug }, after: { value: checked.slug } });
    return tx.firm.update({ where: { id: firm.id }, data: { slug: checked.slug } });
  });
  deps.directory.forget(firm.id);
  return ok({ firm: renamed, formerSlug: firm.slug });
}

/** The firm's name, as clients read it on every page and email. Owners and admins, and the operator. */
export async function renameFirm(deps: ChangeDeps, input: { firm: Firm; actor: Actor; name: string }): Promise<Result<Firm, Failure<"owners_and_admins_only"> | (Failure<"validation_failed"> & { field: "name" })>> {
  if (!isOwnerOrAdmin(input.actor)) return fail("owners_and_admins_only");
  const name = checkFirmName(input.name);
  if (!name) return fail("validation_failed", { field: "name" as const });
  if (name === input.firm.name) return ok(input.firm);
  const firm = await deps.db.$transaction(async (tx) => {
    await recordStaffAction(tx, { firmId: input.firm.id, actor: input.actor, action: "firm_renamed", subject: "name", before: { value: input.firm.name }, after: { value: name } });
    return tx.firm.update({ where: { id: input.firm.id }, data: { name } });
  });
  deps.directory.forget(firm.id);
  return ok(firm);
}

/**
 * The operator turns a firm's portal off (every page, link and API token of it answers "not available") or back
 * on. Nothing is deleted: accounts, links and settings wait as they were. Only the operator, never a firm's staff.
 */
export async function setFirmAvailability(deps: ChangeDeps, input: { firm: Firm; actor: Actor; available: boolean }): Promise<Firm> {
  const data = input.available ? { disabledAt: null, disabledBy: null } : { disabledAt: input.firm.disabledAt ?? new Date(), disabledBy: input.firm.disabledBy ?? input.actor.label };
  const firm = await deps.db.firm.update({ where: { id: input.firm.id }, data });
  deps.directory.forget(firm.id);
  return firm;
}
