import { answer, refuse } from "../../platform/admin-api/endpoint";
import { actorOf, defineAdminEndpoint } from "../../api-tokens/admin-endpoint";
import { unlockClientSignIn } from "../use-cases/manage-client";
import type { DiagnoseDeps } from "../use-cases/diagnose-client-access";
import { accountIdParams, clientView, presentClient } from "./client-views";

/** POST /api/admin/v1/clients/{accountId}/unlock: end a sign-in lockout now. */
export const unlockClientEndpoint = defineAdminEndpoint({
  method: "post",
  path: "/clients/{accountId}/unlock",
  tag: "clients",
  summary: "End a client's sign-in lockout now instead of making them wait it out",
  roles: "owners, admins and support",
  params: accountIdParams,
  response: clientView,
  errors: ["client_not_found"],
  async handle(deps: Pick<DiagnoseDeps, "db" | "config" | "lockout">, { caller, params }) {
    const unlocked = await unlockClientSignIn(deps, { firm: caller.firm, actor: actorOf(caller), accountId: params.accountId });
    return unlocked.ok ? answer(presentClient(unlocked.value)) : refuse(unlocked.error.code);
  },
});
