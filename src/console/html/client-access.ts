import type { Request, RequestHandler, Response } from "express";
import type { Config } from "../../../config";
import { effectiveFirmPolicy } from "../../../config/firm-settings";
import { normalizeEmail } from "../../../connectors/shared/normalize-email";
import type { Lockout } from "../../sign-in/lockout";
import { signInReasons } from "../../sign-in/sign-in-reasons";
import type { Db } from "../../platform/db/prisma";
import type { PortalAccount } from "../../generated/prisma/client";
import { formatClockUtc, formatDateUtc } from "../../platform/format-time";
import { formField } from "../../access-links/html/link-route";
import { csrfToken } from "../../platform/http/csrf";
import type { CompanyResolver } from "../../portal/company-resolver";
import type { Tenant } from "../../platform/http/request-state";
import type { FirmDirectory } from "../../firms/firm-directory";
import { templateForAccount } from "../../portal/portal-template";
import { defaultTemplates, portalTemplates } from "../../../config/templates";
import type { PortalTemplateName } from "../../../config/templates";
import { clientAccessPage } from "./console-pages";
import type { ClientAccessView } from "./console-pages";
import { describeAccessProblem } from "./home";
import { knownPsaEmails } from "../../access-problems/flag-access-problem";
import { suggestPsaEmail } from "../../access-problems/suggest-psa-email";
import { isPlainMailbox } from "../../platform/mail/mail-headers";

export interface ClientAccessDeps {
  db: Db;
  config: Config;
  resolver: CompanyResolver;
  lockout: Lockout;
  directory: FirmDirectory;
}

const when = (date: Date) => `${formatDateUtc(date)} ${formatClockUtc(date)}`;

/** Everything the page shows about one address: the account, the lock, the PSA's answer, the audit trail. */
async function lookUp(deps: ClientAccessDeps, tenant: Tenant, email: string): Promise<ClientAccessView> {
  const firm = tenant.firm;
  const account = await deps.db.portalAccount.findUnique({ where: { firmId_email: { firmId: firm.id, email } } });
  const [lock, lookup, events] = await Promise.all([
    deps.lockout.emailState(firm.id, email, effectiveFirmPolicy(firm.settings, deps.config)),
    firm.connectorKind ? deps.resolver.resolveAccess(firm, email) : null,
    deps.db.signInEvent.findMany({ where: { firmId: firm.id, emailNormalized: email, staffAccountId: null }, orderBy: { at: "desc" }, take: 10 }),
  ]);
  let psa: ClientAccessView["psa"];
  if (!lookup) psa = { unavailable: "No PSA is connected to this portal yet, so no client sees projects." };
  else if (!lookup.ok) psa = { unavailable: `The PSA did not answer: ${lookup.error.message}` };
  else if (lookup.value.status === "ok") {
    const names = lookup.value.companies.map((company) => company.name).join(", ");
    psa = { ok: true, line: `A contact of ${names}${lookup.stale ? ` (as of ${when(lookup.asOf)}; the PSA is not answering now)` : ""}. The client sees that company's projects.` };
  } else {
    const detail = lookup.value.status === "company_inactive" ? lookup.value.companies.map((company) => company.name).join(", ") : null;
    const suggestion = lookup.value.status === "no_contact" ? suggestPsaEmail(email, await knownPsaEmails(deps.db, firm)) : null;
    psa = { ok: false, ...describeAccessProblem(lookup.value.status, email, suggestion, detail) };
  }
  // The template the client sees, and where the choice comes from: "landed on the wrong template" is a ticket too.
  let template: ClientAccessView["template"] = null;
  if (account) {
    const company = lookup?.ok && lookup.value.status === "ok" ? lookup.value.companies[0] : undefined;
    const effective = await templateForAccount(deps.directory, firm, account, company?.externalId ?? null);
    const from = { account: "this client's own choice", company: `the template of ${company?.name ?? "their company"}`, firm: "the portal default" }[effective.source];
    template = { line: `${defaultTemplates[effective.template].label}, from ${from}`, override: account.templateOverride ?? null, choices: portalTemplates.map((name) => ({ name, label: defaultTemplates[name].label })) };
  }
  return {
    email,
    template,
    account: account ? describeAccount(account, lock.locked && lock.until ? lock.until : null) : null,
    psa,
    events: events.map((event) => ({ at: when(event.at), reason: event.reason, meaning: signInReasons[event.reason as keyof typeof signInReasons] ?? event.reason, ip: event.ip })),
  };
}

function describeAccount(account: PortalAccount, lockedUntil: Date | null): NonNullable<ClientAccessView["account"]> {
  const changed = account.statusChangedAt ? ` on ${formatDateUtc(account.statusChangedAt)}` : "";
  const by = account.statusChangedBy ? ` by ${account.statusChangedBy}` : "";
  const statusLine =
    account.status === "disabled"
      ? `access turned off${changed}${by}${account.statusReason ? `: ${account.statusReason}` : ""}`
      : account.status === "invited"
        ? "invited, not claimed yet (no password set)"
        : "active";
  return { id: account.id, status: account.status, statusLine, confirmed: !!account.emailConfirmedAt, lastSignIn: account.lastSignInAt ? when(account.lastSignInAt) : null, lockedUntil: lockedUntil ? when(lockedUntil) : null };
}

