import { LRUCache } from "lru-cache";
import type { ClientRequest, Handler } from "../platform/http/portal-router";
import { decidePortalAccess } from "./use-cases/decide-portal-access";
import type { DecideAccessDeps, PortalAccess } from "./use-cases/decide-portal-access";

/** A client's page request once the page load has decided what they may see. */
export type PageRequest = ClientRequest & { access: PortalAccess };

/**
 * Step three of every signed-in client's page load (after the tenant and the principal): company resolution
 * through the firm's PSA, then the template (use-cases/decide-portal-access.ts). Wraps the page's handler, which
 * receives the decision as `req.access`.
 */
export function resolvePortalAccess(deps: Omit<DecideAccessDeps, "recentlyClear">) {
  const recentlyClear = new LRUCache<string, true>({ max: 100_000, ttl: 10 * 60_000 });
  return (handler: Handler<PageRequest>): Handler<ClientRequest> =>
    async (req, res, next) => {
      const { firm, account } = req.principal;
      const access = await decidePortalAccess({ ...deps, recentlyClear }, { firm, account, chosenCompany: req.session.companyExternalId });
      return handler(Object.assign(req, { access }), res, next);
    };
}
