import type { Firm, PortalAccount } from "../../generated/prisma/client";
import type { Actor } from "../../accounts/actor";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { issueAccessLink } from "../../access-links/use-cases/issue-access-link";
import type { LinkServiceDeps } from "../../access-links/use-cases/issue-access-link";
import { clientOfFirm } from "../client-of-firm";

export type MagicLinkFailure = Failure<"client_not_found"> | (Failure<"validation_failed"> & { status: PortalAccount["status"] });

/**
 * A one-time sign-in link for a client whose mail filter eats the gateway's emails: returned to be handed over by
 * staff (never emailed), valid for the magic link's lifetime. Only an active account can use one (an invited client
 * needs an invite; a turned-off one gets nothing). Any staff role may, as for invites; the link is kept with who
 * asked for it.
 */
export async function issueClientMagicLink(
  deps: LinkServiceDeps,
  input: { firm: Firm; actor: Actor; accountId: string },
): Promise<Result<{ account: PortalAccount; url: string; expiresAt: Date }, MagicLinkFailure>> {
  const found = await clientOfFirm(deps.db, input.firm.id, input.accountId);
  if (!found.ok) return found;
  const account = found.value;
  if (account.status !== "active") return fail("validation_failed", { status: account.status });
  const issued = await issueAccessLink(deps, { firm: input.firm, kind: "magic", holder: { kind: "portal", account }, issuedBy: input.actor.label, delivery: "return" });
  return ok({ account, url: issued.url!, expiresAt: issued.expiresAt });
}
