import { done, failed } from "../../platform/cli/command";
import type { CliOutcome } from "../../platform/cli/command";
import type { Invited } from "../use-cases/invite-client";

/** What an invite did, for the operator: the link when it is to be handed over, or why none was sent. */
export function invitedOutcome(invited: Invited, who: "client" | "staff"): CliOutcome {
  const data = { ...invited, ...("expiresAt" in invited ? { expiresAt: invited.expiresAt.toISOString() } : {}) };
  switch (invited.kind) {
    case "already_active":
      return done([`${invited.email} already has ${who === "client" ? "access" : "a console account"}: no invite sent.`], data);
    case "disabled":
      return done([`${invited.email}'s access is turned off, so no invite was sent. Turn it back on first.`], data);
    case "check_address":
      return failed(
        "validation_failed",
        `Not sent: the PSA does not give ${invited.email} a company's projects (${invited.problem})${invited.suggestion ? `; it has ${invited.suggestion}` : ""}.`,
        "Invite the address the PSA knows, fix the PSA first, or add --anyway to invite this address regardless.",
      );
    default: {
      const again = invited.kind === "reinvited" ? " The earlier invite link no longer works." : "";
      if (invited.url) return done([`Invite link for ${invited.email}, valid until ${invited.expiresAt.toISOString()} (shown once):${again}`, "", `  ${invited.url}`], data);
      return done([`Invite emailed to ${invited.email}; the link works until ${invited.expiresAt.toISOString()}.${again}`], data);
    }
  }
}
