import type { Config } from "../../../config";
import type { Db } from "../../platform/db/prisma";
import { answer } from "../../platform/admin-api/endpoint";
import { defineAdminEndpoint } from "../../api-tokens/admin-endpoint";
import { describeFirm } from "../use-cases/describe-firms";
import { firmView, firmViewOf } from "./firm-views";

/** GET /api/admin/v1/firm: the token's firm, in full (never a secret). */
export const getFirm = defineAdminEndpoint({
  method: "get",
  path: "/firm",
  tag: "firm",
  summary: "The firm this token belongs to: slug, name, domains, former slugs, PSA kind, counts, logo",
  roles: "owners, admins and support",
  response: firmView,
  errors: [],
  async handle(deps: { db: Db; config: Config }, { caller }) {
    return answer(firmViewOf(deps.config, caller.firm, await describeFirm(deps.db, caller.firm)));
  },
});
