import { Router } from "express";
import type { Express } from "express";
import type { Middleware } from "./platform/http/csrf";
import type { AppDeps } from "./app";
import { answerJson } from "./platform/http/answer-json";
import { healthz, readyz } from "./platform/http/health";
import { landing } from "./platform/http/landing";
import { createPortalRouter, requirePortalAccount, requireStaff } from "./platform/http/portal-router";
import type { PortalRouter } from "./platform/http/portal-router";
import { errorHandler, notFound } from "./platform/http/send-error";
import type { Lockout } from "./sign-in/lockout";
import type { PortalPassport } from "./sign-in/passport";
import { showLogin, submitLogin } from "./sign-in/html/login";
import { logout } from "./sign-in/html/logout";
import { resolveTenantByHost, resolveTenantBySlug } from "./portal/resolve-tenant";
import { loadPrincipal } from "./portal/load-principal";
import { resolvePortalAccess } from "./portal/portal-access";
import { listProjects, showProject, switchCompany } from "./portal/html/projects";
import { previewClientProject, previewClientProjects } from "./portal/html/preview";
import { listProjectsJson } from "./portal/api/projects";
import { createLinkRequestLimits } from "./access-links/link-request-limits";
import { rejectCrossSite } from "./access-links/reject-cross-site";
import { showClaim, submitClaim } from "./access-links/html/claim";
import { showReset, submitReset } from "./access-links/html/reset";
import { showMagicLink, submitMagicLink } from "./access-links/html/magic";
import { showConfirmLink, submitConfirmLink } from "./access-links/html/confirm";
import { emailRequestForms, emailRequestHandlers } from "./access-links/html/email-request";
import { renewLink } from "./access-links/html/renew";
import { adminHome, correctDateOfBirth, inviteClientHandler, recheckAccess } from "./console/html/home";
import { changeStaffAccessHandler, changeStaffRoleHandler, inviteStaffHandler, showStaff } from "./console/html/staff";
import { consoleScript } from "./console/html/console-script";
import { changeClientAccess, changeClientTemplate, sendLinkToClient, showClientAccess, signClientOut, unlockClient } from "./console/html/client-access";
import { saveCompany, saveDefault, saveFields, showTemplates } from "./console/html/templates";
import { createWebhook, discoverSettings, saveConnection, showPsaConnection, testConnection } from "./console/html/psa-connection";
import { dismissFlag, reviewRun, runSyncNow, showSync } from "./console/html/sync";
import { addDomain, deleteLogo, readLogoUpload, removeDomain, saveFirmName, saveFirmSlug, saveLogo, saveSettings, showSettings } from "./console/html/settings";
import { serveLogo } from "./portal/html/logo";
import { showAuditLog } from "./console/html/audit";
import { exportTrail, showTrail } from "./console/html/trail";
import { resendEmail, showOutbox } from "./console/html/outbox";
import { downloadSupportBundle } from "./console/html/support-bundle";
import { showBulkInvite, submitBulkInvite } from "./console/html/bulk-invite";
import { receivePsaWebhook } from "./psa/api/receive-psa-webhook";
import { createAdminApi } from "./admin-api";
import type { AdminApiDeps } from "./admin-api";
import { makeApiToken, revokeApiTokenHandler, showApiTokens } from "./console/html/api-tokens";

