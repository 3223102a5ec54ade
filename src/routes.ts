import { Router } from "express";
import type { Express } from "express";
import type { AppDeps } from "./app";
import type { PortalPassport } from "./auth/passport";
import { resolveTenantByHost, resolveTenantBySlug } from "./middleware/resolve-tenant";
import { loadPrincipal, requirePortalAccount } from "./middleware/load-principal";
import { csrfProtection } from "./middleware/csrf";
import { errorHandler, notFound } from "./middleware/errors";
import { healthz, readyz } from "./controllers/health";
import { showLogin, submitLogin } from "./controllers/portal/login";
import { logout } from "./controllers/portal/logout";
import { home } from "./controllers/portal/home";
import { landing } from "./controllers/landing";

/**
 * Every route, with its middleware chain, on one screen.
 *
 *   GET  /healthz                         process up
 *   GET  /readyz                          database + store reachable
 *   GET  /                                neutral landing (never lists firms)
 *   ---- portal, at /portal/{slug}/... or at /portal/... on a firm's custom domain ----
 *        [resolveTenant, loadPrincipal]
 *   GET  login                            showLogin
 *   POST login                            csrf, submitLogin (passport-local)
 *   POST logout                           csrf, logout
 *   GET  /                                requirePortalAccount, home
 */
export function mountRoutes(app: Express, deps: AppDeps & { passport: PortalPassport }): void {
  app.get("/healthz", healthz);
  app.get("/readyz", readyz(deps));
  app.get("/", landing);

  const portal = Router();
  portal.use(loadPrincipal(deps.db));
  portal.get("/login", showLogin);
  portal.post("/login", csrfProtection, submitLogin({ db: deps.db, passport: deps.passport }));
  portal.post("/logout", csrfProtection, logout);
  portal.get("/", requirePortalAccount, home);

  // A firm's custom domain serves its portal without the slug; on any other host this router steps aside.
  const byHost = Router();
  byHost.use(resolveTenantByHost(deps.db), portal);
  app.use("/portal", byHost);
  app.use("/portal/:slug", resolveTenantBySlug(deps.db), portal);

  app.use(notFound);
  app.use(errorHandler(deps.logger));
}
