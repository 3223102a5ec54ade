import type { Request, RequestHandler, Response } from "express";
import type { Db } from "../../platform/db/prisma";
import { csrfToken } from "../../platform/http/csrf";
import { parseDateOfBirth } from "../../access-links/date-of-birth";
import { correctIdentityRecord, IDENTITY_LOCK_FLAG } from "../../access-links/identity-check";
import { formField } from "../../access-links/html/link-route";
import { formatClockUtc, formatDateUtc } from "../../platform/format-time";
import { adminHomePage } from "./console-pages";
import type { InviteCheck } from "./console-pages";
import type { Tenant } from "../../platform/http/request-state";
import type { KeyValueStore } from "../../platform/kv/store";
import type { CompanyResolver } from "../../portal/company-resolver";
import { closeAccessProblems, listOpenAccessProblems } from "../../access-problems/flag-access-problem";
import type { AccessProblem } from "../../access-problems/flag-access-problem";
import { grantableRoles, inviteClient, inviteStaff } from "../use-cases/invite-client";
import type { InviteOutcome } from "../use-cases/invite-client";
import type { LinkServiceDeps } from "../../access-links/use-cases/issue-access-link";

export interface AdminDeps {
  db: Db;
  store: KeyValueStore;
  resolver: CompanyResolver;
}

const deliveryOf = (req: Request): "email" | "copy" => (formField(req, "delivery") === "copy" ? "copy" : "email");

/** The console's answer to an invite, client or staff: what happened, and the link itself when it is to be copied. */
function answerInvite(db: Db, req: Request, res: Response, outcome: InviteOutcome, who: "client" | "staff"): Promise<void> {
  switch (outcome.kind) {
    case "invalid_email":
      return render(db, req, res, 400, { alert: `"${outcome.typed}" is not an email address. Check it and try again.` });
    case "role_not_allowed":
      return render(db, req, res, 403, { alert: `You cannot give the role "${outcome.role}". Staff can invite colleagues with a role up to their own; support staff cannot invite staff.` });
    case "already_active":
      return render(db, req, res, 200, {
        alert: who === "client" ? `${outcome.email} already has access. If they forgot their password, they can use "Forgot password?" on the sign-in page.` : `${outcome.email} is already on the staff console.`,
      });
    case "disabled":
      return render(db, req, res, 200, { alert: `${outcome.email}'s ${who === "client" ? "" : "staff "}access is turned off, so no invite was sent. Turn the account back on first.` });
    case "check_address": {
      const { cause, fix } = describeAccessProblem(outcome.problem, outcome.email, outcome.suggestion, outcome.detail, "invite again");
      return render(db, req, res, 200, { inviteCheck: { email: outcome.email, suggestion: outcome.suggestion, cause, fix, delivery: deliveryOf(req) } });
    }
    default: {
      const until = who === "client" ? formatDateUtc(outcome.expiresAt) : `${formatClockUtc(outcome.expiresAt)} (one hour)`;
      const again = outcome.kind === "reinvited" ? " The earlier invite link no longer works." : "";
      const what = who === "client" ? "Invite" : "Staff invite";
      if (outcome.url) return render(db, req, res, 200, { notice: `${what} link for ${outcome.email}, valid until ${until}. Copy it now: it is shown only once.${again}`, link: outcome.url });
      return render(db, req, res, 200, { notice: `${what} sent to ${outcome.email}. The link works until ${until}.${again}` });
    }
  }
}

/** POST /portal/{slug}/admin/invites: invite a client by email, or make a link to share by hand. */
export function inviteClientHandler(deps: LinkServiceDeps & { resolver: CompanyResolver }): RequestHandler {
  return async (req, res) => {
    const tenant = req.tenant as Tenant;
    if (req.principal?.kind !== "staff") return;
    const confirmed = formField(req, "confirmed") === "yes";
    const outcome = await inviteClient(deps, tenant.firm, req.principal.staff, formField(req, "email"), deliveryOf(req), { confirmed });
    return answerInvite(deps.db, req, res, outcome, "client");
  };
}

/** POST /portal/{slug}/admin/staff: an owner or admin invites a colleague, with a role up to their own. */
export function inviteStaffHandler(deps: LinkServiceDeps): RequestHandler {
  return async (req, res) => {
    const tenant = req.tenant as Tenant;
    if (req.principal?.kind !== "staff") return;
    const outcome = await inviteStaff(deps, tenant.firm, req.principal.staff, formField(req, "email"), formField(req, "role"), deliveryOf(req));
    return answerInvite(deps.db, req, res, outcome, "staff");
  };
}

/** How an admin reads a client's problem, and the fix that belongs to it (the PSA is where it is fixed). */
export function describeAccessProblem(problem: AccessProblem, email: string, suggestedEmail: string | null, detail: string | null, then = "check again"): { cause: string; fix: string } {
  switch (problem) {
    case "no_contact":
      return {
        cause: "matches no contact in the PSA.",
        fix: suggestedEmail
          ? `The PSA has ${suggestedEmail}, which looks like the same person: add ${email} to that contact's emails in the PSA, then ${then}.`
          : `Add ${email} to the client's contact in the PSA (or create the contact), then ${then}.`,
      };
    case "no_company":
      return { cause: "is a PSA contact with no company.", fix: `Link the contact to the client's company in the PSA, then ${then}.` };
    case "contact_inactive":
      return { cause: "is an inactive contact in the PSA, so access is refused.", fix: `Make the contact active in the PSA if the client should have access, then ${then}.` };
    case "company_inactive":
      return {
        cause: `belongs to an inactive company in the PSA${detail ? ` (${detail})` : ""}, so access is refused.`,
        fix: `Make the company active in the PSA if the client should have access, then ${then}.`,
      };
  }
}

