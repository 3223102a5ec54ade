import { z } from "zod";
import type { Db } from "../../platform/db/prisma";
import { answer, refuse } from "../../platform/admin-api/endpoint";
import { actorOf, defineAdminEndpoint } from "../admin-endpoint";
import { revokeApiToken } from "../use-cases/manage-api-tokens";
import { presentToken, tokenView } from "./token-views";

/** POST /api/admin/v1/tokens/{tokenId}/revoke: the token stops working on its next request (a token may revoke itself). */
export const revokeToken = defineAdminEndpoint({
  method: "post",
  path: "/tokens/{tokenId}/revoke",
  tag: "tokens",
  summary: "Revoke one of the firm's API tokens",
  roles: "owners and admins",
  params: z.object({ tokenId: z.string().max(64) }),
  response: tokenView,
  errors: ["owners_and_admins_only", "not_found"],
  async handle(deps: { db: Db }, { caller, params }) {
    const revoked = await revokeApiToken(deps.db, { firmId: caller.firm.id, actor: actorOf(caller), tokenId: params.tokenId });
    return revoked.ok ? answer(presentToken(revoked.value)) : refuse(revoked.error.code, revoked.error.code === "not_found" ? "No API token of this firm has that id." : undefined);
  },
});
