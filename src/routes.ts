import { Router } from "express";
import type { Express } from "express";
import type { AppDeps } from "./app";
import type { PortalPassport } from "./sign-in/passport";
import { resolveTenantByHost, resolveTenantBySlug } from "./portal/resolve-tenant";
import { answerJson, loadPrincipal, requirePortalAccount } from "./portal/load-principal";
import { csrfProtection } from "./platform/http/csrf";
import { errorHandler, notFound } from "./platform/http/send-error";
import { healthz, readyz } from "./platform/http/health";
import { showLogin, submitLogin } from "./sign-in/html/login";
import { logout } from "./sign-in/html/logout";
import { listProjects, showProject, switchCompany } from "./portal/html/projects";
import { resolvePortalAccess } from "./portal/portal-access";
import { landing } from "./platform/http/landing";
import { createLockout } from "./sign-in/lockout";
import { registerStaffStrategy } from "./sign-in/staff-strategy";
import { requireStaff } from "./portal/load-principal";
import { createLinkRequestLimits } from "./access-links/link-request-limits";
import { rejectCrossSite } from "./access-links/reject-cross-site";
import { showClaim, submitClaim } from "./access-links/html/claim";
import { showReset, submitReset } from "./access-links/html/reset";
import { showMagicLink, submitMagicLink } from "./access-links/html/magic";
import { showConfirmLink, submitConfirmLink } from "./access-links/html/confirm";
import { forgotHandlers, staffForgotHandlers } from "./access-links/html/forgot";
import { magicRequestHandlers } from "./access-links/html/magic-request";
import { confirmRequestHandlers } from "./access-links/html/confirm-request";
import { renewLink } from "./access-links/html/renew";
import { showStaffLogin, submitStaffLogin } from "./sign-in/html/staff-login";
import { adminHome, correctDateOfBirth, inviteClientHandler, inviteStaffHandler, recheckAccess } from "./console/html/home";
import { setClientAccess, setClientTemplate, showClientAccess, unlockClient } from "./console/html/client-access";
import { saveCompanyTemplate, saveDefaultTemplate, saveTemplateFields, showTemplates } from "./console/html/templates";
import type { Lockout } from "./sign-in/lockout";
import { createWebhookAddress, savePsaConnection, showPsaConnection, testPsaConnection } from "./console/html/psa-connection";
import { receivePsaWebhook } from "./psa/api/receive-psa-webhook";

