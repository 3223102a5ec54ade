import type { Firm } from "../../generated/prisma/client";
import type { Actor } from "../../accounts/actor";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { issueAccessLink } from "../../access-links/use-cases/issue-access-link";
import type { LinkServiceDeps } from "../../access-links/use-cases/issue-access-link";
import { recordStaffAction } from "../../staff-actions/use-cases/record-staff-action";
import { clientOfFirm } from "../client-of-firm";
import { sendInvite } from "./invite-client";
import type { InviteDelivery } from "./invite-client";

/** What staff can send a client from the console: the invite again, a sign-in link, or a password reset link. */
export type ClientLinkKind = "invite" | "magic" | "reset";

/** A refused link names the client, so the answer can too. */
export type SendLinkFailure = Failure<"client_not_found"> | (Failure<"validation_failed"> & { reason: "not_invited" | "not_active"; email: string });

export interface LinkSent {
  email: string;
  kind: ClientLinkKind;
  expiresAt: Date;
  /** Only for delivery "copy": the link, shown once. */
  url?: string;
}

/**
 * Send a client a link (emailed, or returned once to share by hand for a client whose mail filter eats the
 * email): the invite again while the account is invited; a sign-in link or a password reset while it is active.
 * A turned-off account gets nothing: turning access back on comes first.
 */
export async function sendClientLink(
  deps: LinkServiceDeps,
  input: { firm: Firm; actor: Actor; accountId: string; kind: ClientLinkKind; delivery: InviteDelivery },
): Promise<Result<LinkSent, SendLinkFailure>> {
  const found = await clientOfFirm(deps.db, input.firm.id, input.accountId);
  if (!found.ok) return found;
  const account = found.value;
  if (input.kind === "invite") {
    if (account.status !== "invited") return fail("validation_failed", { reason: "not_invited" as const, email: account.email });
    const invited = await sendInvite(deps, { firm: input.firm, holder: { kind: "portal", account }, by: input.actor, delivery: input.delivery, again: true });
    return invited.kind === "reinvited" || invited.kind === "invited" ? ok({ email: account.email, kind: "invite", expiresAt: invited.expiresAt, url: invited.url }) : fail("validation_failed", { reason: "not_invited" as const, email: account.email });
  }
  if (account.status !== "active") return fail("validation_failed", { reason: "not_active" as const, email: account.email });
  const issued = await issueAccessLink(deps, { firm: input.firm, kind: input.kind, holder: { kind: "portal", account }, issuedBy: input.actor.label, delivery: input.delivery === "copy" ? "return" : "email" });
  await recordStaffAction(deps.db, { firmId: input.firm.id, actor: input.actor, action: "client_link_sent", subject: account.email, after: { kind: input.kind, delivery: input.delivery } });
  return ok({ email: account.email, kind: input.kind, expiresAt: issued.expiresAt, url: issued.url });
}
