import type { Firm } from "../../generated/prisma/client";
import type { Actor } from "../../accounts/actor";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { grantableRoles } from "../../accounts/staff-roles";
import type { LinkServiceDeps } from "../../access-links/use-cases/issue-access-link";
import { createInvitedStaff } from "../../accounts/use-cases/create-invited-account";
import type { AccountDeps } from "../../accounts/change-account";
import { inviteeOf, noInviteNeeded, sendInvite } from "./invite-client";
import type { InviteDelivery, InviteFailure, Invited } from "./invite-client";

/**
 * An owner or admin invites a colleague to the staff console with a role no higher than their own. Same
 * rules as a client invite: a still-invited colleague gets a fresh link (and the role now chosen), an active or
 * disabled one gets no link. Staff invite links last an hour (they open the console, not one client's view).
 */
export async function inviteStaff(
  deps: LinkServiceDeps & AccountDeps,
  input: { firm: Firm; inviter: Actor; emailTyped: string; role: string; delivery: InviteDelivery },
): Promise<Result<Invited, InviteFailure | (Failure<"role_not_allowed"> & { role: string })>> {
  const { firm } = input;
  const granted = grantableRoles[input.inviter.role].find((r) => r === input.role);
  if (!granted) return fail("role_not_allowed", { role: input.role.slice(0, 20) });
  const invitee = await inviteeOf(input.emailTyped, (email) => deps.db.staffAccount.findUnique({ where: { firmId_email: { firmId: firm.id, email } } }));
  if ("answer" in invitee) return invitee.answer;
  const { email, existing } = invitee;
  // The role now chosen replaces an earlier invite's, but only while the invite is still unclaimed: a colleague
  // who activated in the meantime keeps the role they have.
  const account = await createInvitedStaff(deps, { firmId: firm.id, email, role: granted, existing });
  return ok(noInviteNeeded(account, email) ?? (await sendInvite(deps, { firm, holder: { kind: "staff", account }, by: input.inviter, delivery: input.delivery, again: !!existing })));
}
