import type { Firm } from "../../generated/prisma/client";
import type { Actor } from "../../accounts/actor";
import { normalizeEmail } from "../../../connectors/shared/normalize-email";
import { fail, ok } from "../../platform/errors";
import type { Failure, Result } from "../../platform/errors";
import { isPlainMailbox } from "../../platform/mail/mail-headers";
import { issueAccessLink } from "../../access-links/use-cases/issue-access-link";
import type { LinkHolder, LinkServiceDeps } from "../../access-links/use-cases/issue-access-link";
import type { AccessProblem } from "../../access-problems/flag-access-problem";
import { suggestPsaEmail } from "../../access-problems/suggest-psa-email";
import { createInvitedClient } from "../../accounts/use-cases/create-invited-account";
import type { CompanyResolver } from "../../portal/company-resolver";
import { recordStaffAction } from "../../staff-actions/use-cases/record-staff-action";

/** What an invite did: sent (the URL when it is to be shared by hand), not needed, or held back for a check. */
export type Invited =
  | { kind: "invited" | "reinvited"; email: string; expiresAt: Date; url?: string }
  | { kind: "already_active" | "disabled"; email: string }
  | { kind: "check_address"; email: string; problem: AccessProblem; suggestion: string | null; detail: string | null };

export type InviteFailure = Failure<"email_invalid"> & { typed: string };

/** "copy" returns the link to share by hand instead of emailing it, for a client whose mail filter eats the email. */
export type InviteDelivery = "email" | "copy";

/** The address an invite goes to, normalized, or the failure that says it is not one. */
export function inviteAddress(typed: string): Result<string, InviteFailure> {
  const email = normalizeEmail(typed);
  return isPlainMailbox(email) ? ok(email) : fail("email_invalid", { typed: typed.slice(0, 254) });
}

/**
 * Who an invite is for: the normalized address and its account if there is one, or the answer already known (not
 * an address; an account that is active or turned off gets no link).
 */
export async function inviteeOf<A extends { status: string }>(
  typed: string,
  find: (email: string) => Promise<A | null>,
): Promise<{ email: string; existing: A | null } | { answer: Result<Invited, InviteFailure> }> {
  const address = inviteAddress(typed);
  if (!address.ok) return { answer: address };
  const existing = await find(address.value);
  const needless = noInviteNeeded(existing, address.value);
  return needless ? { answer: ok(needless) } : { email: address.value, existing };
}

/** An account that is not (or no longer) just invited gets no link: already active, or turned off. */
export function noInviteNeeded(account: { status: string } | null, email: string): Invited | null {
  return account && account.status !== "invited" ? { kind: account.status === "active" ? "already_active" : "disabled", email } : null;
}

/** The invite link itself: emailed, or returned to be shared by hand. Earlier invites of the account are superseded. */
export async function sendInvite(deps: LinkServiceDeps, input: { firm: Firm; holder: LinkHolder; by: Actor; delivery: InviteDelivery; again: boolean }): Promise<Invited> {
  const issued = await issueAccessLink(deps, {
    firm: input.firm,
    kind: input.holder.kind === "portal" ? "invite_client" : "invite_staff",
    holder: input.holder,
    issuedBy: input.by.label,
    delivery: input.delivery === "copy" ? "return" : "email",
  });
  const action = input.holder.kind === "portal" ? "client_invited" : "staff_invited";
  const role = input.holder.kind === "staff" ? { role: input.holder.account.role } : {};
  await recordStaffAction(deps.db, { firmId: input.firm.id, actor: input.by, action, subject: input.holder.account.email, after: { delivery: input.delivery, again: input.again, ...role } });
  return { kind: input.again ? "reinvited" : "invited", email: input.holder.account.email, expiresAt: issued.expiresAt, url: issued.url };
}

export type InviteClientDeps = LinkServiceDeps & { resolver: Pick<CompanyResolver, "resolveAccess"> };

/**
 * Staff invite a client: a new address gets an invited account and an invite link; an address still invited
 * gets a fresh link (the earlier one then says "a newer link was sent"); an active or disabled account gets
 * no link. Unless `confirmed`, the firm's PSA is asked first what the client would see.
 */
export async function inviteClient(
  deps: InviteClientDeps,
  input: { firm: Firm; actor: Actor; emailTyped: string; delivery: InviteDelivery; confirmed: boolean },
): Promise<Result<Invited, InviteFailure>> {
  const { firm } = input;
  const invitee = await inviteeOf(input.emailTyped, (email) => deps.db.portalAccount.findUnique({ where: { firmId_email: { firmId: firm.id, email } } }));
  if ("answer" in invitee) return invitee.answer;
  const { email, existing } = invitee;
  if (!input.confirmed) {
    const doubt = await doubtAboutAddress(deps, firm, email);
    if (doubt) return ok({ kind: "check_address", email, ...doubt });
  }
  const account = existing ?? (await createInvitedClient(deps, { firmId: firm.id, email, by: input.actor.label }));
  return ok(noInviteNeeded(account, email) ?? (await sendInvite(deps, { firm, holder: { kind: "portal", account }, by: input.actor, delivery: input.delivery, again: !!existing })));
}

/**
 * Before an invite goes out, ask the firm's PSA what the client would see. An address the PSA does not know
 * (jane.doe@acme.com where the PSA has jane@acme.com) or one it would refuse is the "no projects" ticket of
 * next week, so the console shows the cause and a near match to invite instead. When the PSA cannot answer,
 * or the firm has no PSA connected, there is nothing to check and the invite goes ahead.
 */
async function doubtAboutAddress(deps: InviteClientDeps, firm: Firm, email: string): Promise<{ problem: AccessProblem; suggestion: string | null; detail: string | null } | null> {
  if (!firm.connectorKind) return null;
  const lookup = await deps.resolver.resolveAccess(firm, email);
  if (!lookup.ok) return null;
  const answer = lookup.value;
  switch (answer.status) {
    case "ok":
      return null;
    case "no_contact":
      return { problem: "no_contact", suggestion: await suggestPsaEmail(deps.db, firm, email), detail: null };
    case "company_inactive":
      return { problem: "company_inactive", suggestion: null, detail: answer.companies.map((c) => c.name).join(", ") };
    default:
      return { problem: answer.status, suggestion: null, detail: null };
  }
}
