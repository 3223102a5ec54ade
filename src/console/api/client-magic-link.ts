import { z } from "zod";
import { answer, refuse } from "../../platform/admin-api/endpoint";
import { actorOf, defineAdminEndpoint } from "../../api-tokens/admin-endpoint";
import type { LinkServiceDeps } from "../../access-links/use-cases/issue-access-link";
import { issueClientMagicLink } from "../use-cases/client-magic-link";
import { accountIdParams } from "./client-views";

/** POST /api/admin/v1/clients/{accountId}/magic-link: a one-time sign-in link returned once (nothing emailed). */
export const clientMagicLinkEndpoint = defineAdminEndpoint({
  method: "post",
  path: "/clients/{accountId}/magic-link",
  tag: "clients",
  summary: "A one-time sign-in link for an active client, returned this once to hand over (for a mail filter that eats emails)",
  roles: "owners, admins and support",
  params: accountIdParams,
  response: z.object({ email: z.string(), url: z.string(), expiresAt: z.iso.datetime() }),
  successStatus: 201,
  errors: ["client_not_found"],
  async handle(deps: LinkServiceDeps, { caller, params }) {
    const issued = await issueClientMagicLink(deps, { firm: caller.firm, actor: actorOf(caller), accountId: params.accountId });
    if (!issued.ok) {
      if (issued.error.code === "client_not_found") return refuse("client_not_found");
      return refuse("validation_failed", `The client is ${issued.error.status === "invited" ? "invited and has no password yet: send the invite again" : "turned off: turn access back on first"}.`, "accountId");
    }
    const { account, url, expiresAt } = issued.value;
    return answer({ email: account.email, url, expiresAt: expiresAt.toISOString() });
  },
});