/**
 * Every route, with its middleware chain, on one screen. Portal handlers receive the firm and who is asking
 * (platform/http/portal-router.ts); requirePortalAccount(...) and requireStaff(...) run their chain for a
 * signed-in client or staff member only; access(...) is the page load's company resolution and template.
 *
 *   GET  /healthz                         process up
 *   GET  /readyz                          database + store reachable
 *   GET  /                                neutral landing (never lists firms)
 *   GET  /assets/console.js               the console's Copy buttons (progressive: pages work without it)
 *   POST /webhooks/psa/:firmId/:secret    answerJson, receivePsaWebhook: a PSA change marks the answers it concerns stale
 *                                         and asks for a small incremental sync run
 *   ANY  /api/admin/v1/...                the admin JSON API (src/admin-api.ts lists its endpoints): token, rate limit, zod input;
 *        /api/admin/v1/openapi.json       its OpenAPI 3.1 document (mounted before the body parsers and sessions by mountAdminApi:
 *                                         it reads its own bodies, JSON or an upload's bytes, and no cookie)
 *   ---- portal, at /portal/{slug}/... or at /portal/... on a firm's custom domain: [resolveTenant, loadPrincipal] ----
 *   GET  login | admin/login              showLogin (client | staff)
 *   POST login | admin/login              csrf, submitLogin (client | staff): passport-local, email + password, then a new session
 *   POST logout                           csrf, logout
 *   GET  /                                requirePortalAccount(access(listProjects)) (HTML; ?show=current|open|on_hold|closed|all&sort=end|start|name)
 *   GET  api/projects                     answerJson, requirePortalAccount(access(listProjectsJson))
 *   GET  projects/:id                     requirePortalAccount(access(showProject)): the sections, with the phases and the team
 *   POST company                          csrf, requirePortalAccount(access(switchCompany))
 *   GET  forgot | magic | confirm | admin/forgot    the "email me a link" forms (reset / sign-in link / confirmation / staff reset)
 *   POST forgot | magic | confirm | admin/forgot    csrf, same page and status for any address, work done after responding
 *   GET  claim/:token                     showClaim: set-password form (+ date of birth); never uses the link
 *   POST claim/:token                     rejectCrossSite, submitClaim: use once, set password, sign in
 *   GET  reset/:token                     showReset
 *   POST reset/:token                     rejectCrossSite, submitReset: use once, new password, end other sessions
 *   GET  magic/:token                     showMagicLink: a "Continue" button
 *   POST magic/:token                     rejectCrossSite, submitMagicLink: use once, sign in (portal account only)
 *   GET  confirm/:token                   showConfirmLink: a "Confirm my email" button
 *   POST confirm/:token                   rejectCrossSite, submitConfirmLink
 *   POST {claim|reset|magic|confirm}/:token/renew   rejectCrossSite, renewLink: expired link -> fresh one by email
 *   GET  admin                            requireStaff(adminHome): flags, invites, locked invites
 *   POST admin/invites                    requireStaff(csrf, inviteClient): asks the PSA first (a near match, or "anyway")
 *   GET  admin/staff                      requireStaff(showStaff): colleagues, roles, status
 *   POST admin/staff                      requireStaff(csrf, inviteStaff): owner/admin invite a colleague (role up to theirs)
 *   POST admin/staff/:staffId/role | access   requireStaff(csrf, changeStaffRole | changeStaffAccess) (owners; access off is confirmed)
 *   POST admin/accounts/:accountId/recheck         requireStaff(csrf, recheckAccess): ask the PSA now, close fixed flags
 *   POST admin/accounts/:accountId/date-of-birth   requireStaff(csrf, correctDateOfBirth)
 *   GET  admin/clients?email=             requireStaff(showClientAccess): account, lock, PSA answer, sign-in trail
 *   POST admin/clients/:accountId/unlock  requireStaff(csrf, unlockClient)
 *   POST admin/clients/:accountId/access  requireStaff(csrf, changeClientAccess) (owner/admin): access off / back on
 *   POST admin/clients/:accountId/sign-out  requireStaff(csrf, signClientOut) (owner/admin): end every session of the client
 *   POST admin/clients/:accountId/template  requireStaff(csrf, changeClientTemplate) (owner/admin)
 *   POST admin/clients/:accountId/link    requireStaff(csrf, sendLinkToClient): invite again, sign-in or reset link (emailed or shown once)
 *        (these five answer with the client list instead when the form says back=list: the list's row actions)
 *   GET  admin/clients/:accountId/preview[/projects/:id]   requireStaff(previewClientProjects | previewClientProject): read-only
 *   GET  admin/templates                  requireStaff(showTemplates)
 *   POST admin/templates/default | company | :template   requireStaff(csrf, saveDefault | saveCompany | saveFields) (owner/admin)
 *   GET  admin/psa                        requireStaff(showPsaConnection) (?kind= picks the form)
 *   POST admin/psa                        requireStaff(csrf, saveConnection) (owner/admin): test, then save (or save failing, by choice)
 *   POST admin/psa/discover               requireStaff(csrf, discoverSettings) (owner/admin): "Find settings" fills the form
 *   POST admin/psa/test                   requireStaff(csrf, testConnection): addresses checked, then one call
 *   POST admin/psa/webhook                requireStaff(csrf, createWebhook) (owner/admin): the address, shown once
 *   GET  admin/sync                       requireStaff(showSync): schedule, last runs, held runs, open mismatch flags
 *   POST admin/sync/run                   requireStaff(csrf, runSyncNow) (owner/admin): a run (mode=incremental|full) now
 *   POST admin/sync/runs/:runId/apply | discard          requireStaff(csrf, reviewRun) (owner/admin): a held run
 *   POST admin/sync/mismatches/:id/dismiss | flags/:id/dismiss   requireStaff(csrf, dismissFlag) (owner/admin), with a reason
 *   GET  admin/settings                   requireStaff(showSettings): every staff member reads; owners and admins change
 *   POST admin/settings | settings/name | settings/slug   requireStaff(csrf, saveSettings | saveFirmName | saveFirmSlug) (owner/admin)
 *   POST admin/settings/domains[/remove]  requireStaff(csrf, addDomain | removeDomain) (owner/admin; removing is confirmed)
 *   POST admin/settings/logo[/remove]     requireStaff(readLogoUpload, csrf, saveLogo | csrf, deleteLogo) (owner/admin; multipart, 200 KB)
 *   GET  logo/:hash                       serveLogo: the firm's uploaded logo (raster only, checked by its bytes)
 *   GET  admin/audit?cursor=              requireStaff(showAuditLog) (owners): the staff-action log, newest first
 *   GET  admin/trail | admin/trail.csv    requireStaff(showTrail | exportTrail): client sign-in trail, filtered; CSV streamed
 *   GET  admin/outbox?status=&cursor=     requireStaff(showOutbox): the firm's emails, never their bodies
 *   POST admin/outbox/:emailId/resend     requireStaff(csrf, resendEmail): a failed email goes out again
 *   GET  admin/clients/:accountId/bundle  requireStaff(downloadSupportBundle): one client's support bundle (JSON, no secrets)
 *   GET|POST admin/clients/bulk           requireStaff(showBulkInvite | csrf, submitBulkInvite): preview each row, then send
 *   GET  admin/api-tokens                 requireStaff(showApiTokens): the firm's API tokens (never a token itself)
 *   POST admin/api-tokens                 requireStaff(csrf, makeApiToken) (owner/admin): a token, shown once
 *   POST admin/api-tokens/:tokenId/revoke requireStaff(csrf, revokeApiTokenHandler) (owner/admin)
 *   Link POSTs take no session CSRF token: the token in the URL is the proof, and rejectCrossSite refuses
 *   other sites, so a phone's in-app browser that dropped its cookie still works.
 */
