import { Router } from "express";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { ClientPrincipal, Principal, StaffPrincipal, Tenant } from "./request-state";
import { sendError, wantsJson } from "./send-error";

/** A request on a portal route: the firm it is for and who is asking are known (resolved before any handler runs). */
export type PortalRequest = Request & { tenant: Tenant; principal: Principal };
/** A signed-in client's request (after `requirePortalAccount`). */
export type ClientRequest = PortalRequest & { principal: ClientPrincipal };
/** A signed-in staff member's request (after `requireStaff`). */
export type StaffRequest = PortalRequest & { principal: StaffPrincipal };

export type Handler<R extends PortalRequest = PortalRequest> = (req: R, res: Response, next: NextFunction) => void | Promise<void>;

const isPortalRequest = (req: Request): req is PortalRequest => req.tenant !== undefined && req.principal !== undefined;
const isClientRequest = (req: PortalRequest): req is ClientRequest => req.principal.kind === "portalAccount";
const isStaffRequest = (req: PortalRequest): req is StaffRequest => req.principal.kind === "staff";

/** A handler for the portal router: it runs only once the tenant and principal are set, and says so if they are not. */
function portalHandler<R extends PortalRequest>(admits: (req: PortalRequest) => req is R, handler: Handler<R>): RequestHandler {
  return (req, res, next) => {
    if (isPortalRequest(req) && admits(req)) return handler(req, res, next);
    next(new Error("a portal handler was mounted where the tenant and principal are not resolved"));
  };
}
const always = (req: PortalRequest): req is PortalRequest => req.tenant !== undefined;

/**
 * The portal's router (mounted at /portal/{slug} and on custom domains, after the tenant is resolved and
 * `loadPrincipal` has run). Its handlers are typed with PortalRequest, so no handler checks or casts
 * `req.tenant`; `requirePortalAccount(...)` and `requireStaff(...)` narrow the principal the same way.
 */
export function createPortalRouter(loadPrincipal: RequestHandler) {
  const router = Router();
  router.use(loadPrincipal);
  return {
    router,
    get: (path: string, ...chain: Handler[]) => void router.get(path, ...chain.map((step) => portalHandler(always, step))),
    post: (path: string, ...chain: Handler[]) => void router.post(path, ...chain.map((step) => portalHandler(always, step))),
  };
}

export type PortalRouter = ReturnType<typeof createPortalRouter>;

/** Runs `chain` in order for the requests `admits` lets through (as a route's own handlers run); refuses the rest. */
function gate<R extends PortalRequest>(admits: (req: PortalRequest) => req is R, refuse: Handler, chain: Array<Handler<R>>): Handler {
  const steps = Router({ mergeParams: true });
  for (const step of chain) steps.use(portalHandler(admits, step));
  return (req, res, next) => {
    if (!admits(req)) return refuse(req, res, next);
    steps(req, res, next);
  };
}

/** Pages for signed-in clients. A browser goes to sign-in; an API client gets a 401. */
export function requirePortalAccount(...chain: Array<Handler<ClientRequest>>): Handler {
  return gate(isClientRequest, (req, res) => (wantsJson(req) ? sendError(req, res, "sign_in_required") : res.redirect(303, `${req.tenant.basePath}/login`)), chain);
}

/** Staff pages: only a staff session of this firm. A client's session (password or magic link) never passes. */
export function requireStaff(...chain: Array<Handler<StaffRequest>>): Handler {
  return gate(
    isStaffRequest,
    (req, res) => (wantsJson(req) ? sendError(req, res, "sign_in_required", "Please sign in as staff to continue.") : res.redirect(303, `${req.tenant.basePath}/admin/login`)),
    chain,
  );
}
