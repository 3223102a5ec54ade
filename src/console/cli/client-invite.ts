import { z } from "zod";
import { defineCommand, failed } from "../../platform/cli/command";
import { operatorActor } from "../../accounts/actor";
import { firmForCommand } from "../../firms/find-firm";
import { inviteClient } from "../use-cases/invite-client";
import type { InviteClientDeps } from "../use-cases/invite-client";
import { invitedOutcome } from "./invite-outcome";

/** `client invite --firm SLUG --email EMAIL`: the console's invite, with the same check of the address against the PSA. */
export const clientInvite = defineCommand({
  name: ["client", "invite"],
  summary: "invite a client to a firm's portal (the PSA is asked first what they would see)",
  options: [
    { flags: "--firm <slug>", description: "the firm's slug", required: true },
    { flags: "--email <email>", description: "the client's email address", required: true },
    { flags: "--print", description: "print the link to hand over instead of emailing it" },
    { flags: "--anyway", description: "invite even when the PSA does not know the address" },
  ],
  input: z.object({ firm: z.string(), email: z.string(), print: z.boolean().default(false), anyway: z.boolean().default(false) }),
  async run(deps: InviteClientDeps, input) {
    const firm = await firmForCommand(deps.db, input.firm);
    if (!firm.ok) return firm.error;
    const invited = await inviteClient(deps, { firm: firm.value, actor: operatorActor, emailTyped: input.email, delivery: input.print ? "copy" : "email", confirmed: input.anyway });
    if (!invited.ok) return failed("email_invalid", `"${invited.error.typed}" is not an email address.`);
    return invitedOutcome(invited.value, "client");
  },
});