/**
 * The admin JSON API, mounted by the app before its body parsers (the API reads JSON, or an endpoint's raw upload,
 * never a form) and the session middleware: a request is its bearer token's, never a cookie's.
 */
export function mountAdminApi(app: Express, deps: Omit<AdminApiDeps, "kickMail">): void {
  app.use("/api/admin/v1", createAdminApi(deps));
}

export function mountRoutes(app: Express, deps: AppDeps & { lockout: Lockout; passport: PortalPassport; csrfProtection: Middleware }): void {
  const { db, config, store, resolver, directory, connectors, logger, csrfProtection } = deps;
  app.get("/healthz", healthz);
  app.get("/readyz", readyz(deps));
  app.get("/", landing);
  app.get("/assets/console.js", consoleScript);
  app.post("/webhooks/psa/:firmId/:secret", answerJson, receivePsaWebhook({ db, resolver, logger, connectors, sync: deps.sync }));

  const portal = createPortalRouter(loadPrincipal(deps.findSessionAccount));
  for (const audience of ["client", "staff"] as const) {
    const path = audience === "client" ? "/login" : "/admin/login";
    portal.get(path, showLogin(audience));
    portal.post(path, csrfProtection, submitLogin(deps.passport, audience));
  }
  portal.post("/logout", csrfProtection, logout);

  const access = resolvePortalAccess({ db, store, resolver, directory });
  portal.get("/", requirePortalAccount(access(listProjects({ resolver }))));
  portal.get("/api/projects", answerJson, requirePortalAccount(access(listProjectsJson(resolver))));
  portal.get("/projects/:id", requirePortalAccount(access(showProject({ resolver }))));
  portal.post("/company", csrfProtection, requirePortalAccount(access(switchCompany)));

  const links = { db, config, kickMail: deps.mail.kick, sessionVersions: deps.sessionVersions };
  const requests = { ...links, logger, limits: createLinkRequestLimits(store, config) };
  for (const form of emailRequestForms) {
    const handlers = emailRequestHandlers(requests, form);
    portal.get(`/${form.path}`, handlers.show);
    portal.post(`/${form.path}`, csrfProtection, handlers.submit);
  }
  const sameSite = rejectCrossSite(config);
  portal.get("/claim/:token", showClaim(links));
  portal.post("/claim/:token", sameSite, submitClaim(links));
  portal.get("/reset/:token", showReset(links));
  portal.post("/reset/:token", sameSite, submitReset(links));
  portal.get("/magic/:token", showMagicLink(links));
  portal.post("/magic/:token", sameSite, submitMagicLink(links));
  portal.get("/confirm/:token", showConfirmLink(links));
  portal.post("/confirm/:token", sameSite, submitConfirmLink(links));
  for (const path of ["claim", "reset", "magic", "confirm"] as const) portal.post(`/${path}/:token/renew`, sameSite, renewLink(requests, path));

  portal.get("/admin", requireStaff(adminHome(db)));
  portal.post("/admin/invites", requireStaff(csrfProtection, inviteClientHandler({ ...links, resolver })));
  portal.get("/admin/staff", requireStaff(showStaff(db)));
  portal.post("/admin/staff", requireStaff(csrfProtection, inviteStaffHandler(links)));
  portal.post("/admin/staff/:staffId/role", requireStaff(csrfProtection, changeStaffRoleHandler({ db, sessionVersions: deps.sessionVersions })));
  portal.post("/admin/staff/:staffId/access", requireStaff(csrfProtection, changeStaffAccessHandler({ db, sessionVersions: deps.sessionVersions })));
  portal.post("/admin/accounts/:accountId/recheck", requireStaff(csrfProtection, recheckAccess({ db, store, resolver })));
  portal.post("/admin/accounts/:accountId/date-of-birth", requireStaff(csrfProtection, correctDateOfBirth({ db, sessionVersions: deps.sessionVersions })));
  const clients = { db, config, resolver, lockout: deps.lockout, directory, sessionVersions: deps.sessionVersions };
  portal.get("/admin/clients", requireStaff(showClientAccess(clients)));
  portal.post("/admin/clients/:accountId/unlock", requireStaff(csrfProtection, unlockClient(clients)));
  portal.post("/admin/clients/:accountId/access", requireStaff(csrfProtection, changeClientAccess(clients)));
  portal.post("/admin/clients/:accountId/sign-out", requireStaff(csrfProtection, signClientOut(clients)));
  portal.post("/admin/clients/:accountId/template", requireStaff(csrfProtection, changeClientTemplate(clients)));
  portal.post("/admin/clients/:accountId/link", requireStaff(csrfProtection, sendLinkToClient({ ...clients, kickMail: deps.mail.kick })));
  const preview = { db, store, resolver, directory };
  portal.get("/admin/clients/:accountId/preview", requireStaff(previewClientProjects(preview)));
  portal.get("/admin/clients/:accountId/preview/projects/:id", requireStaff(previewClientProject(preview)));
  const templates = { db, directory };
  portal.get("/admin/templates", requireStaff(showTemplates(templates)));
  portal.post("/admin/templates/default", requireStaff(csrfProtection, saveDefault(templates)));
  portal.post("/admin/templates/company", requireStaff(csrfProtection, saveCompany(templates)));
  portal.post("/admin/templates/:template", requireStaff(csrfProtection, saveFields(templates)));
  portal.get("/admin/api-tokens", requireStaff(showApiTokens(db)));
  portal.post("/admin/api-tokens", requireStaff(csrfProtection, makeApiToken(db)));
  portal.post("/admin/api-tokens/:tokenId/revoke", requireStaff(csrfProtection, revokeApiTokenHandler(db)));
  const psa = { db, connectors, directory };
  portal.get("/admin/psa", requireStaff(showPsaConnection(psa)));
  portal.post("/admin/psa", requireStaff(csrfProtection, saveConnection(psa)));
  portal.post("/admin/psa/discover", requireStaff(csrfProtection, discoverSettings(psa)));
  portal.post("/admin/psa/test", requireStaff(csrfProtection, testConnection(psa)));
  portal.post("/admin/psa/webhook", requireStaff(csrfProtection, createWebhook({ ...psa, config })));
  mountFirmAdministration(portal, deps);

  // A firm's custom domain serves its portal without the slug; on any other host this router steps aside.
  const byHost = Router();
  byHost.use(resolveTenantByHost(directory), portal.router);
  app.use("/portal", byHost);
  app.use("/portal/:slug", resolveTenantBySlug(directory), portal.router);

  app.use(notFound);
  app.use(errorHandler(logger, deps.health));
}

