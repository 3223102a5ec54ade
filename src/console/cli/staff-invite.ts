import type { AccountDeps } from "../../accounts/change-account";
import { z } from "zod";
import { defineCommand, failed } from "../../platform/cli/command";
import { operatorActor } from "../../accounts/actor";
import type { LinkServiceDeps } from "../../access-links/use-cases/issue-access-link";
import { firmForCommand } from "../../firms/find-firm";
import { inviteStaff } from "../use-cases/invite-staff";
import { invitedOutcome } from "./invite-outcome";

/** `staff invite --firm SLUG --email EMAIL --role ROLE`: a colleague for the firm's console (a one-hour link). */
export const staffInvite = defineCommand({
  name: ["staff", "invite"],
  summary: "invite a staff member to a firm's console with a role (a one-hour link, emailed or printed)",
  options: [
    { flags: "--firm <slug>", description: "the firm's slug", required: true },
    { flags: "--email <email>", description: "the colleague's email address", required: true },
    { flags: "--role <role>", description: "owner, admin or support", required: true },
    { flags: "--print", description: "print the link to hand over instead of emailing it" },
  ],
  input: z.object({ firm: z.string(), email: z.string(), role: z.enum(["owner", "admin", "support"], "must be owner, admin or support"), print: z.boolean().default(false) }),
  async run(deps: LinkServiceDeps & AccountDeps, input) {
    const firm = await firmForCommand(deps.db, input.firm);
    if (!firm.ok) return firm.error;
    const invited = await inviteStaff(deps, { firm: firm.value, inviter: operatorActor, emailTyped: input.email, role: input.role, delivery: input.print ? "copy" : "email" });
    if (!invited.ok) return failed(invited.error.code, invited.error.code === "email_invalid" ? `"${invited.error.typed}" is not an email address.` : "That role cannot be given.");
    return invitedOutcome(invited.value, "staff");
  },
});
