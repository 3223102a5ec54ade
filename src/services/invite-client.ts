import type { Firm, StaffAccount } from "../generated/prisma/client";
import { normalizeEmail } from "../../connectors/shared/normalize-email";
import { issueAccessLink } from "../links/issue-access-link";
import type { LinkServiceDeps } from "../links/issue-access-link";
import { isPlainMailbox } from "../mail/mail-headers";

export type InviteOutcome =
  | { kind: "invalid_email"; typed: string }
  | { kind: "already_active" | "disabled"; email: string }
  | { kind: "invited" | "reinvited"; email: string; expiresAt: Date; url?: string };

/**
 * Staff invite a client: a new address gets an invited account and an invite link; an address still invited
 * gets a fresh link (the earlier one then says "a newer link was sent"); an active or disabled account gets
 * no link, and the console says why. "copy" returns the link to share by hand instead of emailing it, for a
 * client whose mail filter eats the email.
 */
export async function inviteClient(deps: LinkServiceDeps, firm: Firm, staff: StaffAccount, typed: string, delivery: "email" | "copy"): Promise<InviteOutcome> {
  const email = normalizeEmail(typed);
  if (!isPlainMailbox(email) || email.length > 254) return { kind: "invalid_email", typed: typed.slice(0, 254) };
  const existing = await deps.db.portalAccount.findUnique({ where: { firmId_email: { firmId: firm.id, email } } });
  if (existing?.status === "active") return { kind: "already_active", email };
  if (existing?.status === "disabled") return { kind: "disabled", email };
  // An upsert, so two admins inviting the same new address at once both end up with the one account.
  const account =
    existing ??
    (await deps.db.portalAccount.upsert({
      where: { firmId_email: { firmId: firm.id, email } },
      create: { firmId: firm.id, email, status: "invited", statusChangedAt: new Date(), statusChangedBy: `staff:${staff.id}` },
      update: {},
    }));
  if (account.status !== "invited") return { kind: account.status === "active" ? "already_active" : "disabled", email };
  const issued = await issueAccessLink(deps, {
    firm,
    kind: "invite_client",
    holder: { kind: "portal", account },
    issuedBy: `staff:${staff.id}`,
    delivery: delivery === "copy" ? "return" : "email",
  });
  return { kind: existing ? "reinvited" : "invited", email, expiresAt: issued.expiresAt, url: issued.url };
}