/**
 * Every route, with its middleware chain, on one screen.
 *
 *   GET  /healthz                         process up
 *   GET  /readyz                          database + store reachable
 *   GET  /                                neutral landing (never lists firms)
 *   POST /webhooks/psa/:firmId/:secret    answerJson, receivePsaWebhook: a PSA change marks the answers it concerns stale
 *   ---- portal, at /portal/{slug}/... or at /portal/... on a firm's custom domain ----
 *        [resolveTenant, loadPrincipal]
 *   GET  login                            showLogin
 *   POST login                            csrf, submitLogin (passport-local)
 *   POST logout                           csrf, logout
 *   GET  /                                requirePortalAccount, resolvePortalAccess, listProjects (HTML)
 *   GET  api/projects                     answerJson, requirePortalAccount, resolvePortalAccess, listProjects (JSON)
 *   GET  projects/:id                     requirePortalAccount, resolvePortalAccess, showProject
 *   POST company                          csrf, requirePortalAccount, resolvePortalAccess, switchCompany
 *   GET  forgot | magic | confirm         the "email me a link" forms (reset / sign-in link / confirmation)
 *   POST forgot | magic | confirm         csrf, same page and status for any address, work done after responding
 *   GET  claim/:token                     showClaim: set-password form (+ date of birth); never uses the link
 *   POST claim/:token                     rejectCrossSite, submitClaim: use once, set password, sign in
 *   GET  reset/:token                     showReset
 *   POST reset/:token                     rejectCrossSite, submitReset: use once, new password, end other sessions
 *   GET  magic/:token                     showMagicLink: a "Continue" button
 *   POST magic/:token                     rejectCrossSite, submitMagicLink: use once, sign in (portal account only)
 *   GET  confirm/:token                   showConfirmLink: a "Confirm my email" button
 *   POST confirm/:token                   rejectCrossSite, submitConfirmLink
 *   POST {claim|reset|magic|confirm}/:token/renew   rejectCrossSite, renewLink: expired link -> fresh one by email
 *   GET  admin/forgot | POST admin/forgot  staff "forgot password": the same rules as forgot, staff accounts only
 *   GET  admin/login                      showStaffLogin
 *   POST admin/login                      csrf, submitStaffLogin (passport "staff-local")
 *   GET  admin                            requireStaff, adminHome
 *   GET  admin/clients?email=             requireStaff, showClientAccess: account, lock, PSA answer, sign-in trail
 *   POST admin/clients/:accountId/unlock  requireStaff, csrf, unlockClient: end a sign-in lockout now
 *   POST admin/clients/:accountId/access  requireStaff, csrf, setClientAccess (owner/admin): access off / back on
 *   POST admin/clients/:accountId/template  requireStaff, csrf, setClientTemplate (owner/admin): the client's own template
 *   GET  admin/templates                  requireStaff, showTemplates: default, field sets, company templates
 *   POST admin/templates/default | company | :template   requireStaff, csrf (owner/admin): save one of those
 *   POST admin/accounts/:accountId/date-of-birth   requireStaff, csrf, correctDateOfBirth
 *   POST admin/accounts/:accountId/recheck         requireStaff, csrf, recheckAccess: ask the PSA now, close fixed flags
 *   POST admin/invites                    requireStaff, csrf, inviteClientHandler: asks the PSA first (a near match to
 *                                         invite instead, or "anyway"), then emails an invite or shows a link once
 *   POST admin/staff                      requireStaff, csrf, inviteStaffHandler: owner/admin invite a colleague (role up to theirs)
 *   GET  admin/psa                        requireStaff, showPsaConnection (?kind= picks the form)
 *   POST admin/psa                        requireStaff, csrf, savePsaConnection (owner/admin): save, then test
 *   POST admin/psa/test                   requireStaff, csrf, testPsaConnection: "Test connection"
 *   POST admin/psa/webhook                requireStaff, csrf, createWebhookAddress (owner/admin): shown once
 *   Link POSTs take no session CSRF token: the token in the URL is the proof, and rejectCrossSite refuses
 *   other sites, so a phone's in-app browser that dropped its cookie still works.
 */