async function render(db: Db, req: Request, res: Response, status: number, extra: { notice?: string; alert?: string; link?: string; inviteCheck?: InviteCheck } = {}): Promise<void> {
  const tenant = req.tenant as Tenant;
  if (req.principal?.kind !== "staff") return;
  const problems = await listOpenAccessProblems(db, tenant.firm.id);
  const flags = await db.accessFlag.findMany({ where: { firmId: tenant.firm.id, kind: IDENTITY_LOCK_FLAG, status: "open" }, include: { portalAccount: true }, orderBy: { firstSeenAt: "asc" } });
  res.status(status).type("html").send(
    adminHomePage({
      firmName: tenant.firm.name,
      basePath: tenant.basePath,
      email: req.principal.staff.email,
      staffRoles: grantableRoles[req.principal.staff.role],
      csrfToken: csrfToken(req),
      problems: problems.map((p) => ({ portalAccountId: p.portalAccountId, email: p.email, since: formatDateUtc(p.firstSeenAt), ...describeAccessProblem(p.problem, p.email, p.suggestedEmail, p.detail) })),
      locked: flags.map((f) => ({ portalAccountId: f.portalAccountId, email: f.portalAccount.email, since: formatDateUtc(f.lastSeenAt) })),
      ...extra,
    }),
  );
}

/** GET /portal/{slug}/admin: staff only (a client's session, however it signed in, is sent to staff sign-in). */
export function adminHome(db: Db): RequestHandler {
  return (req, res) => render(db, req, res, 200);
}

/** The account named in the URL, if it is this firm's: another firm's id reads exactly like a missing one. */
async function accountOfFirm(db: Db, req: Request, firmId: string): Promise<{ id: string; email: string } | null> {
  const id = String(req.params.accountId ?? "");
  return /^[0-9a-f-]{36}$/i.test(id) ? db.portalAccount.findFirst({ where: { id, firmId }, select: { id: true, email: true } }) : null;
}

/**
 * POST /portal/{slug}/admin/accounts/{id}/recheck: the admin fixed the PSA and wants to know now. Drops the
 * cached answer, asks the PSA at once, and reports what the client will see; a fixed problem closes its flags.
 */
export function recheckAccess(deps: AdminDeps): RequestHandler {
  return async (req, res) => {
    const tenant = req.tenant as Tenant;
    const account = await accountOfFirm(deps.db, req, tenant.firm.id);
    if (!account) return render(deps.db, req, res, 404, { alert: "No such client on this portal." });
    await deps.resolver.invalidateAccount(tenant.firm, account.email);
    const lookup = await deps.resolver.resolveAccess(tenant.firm, account.email);
    if (!lookup.ok || lookup.stale) {
      const why = lookup.ok ? "it did not answer in time" : lookup.error.message;
      return render(deps.db, req, res, 200, { alert: `Could not check ${account.email} with the PSA just now (${why}). Try again in a minute; the client's next page load asks the PSA too.` });
    }
    const answer = lookup.value;
    if (answer.status !== "ok") {
      const mismatch = answer.status === "no_contact" ? await deps.db.emailMismatch.findFirst({ where: { firmId: tenant.firm.id, portalAccountId: account.id }, select: { suggestedEmail: true } }) : null;
      const { cause, fix } = describeAccessProblem(answer.status, account.email, mismatch?.suggestedEmail ?? null, null);
      return render(deps.db, req, res, 200, { alert: `Checked just now: ${account.email} ${cause} ${fix}` });
    }
    await Promise.all(answer.companies.map((company) => deps.resolver.invalidateCompany(tenant.firm, company.externalId)));
    await closeAccessProblems(deps.db, deps.store, tenant.firm.id, account.id);
    const names = answer.companies.map((company) => company.name).join(", ");
    return render(deps.db, req, res, 200, { notice: `Checked just now: ${account.email} is with ${names} in the PSA and sees its projects on the next page load.` });
  };
}

/** POST /portal/{slug}/admin/accounts/{id}/date-of-birth: correct the record; the client's same invite link works again. */
export function correctDateOfBirth(db: Db): RequestHandler {
  return async (req, res) => {
    const tenant = req.tenant as Tenant;
    const parsed = parseDateOfBirth(formField(req, "dateOfBirth"));
    if (!parsed.ok) return render(db, req, res, 400, { alert: parsed.message });
    const account = await accountOfFirm(db, req, tenant.firm.id);
    if (!account) return render(db, req, res, 404, { alert: "No such client on this portal." });
    await correctIdentityRecord(db, { firmId: tenant.firm.id, portalAccountId: account.id, dateOfBirthIso: parsed.iso });
    return render(db, req, res, 200, { notice: `Saved. ${account.email}'s invite link works again.` });
  };
}