/** The console's firm-wide pages: the sync, settings, the staff-action log, the sign-in trail and the outbox. */
function mountFirmAdministration(portal: PortalRouter, deps: AppDeps & { lockout: Lockout; csrfProtection: Middleware }): void {
  const { db, config, directory, csrfProtection } = deps;
  const sync = { db, config, sync: deps.sync, sessionVersions: deps.sessionVersions };
  portal.get("/admin/sync", requireStaff(showSync(sync)));
  portal.post("/admin/sync/run", requireStaff(csrfProtection, runSyncNow(sync)));
  portal.post("/admin/sync/runs/:runId/apply", requireStaff(csrfProtection, reviewRun(sync, "apply")));
  portal.post("/admin/sync/runs/:runId/discard", requireStaff(csrfProtection, reviewRun(sync, "discard")));
  portal.post("/admin/sync/mismatches/:id/dismiss", requireStaff(csrfProtection, dismissFlag(sync, "mismatch")));
  portal.post("/admin/sync/flags/:id/dismiss", requireStaff(csrfProtection, dismissFlag(sync, "flag")));
  const settings = { db, config, directory };
  portal.get("/admin/settings", requireStaff(showSettings(settings)));
  portal.post("/admin/settings", requireStaff(csrfProtection, saveSettings(settings)));
  portal.post("/admin/settings/name", requireStaff(csrfProtection, saveFirmName(settings)));
  portal.post("/admin/settings/slug", requireStaff(csrfProtection, saveFirmSlug(settings)));
  portal.post("/admin/settings/domains", requireStaff(csrfProtection, addDomain(settings)));
  portal.post("/admin/settings/domains/remove", requireStaff(csrfProtection, removeDomain(settings)));
  portal.post("/admin/settings/logo", requireStaff(readLogoUpload, csrfProtection, saveLogo(settings)));
  portal.post("/admin/settings/logo/remove", requireStaff(csrfProtection, deleteLogo(settings)));
  portal.get("/logo/:hash", serveLogo(db));
  portal.get("/admin/audit", requireStaff(showAuditLog(db)));
  portal.get("/admin/trail", requireStaff(showTrail(db)));
  portal.get("/admin/trail.csv", requireStaff(exportTrail(db)));
  portal.get("/admin/outbox", requireStaff(showOutbox({ db })));
  portal.post("/admin/outbox/:emailId/resend", requireStaff(csrfProtection, resendEmail({ db, kickMail: deps.mail.kick })));
  const invites = { db, config, kickMail: deps.mail.kick, resolver: deps.resolver };
  portal.get("/admin/clients/bulk", requireStaff(showBulkInvite(invites)));
  portal.post("/admin/clients/bulk", requireStaff(csrfProtection, submitBulkInvite(invites)));
  portal.get("/admin/clients/:accountId/bundle", requireStaff(downloadSupportBundle({ db, config, resolver: deps.resolver, lockout: deps.lockout, directory })));
}
