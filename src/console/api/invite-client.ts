import { z } from "zod";
import { answer, refuse } from "../../platform/admin-api/endpoint";
import { actorOf, defineAdminEndpoint } from "../../api-tokens/admin-endpoint";
import { inviteClient } from "../use-cases/invite-client";
import type { InviteClientDeps } from "../use-cases/invite-client";
import { inviteDelivery, invitedView, presentInvited } from "./client-views";

/** POST /api/admin/v1/clients/invites: the console's client invite (the PSA is asked first unless confirmed). */
export const inviteClientEndpoint = defineAdminEndpoint({
  method: "post",
  path: "/clients/invites",
  tag: "clients",
  summary: "Invite a client; an address the PSA would show no projects is held back (check_address) unless confirmed",
  roles: "owners, admins and support",
  body: z.object({ email: z.string().max(320), delivery: inviteDelivery, confirmed: z.boolean().default(false) }),
  response: invitedView,
  errors: ["email_invalid"],
  async handle(deps: InviteClientDeps, { caller, body }) {
    const invited = await inviteClient(deps, { firm: caller.firm, actor: actorOf(caller), emailTyped: body.email, delivery: body.delivery === "link" ? "copy" : "email", confirmed: body.confirmed });
    return invited.ok ? answer(presentInvited(invited.value)) : refuse("email_invalid", undefined, "email");
  },
});
