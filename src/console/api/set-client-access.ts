import type { AccountDeps } from "../../accounts/change-account";
import { z } from "zod";
import { answer, refuse } from "../../platform/admin-api/endpoint";
import { actorOf, defineAdminEndpoint } from "../../api-tokens/admin-endpoint";
import { setClientAccess } from "../use-cases/manage-client";
import { accountIdParams, clientView, presentClient } from "./client-views";

const accessEndpoint = (turn: "off" | "on") =>
  defineAdminEndpoint({
    method: "post",
    path: `/clients/{accountId}/${turn === "off" ? "disable" : "reactivate"}`,
    tag: "clients",
    summary: turn === "off" ? "Turn a client's access off, with the reason (their sessions end; nothing is deleted)" : "Turn a client's access back on",
    roles: "owners and admins",
    params: accountIdParams,
    body: turn === "off" ? z.object({ reason: z.string().trim().min(1).max(200) }) : z.object({}),
    response: clientView,
    errors: ["owners_and_admins_only", "client_not_found"],
    async handle(deps: AccountDeps, { caller, params, body }) {
      const reason = "reason" in body && typeof body.reason === "string" ? body.reason : "";
      const changed = await setClientAccess(deps, { firm: caller.firm, actor: actorOf(caller), accountId: params.accountId, access: turn, reason });
      return changed.ok ? answer(presentClient(changed.value)) : refuse(changed.error.code);
    },
  });

/** POST /api/admin/v1/clients/{accountId}/disable and .../reactivate. */
export const disableClientEndpoint = accessEndpoint("off");
export const reactivateClientEndpoint = accessEndpoint("on");