async function render(deps: ClientAccessDeps, req: Request, res: Response, status: number, email: string | null, extra: { notice?: string; alert?: string } = {}): Promise<void> {
  const tenant = req.tenant as Tenant;
  if (req.principal?.kind !== "staff") return;
  res.status(status).type("html").send(
    clientAccessPage({
      firmName: tenant.firm.name,
      basePath: tenant.basePath,
      csrfToken: csrfToken(req),
      query: email ?? "",
      view: email ? await lookUp(deps, tenant, email) : null,
      canChangeAccess: req.principal.staff.role !== "support",
      staffEmail: req.principal.staff.email,
      ...extra,
    }),
  );
}

/** GET /portal/{slug}/admin/clients?email=: "why can't this client sign in?" with the evidence and the fixes. */
export function showClientAccess(deps: ClientAccessDeps): RequestHandler {
  return async (req, res) => {
    const typed = typeof req.query.email === "string" ? req.query.email : "";
    if (!typed.trim()) return render(deps, req, res, 200, null);
    const email = normalizeEmail(typed);
    if (!isPlainMailbox(email)) return render(deps, req, res, 400, null, { alert: `"${typed.slice(0, 254)}" is not an email address. Check it and try again.` });
    return render(deps, req, res, 200, email);
  };
}

/**
 * The account in the URL if it is this firm's; otherwise the page answers 404 and this gives null. Another
 * firm's id reads exactly like a missing one.
 */
async function accountInUrl(deps: ClientAccessDeps, req: Request, res: Response): Promise<PortalAccount | null> {
  const id = String(req.params.accountId ?? "");
  const firmId = (req.tenant as Tenant).firm.id;
  const account = /^[0-9a-f-]{36}$/i.test(id) ? await deps.db.portalAccount.findFirst({ where: { id, firmId } }) : null;
  if (!account) await render(deps, req, res, 404, null, { alert: "No such client on this portal." });
  return account;
}

/** The same, for changes only owners and admins make: support staff get a 403 that says what they cannot do. */
async function accountForAdmins(deps: ClientAccessDeps, req: Request, res: Response, what: string): Promise<PortalAccount | null> {
  if (req.principal?.kind !== "staff") return null;
  if (req.principal.staff.role === "support") {
    await render(deps, req, res, 403, null, { alert: `Only an owner or admin can ${what}.` });
    return null;
  }
  return accountInUrl(deps, req, res);
}

/** POST /portal/{slug}/admin/clients/{id}/unlock: end a lockout now instead of making the client wait it out. */
export function unlockClient(deps: ClientAccessDeps): RequestHandler {
  return async (req, res) => {
    const tenant = req.tenant as Tenant;
    const account = await accountInUrl(deps, req, res);
    if (!account) return;
    await deps.lockout.recordSuccess(tenant.firm.id, account.email, effectiveFirmPolicy(tenant.firm.settings, deps.config));
    return render(deps, req, res, 200, account.email, { notice: `Sign-in unlocked for ${account.email}. They can sign in again now.` });
  };
}

/**
 * POST /portal/{slug}/admin/clients/{id}/access (access=off|on, reason): owners and admins turn a client's
 * access off (every session ends on its next request) or back on (active again, or invited if no password
 * was ever set). Who and why are kept on the account.
 */
export function setClientAccess(deps: ClientAccessDeps): RequestHandler {
  return async (req, res) => {
    const account = await accountForAdmins(deps, req, res, "turn a client's access off or on");
    if (!account || req.principal?.kind !== "staff") return;
    const access = formField(req, "access");
    if (access !== "on" && access !== "off") return render(deps, req, res, 400, account.email, { alert: 'Nothing changed: the form must say whether to turn access "off" or "on".' });
    const turnOn = access === "on";
    const reason = formField(req, "reason").trim().slice(0, 200) || null;
    const status = turnOn ? (account.passwordHash ? "active" : "invited") : "disabled";
    await deps.db.portalAccount.update({
      where: { id: account.id },
      data: { status, statusReason: turnOn ? null : reason, statusChangedAt: new Date(), statusChangedBy: `staff:${req.principal.staff.email}` },
    });
    const notice = turnOn ? `Access is back on for ${account.email}.` : `Access is off for ${account.email}. Their open sessions end on their next page load.`;
    return render(deps, req, res, 200, account.email, { notice });
  };
}

/** POST /portal/{slug}/admin/clients/{id}/template: this client's own template, or back to inheriting (owner/admin). */
export function setClientTemplate(deps: ClientAccessDeps): RequestHandler {
  return async (req, res) => {
    const account = await accountForAdmins(deps, req, res, "change a client's template");
    if (!account) return;
    const chosen = formField(req, "template");
    const template = (portalTemplates as readonly string[]).includes(chosen) ? (chosen as PortalTemplateName) : chosen === "inherit" ? null : undefined;
    if (template === undefined) return render(deps, req, res, 400, account.email, { alert: `Nothing changed: choose one of ${portalTemplates.join(", ")}, or "inherit".` });
    await deps.db.portalAccount.update({ where: { id: account.id }, data: { templateOverride: template } });
    const notice = template ? `${account.email} now sees the ${defaultTemplates[template].label} template.` : `${account.email} follows their company's template again.`;
    return render(deps, req, res, 200, account.email, { notice });
  };
}
