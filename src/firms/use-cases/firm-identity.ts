import type { Config } from "../../../config";
import type { Firm } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { publicBaseUrl } from "../../platform/http/public-url";
import type { Actor } from "../../accounts/actor";
import { isOwnerOrAdmin } from "../../accounts/staff-roles";
import { recordStaffAction } from "../../staff-actions/use-cases/record-staff-action";
import { checkDomainFormat, domainTaken } from "../firm-address";
import type { DomainProblem } from "../firm-address";

/**
 * A firm's custom domains and its slug history, as the console (and the API) show and change them. The name and
 * the slug change through firms/use-cases/change-firm.ts, the address rules live in firms/firm-address.ts, for
 * the console, the API and the CLI alike; each change is in the staff-action log.
 */

type Refused = Failure<"owners_and_admins_only">;
type DomainFailure = Failure<"validation_failed"> & { field: "domain"; problem: DomainProblem };

/** The firm's slug history, newest first: each still redirects to the current slug. */
export function listSlugHistory(db: Db, firmId: string) {
  return db.firmSlugAlias.findMany({ where: { firmId }, orderBy: { retiredAt: "desc" }, take: 50 });
}

export function listFirmDomains(db: Db, firmId: string) {
  return db.firmDomain.findMany({ where: { firmId }, orderBy: { domain: "asc" } });
}

export async function addFirmDomain(deps: { db: Db; config: Config }, input: { firm: Firm; actor: Actor; domain: string }): Promise<Result<{ domain: string }, DomainFailure | Refused>> {
  if (!isOwnerOrAdmin(input.actor)) return fail("owners_and_admins_only");
  const checked = checkDomainFormat(input.domain, new URL(publicBaseUrl(deps.config)).hostname);
  if ("problem" in checked) return fail("validation_failed", { field: "domain" as const, problem: checked.problem });
  const { domain } = checked;
  const existing = await deps.db.firmDomain.findUnique({ where: { domain } });
  if (existing?.firmId === input.firm.id) return ok({ domain });
  if (existing || (await domainTaken(deps.db, domain))) return fail("validation_failed", { field: "domain" as const, problem: "taken" as const });
  await deps.db.$transaction(async (tx) => {
    await tx.firmDomain.create({ data: { domain, firmId: input.firm.id } });
    await recordStaffAction(tx, { firmId: input.firm.id, actor: input.actor, action: "domain_added", subject: domain, after: { value: domain } });
  });
  return ok({ domain });
}

export async function removeFirmDomain(db: Db, input: { firm: Firm; actor: Actor; domain: string }): Promise<Result<{ domain: string }, Failure<"not_found"> | Refused>> {
  if (!isOwnerOrAdmin(input.actor)) return fail("owners_and_admins_only");
  const domain = input.domain.trim().toLowerCase();
  const removed = await db.$transaction(async (tx) => {
    const { count } = await tx.firmDomain.deleteMany({ where: { domain, firmId: input.firm.id } });
    if (count > 0) await recordStaffAction(tx, { firmId: input.firm.id, actor: input.actor, action: "domain_removed", subject: domain, before: { value: domain } });
    return count > 0;
  });
  return removed ? ok({ domain }) : fail("not_found");
}
