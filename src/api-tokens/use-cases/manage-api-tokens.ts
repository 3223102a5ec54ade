import { isUuid } from "../../platform/ids";
import type { ApiToken, Firm, StaffRole } from "../../generated/prisma/client";
import type { Db } from "../../platform/db/prisma";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import type { Actor } from "../../accounts/actor";
import { grantableRoles, isOwnerOrAdmin } from "../../accounts/staff-roles";
import { newApiTokenSecret } from "../api-token-secret";

/** What a list shows of a token: never its secret nor its hash. */
export interface ApiTokenView {
  id: string;
  name: string;
  role: StaffRole;
  prefix: string;
  createdBy: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedBy: string | null;
}

export const viewOf = (token: ApiToken): ApiTokenView => ({
  id: token.id,
  name: token.name,
  role: token.role,
  prefix: token.prefix,
  createdBy: token.createdBy,
  createdAt: token.createdAt,
  lastUsedAt: token.lastUsedAt,
  revokedAt: token.revokedAt,
  revokedBy: token.revokedBy,
});

export type TokenFailure = Failure<"owners_and_admins_only"> | (Failure<"role_not_allowed"> & { role: string }) | (Failure<"validation_failed"> & { field: "name" });

/**
 * Owners and admins make a token for the firm's API, with a role up to their own (the operator, any role).
 * The token itself is in the answer and nowhere else: it cannot be shown again.
 */
export async function createApiToken(db: Db, input: { firm: Firm; actor: Actor; name: string; role: string }): Promise<Result<{ token: string; view: ApiTokenView }, TokenFailure>> {
  if (!isOwnerOrAdmin(input.actor)) return fail("owners_and_admins_only");
  const role = grantableRoles[input.actor.role].find((r) => r === input.role);
  if (!role) return fail("role_not_allowed", { role: input.role.slice(0, 20) });
  const name = input.name.trim();
  if (!name || name.length > 80) return fail("validation_failed", { field: "name" as const });
  const secret = newApiTokenSecret();
  const created = await db.apiToken.create({ data: { firmId: input.firm.id, name, role, tokenHash: secret.hash, prefix: secret.prefix, createdBy: input.actor.label } });
  return ok({ token: secret.token, view: viewOf(created) });
}

/** One page of the firm's tokens, newest first, revoked ones included (they say when and by whom). */
export async function listApiTokens(db: Db, input: { firmId: string; after?: { createdAt: Date; id: string }; limit: number }): Promise<ApiTokenView[]> {
  const after = input.after;
  const rows = await db.apiToken.findMany({
    where: {
      firmId: input.firmId,
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: input.limit,
  });
  return rows.map(viewOf);
}

/** Owners and admins revoke a token of their firm; it stops working on its next request. Revoking twice is fine. */
export async function revokeApiToken(db: Db, input: { firmId: string; actor: Actor; tokenId: string }): Promise<Result<ApiTokenView, Failure<"owners_and_admins_only" | "not_found">>> {
  if (!isOwnerOrAdmin(input.actor)) return fail("owners_and_admins_only");
  const token = isUuid(input.tokenId) ? await db.apiToken.findFirst({ where: { id: input.tokenId, firmId: input.firmId } }) : null;
  if (!token) return fail("not_found");
  if (token.revokedAt) return ok(viewOf(token));
  return ok(viewOf(await db.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date(), revokedBy: input.actor.label } })));
}
