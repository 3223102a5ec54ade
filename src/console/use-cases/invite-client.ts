import type { Firm, StaffAccount, StaffRole } from "../../generated/prisma/client";
import { normalizeEmail } from "../../../connectors/shared/normalize-email";
import { issueAccessLink } from "../../access-links/use-cases/issue-access-link";
import type { LinkServiceDeps } from "../../access-links/use-cases/issue-access-link";
import { isPlainMailbox } from "../../platform/mail/mail-headers";
import type { CompanyResolver } from "../../portal/company-resolver";
import type { AccessProblem } from "../../access-problems/flag-access-problem";
import { knownPsaEmails } from "../../access-problems/flag-access-problem";
import { suggestPsaEmail } from "../../access-problems/suggest-psa-email";

export type InviteOutcome =
  | { kind: "invalid_email"; typed: string }
  | { kind: "role_not_allowed"; role: string }
  | { kind: "already_active" | "disabled"; email: string }
  | { kind: "check_address"; email: string; problem: AccessProblem; suggestion: string | null; detail: string | null }
  | { kind: "invited" | "reinvited"; email: string; expiresAt: Date; url?: string };

export type InviteDelivery = "email" | "copy";

/** The address an invite goes to, normalized, or null when it is not one. */
function inviteAddress(typed: string): string | null {
  const email = normalizeEmail(typed);
  return isPlainMailbox(email) ? email : null;
}

/**
 * Staff invite a client: a new address gets an invited account and an invite link; an address still invited
 * gets a fresh link (the earlier one then says "a newer link was sent"); an active or disabled account gets
 * no link, and the console says why. "copy" returns the link to share by hand instead of emailing it, for a
 * client whose mail filter eats the email.
 */
export async function inviteClient(
  deps: LinkServiceDeps & { resolver: Pick<CompanyResolver, "resolveAccess"> },
  firm: Firm,
  staff: StaffAccount,
  typed: string,
  delivery: InviteDelivery,
  options: { confirmed?: boolean } = {},
): Promise<InviteOutcome> {
  const email = inviteAddress(typed);
  if (!email) return { kind: "invalid_email", typed: typed.slice(0, 254) };
  const existing = await deps.db.portalAccount.findUnique({ where: { firmId_email: { firmId: firm.id, email } } });
  if (existing && existing.status !== "invited") return { kind: existing.status === "active" ? "already_active" : "disabled", email };
  if (!options.confirmed) {
    const doubt = await doubtAboutAddress(deps, firm, email);
    if (doubt) return { kind: "check_address", email, ...doubt };
  }
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

/**
 * Before an invite goes out, ask the firm's PSA what the client would see. An address the PSA does not know
 * (jane.doe@acme.com where the PSA has jane@acme.com) or one it would refuse is the "no projects" ticket of
 * next week, so the console shows the cause and a near match to invite instead. When the PSA cannot answer,
 * or the firm has no PSA connected, there is nothing to check and the invite goes ahead.
 */
async function doubtAboutAddress(
  deps: LinkServiceDeps & { resolver: Pick<CompanyResolver, "resolveAccess"> },
  firm: Firm,
  email: string,
): Promise<{ problem: AccessProblem; suggestion: string | null; detail: string | null } | null> {
  if (!firm.connectorKind) return null;
  const lookup = await deps.resolver.resolveAccess(firm, email);
  if (!lookup.ok) return null;
  const answer = lookup.value;
  switch (answer.status) {
    case "ok":
      return null;
    case "no_contact":
      return { problem: "no_contact", suggestion: suggestPsaEmail(email, await knownPsaEmails(deps.db, firm)), detail: null };
    case "company_inactive":
      return { problem: "company_inactive", suggestion: null, detail: answer.companies.map((c) => c.name).join(", ") };
    default:
      return { problem: answer.status, suggestion: null, detail: null };
  }
}

/** Which roles each role may hand out: nobody grants more than they hold, and support grants nothing. */
export const grantableRoles: Record<StaffRole, StaffRole[]> = { owner: ["owner", "admin", "support"], admin: ["admin", "support"], support: [] };

/**
 * An owner or admin invites a colleague to the staff console with a role no higher than their own. Same
 * rules as a client invite: a still-invited colleague gets a fresh link (and the role now chosen), an active or
 * disabled one gets no link. Staff invite links last an hour (they open the console, not one client's view).
 */
export async function inviteStaff(deps: LinkServiceDeps, firm: Firm, inviter: StaffAccount, typed: string, role: string, delivery: InviteDelivery): Promise<InviteOutcome> {
  const allowed = grantableRoles[inviter.role];
  const granted = allowed.find((r) => r === role);
  if (!granted) return { kind: "role_not_allowed", role: role.slice(0, 20) };
  const email = inviteAddress(typed);
  if (!email) return { kind: "invalid_email", typed: typed.slice(0, 254) };
  const existing = await deps.db.staffAccount.findUnique({ where: { firmId_email: { firmId: firm.id, email } } });
  if (existing && existing.status !== "invited") return { kind: existing.status === "active" ? "already_active" : "disabled", email };
  // The role now chosen replaces an earlier invite's, but only while the invite is still unclaimed: a colleague
  // who activated in the meantime keeps the role they have.
  if (existing) await deps.db.staffAccount.updateMany({ where: { id: existing.id, status: "invited" }, data: { role: granted } });
  const account = await deps.db.staffAccount.upsert({
    where: { firmId_email: { firmId: firm.id, email } },
    create: { firmId: firm.id, email, role: granted, status: "invited" },
    update: {},
  });
  if (account.status !== "invited") return { kind: account.status === "active" ? "already_active" : "disabled", email };
  const issued = await issueAccessLink(deps, {
    firm,
    kind: "invite_staff",
    holder: { kind: "staff", account },
    issuedBy: `staff:${inviter.id}`,
    delivery: delivery === "copy" ? "return" : "email",
  });
  return { kind: existing ? "reinvited" : "invited", email, expiresAt: issued.expiresAt, url: issued.url };
}
