import { z } from "zod";
import { defineCommand, done, failed } from "../../platform/cli/command";
import { operatorActor } from "../../accounts/actor";
import type { LinkServiceDeps } from "../../access-links/use-cases/issue-access-link";
import { issueClientMagicLink } from "../use-cases/client-magic-link";
import { clientForCommand, clientOptions } from "./client-for-command";

/** `client magic-link --firm SLUG --email EMAIL`: a one-time sign-in link, printed once, for a client whose mail filter eats emails. */
export const clientMagicLink = defineCommand({
  name: ["client", "magic-link"],
  summary: "print a one-time sign-in link for a client to hand over (shown once; nothing is emailed)",
  options: clientOptions,
  input: z.object({ firm: z.string(), email: z.string() }),
  async run(deps: LinkServiceDeps, input) {
    const found = await clientForCommand(deps.db, input);
    if (!found.ok) return found.error;
    const issued = await issueClientMagicLink(deps, { firm: found.firm, actor: operatorActor, accountId: found.account.id });
    if (!issued.ok) {
      if (issued.error.code === "client_not_found") return failed("client_not_found", "No such client.");
      const why = issued.error.status === "invited" ? "is invited but has no password yet: send the invite again (`client invite --print`)" : "has access turned off: turn it back on first";
      return failed("validation_failed", `${found.account.email} ${why}.`);
    }
    const { url, expiresAt } = issued.value;
    return done([`One-time sign-in link for ${found.account.email}, valid until ${expiresAt.toISOString()} (shown once):`, "", `  ${url}`], { email: found.account.email, url, expiresAt: expiresAt.toISOString() });
  },
});
