import type { Db } from "../../platform/db/prisma";
import { answer, refuse } from "../../platform/admin-api/endpoint";
import { decodeCursor, pageOf, pageQuery, toPage } from "../../platform/admin-api/pagination";
import { defineAdminEndpoint } from "../admin-endpoint";
import { listApiTokens } from "../use-cases/manage-api-tokens";
import { presentToken, tokenView } from "./token-views";

/** GET /api/admin/v1/tokens: the firm's API tokens, newest first, a page at a time (never a token itself). */
export const listTokens = defineAdminEndpoint({
  method: "get",
  path: "/tokens",
  tag: "tokens",
  summary: "The firm's API tokens, newest first (id, first characters, role, name, last use, revoked)",
  roles: "owners, admins and support",
  query: pageQuery,
  response: pageOf(tokenView),
  errors: [],
  async handle(deps: { db: Db }, { caller, query }) {
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (after === null) return refuse("validation_failed", "cursor: not a cursor this API gave out");
    const rows = await listApiTokens(deps.db, { firmId: caller.firm.id, after: after && { createdAt: after.at, id: after.id }, limit: query.limit + 1 });
    const page = toPage(rows, query.limit, (token) => ({ at: token.createdAt, id: token.id }));
    return answer({ items: page.items.map(presentToken), nextCursor: page.nextCursor });
  },
});
