import type { AccountDeps } from "../../accounts/change-account";
import { z } from "zod";
import { answer, refuse } from "../../platform/admin-api/endpoint";
import { actorOf, defineAdminEndpoint } from "../../api-tokens/admin-endpoint";
import type { LinkServiceDeps } from "../../access-links/use-cases/issue-access-link";
import { inviteStaff } from "../use-cases/invite-staff";
import { inviteDelivery, invitedView, presentInvited } from "./client-views";

/** POST /api/admin/v1/staff/invites: a colleague for the console, with a role up to the token's own. */
export const inviteStaffEndpoint = defineAdminEndpoint({
  method: "post",
  path: "/staff/invites",
  tag: "staff",
  summary: "Invite a staff member with a role up to the token's own (a one-hour link)",
  roles: "owners and admins (support tokens invite no staff)",
  body: z.object({ email: z.string().max(320), role: z.enum(["owner", "admin", "support"]), delivery: inviteDelivery }),
  response: invitedView,
  errors: ["email_invalid", "role_not_allowed"],
  async handle(deps: LinkServiceDeps & AccountDeps, { caller, body }) {
    const invited = await inviteStaff(deps, { firm: caller.firm, inviter: actorOf(caller), emailTyped: body.email, role: body.role, delivery: body.delivery === "link" ? "copy" : "email" });
    if (invited.ok) return answer(presentInvited(invited.value));
    return invited.error.code === "email_invalid" ? refuse("email_invalid", undefined, "email") : refuse("role_not_allowed", undefined, "role");
  },
});