export function mountRoutes(app: Express, deps: AppDeps & { passport: PortalPassport; lockout: Lockout }): void {
  app.get("/healthz", healthz);
  app.get("/readyz", readyz(deps));
  app.get("/", landing);
  app.post("/webhooks/psa/:firmId/:secret", answerJson, receivePsaWebhook({ db: deps.db, resolver: deps.resolver, logger: deps.logger }));

  const portal = Router();
  portal.use(loadPrincipal(deps.db, deps.findSessionAccount));
  portal.get("/login", showLogin);
  portal.post("/login", csrfProtection, submitLogin({ db: deps.db, passport: deps.passport }));
  portal.post("/logout", csrfProtection, logout);
  const access = resolvePortalAccess({ db: deps.db, store: deps.store, resolver: deps.resolver, directory: deps.directory });
  portal.get("/", requirePortalAccount, access, listProjects(deps.resolver, "html"));
  portal.get("/api/projects", answerJson, requirePortalAccount, access, listProjects(deps.resolver, "json"));
  portal.get("/projects/:id", requirePortalAccount, access, showProject(deps.resolver));
  portal.post("/company", csrfProtection, requirePortalAccount, access, switchCompany);

  // Access links and the emails that carry them.
  const linkDeps = { db: deps.db, config: deps.config, kickMail: deps.mail.kick };
  portal.post("/admin/invites", requireStaff, csrfProtection, inviteClientHandler({ ...linkDeps, resolver: deps.resolver }));
  portal.post("/admin/staff", requireStaff, csrfProtection, inviteStaffHandler(linkDeps));
  const requestDeps = { ...linkDeps, logger: deps.logger, limits: createLinkRequestLimits(deps.store, deps.config) };
  const sameSite = rejectCrossSite(deps.config);
  for (const [path, handlers] of [
    ["forgot", forgotHandlers(requestDeps)],
    ["magic", magicRequestHandlers(requestDeps)],
    ["confirm", confirmRequestHandlers(requestDeps)],
    ["admin/forgot", staffForgotHandlers(requestDeps)],
  ] as const) {
    portal.get(`/${path}`, handlers.show);
    portal.post(`/${path}`, csrfProtection, handlers.submit);
  }
  portal.get("/claim/:token", showClaim(linkDeps));
  portal.post("/claim/:token", sameSite, submitClaim(linkDeps));
  portal.get("/reset/:token", showReset(linkDeps));
  portal.post("/reset/:token", sameSite, submitReset(linkDeps));
  portal.get("/magic/:token", showMagicLink(linkDeps));
  portal.post("/magic/:token", sameSite, submitMagicLink(linkDeps));
  portal.get("/confirm/:token", showConfirmLink(linkDeps));
  portal.post("/confirm/:token", sameSite, submitConfirmLink(linkDeps));
  for (const path of ["claim", "reset", "magic", "confirm"] as const) portal.post(`/${path}/:token/renew`, sameSite, renewLink(requestDeps, path));

  // Staff: a minimal sign-in and a staff-only page, so the line between client and staff access is testable.
  registerStaffStrategy(deps.passport, { db: deps.db, config: deps.config, lockout: createLockout(deps.store, deps.config) });
  portal.get("/admin/login", showStaffLogin);
  portal.post("/admin/login", csrfProtection, submitStaffLogin({ db: deps.db, passport: deps.passport }));
  portal.get("/admin", requireStaff, adminHome(deps.db));
  const clientAccess = { db: deps.db, config: deps.config, resolver: deps.resolver, lockout: deps.lockout, directory: deps.directory };
  portal.get("/admin/clients", requireStaff, showClientAccess(clientAccess));
  portal.post("/admin/clients/:accountId/unlock", requireStaff, csrfProtection, unlockClient(clientAccess));
  portal.post("/admin/clients/:accountId/access", requireStaff, csrfProtection, setClientAccess(clientAccess));
  portal.post("/admin/clients/:accountId/template", requireStaff, csrfProtection, setClientTemplate(clientAccess));
  const templateAdmin = { db: deps.db, directory: deps.directory };
  portal.get("/admin/templates", requireStaff, showTemplates(templateAdmin));
  portal.post("/admin/templates/default", requireStaff, csrfProtection, saveDefaultTemplate(templateAdmin));
  portal.post("/admin/templates/company", requireStaff, csrfProtection, saveCompanyTemplate(templateAdmin));
  portal.post("/admin/templates/:template", requireStaff, csrfProtection, saveTemplateFields(templateAdmin));
  portal.post("/admin/accounts/:accountId/date-of-birth", requireStaff, csrfProtection, correctDateOfBirth(deps.db));
  const psaAdmin = { db: deps.db, connectors: deps.connectors, directory: deps.directory };
  portal.get("/admin/psa", requireStaff, showPsaConnection(psaAdmin));
  portal.post("/admin/psa", requireStaff, csrfProtection, savePsaConnection(psaAdmin));
  portal.post("/admin/psa/test", requireStaff, csrfProtection, testPsaConnection(psaAdmin));
  portal.post("/admin/psa/webhook", requireStaff, csrfProtection, createWebhookAddress({ ...psaAdmin, config: deps.config }));
  portal.post("/admin/accounts/:accountId/recheck", requireStaff, csrfProtection, recheckAccess({ db: deps.db, store: deps.store, resolver: deps.resolver }));

  // A firm's custom domain serves its portal without the slug; on any other host this router steps aside.
  const byHost = Router();
  byHost.use(resolveTenantByHost(deps.directory), portal);
  app.use("/portal", byHost);
  app.use("/portal/:slug", resolveTenantBySlug(deps.directory), portal);

  app.use(notFound);
  app.use(errorHandler(deps.logger));
}
