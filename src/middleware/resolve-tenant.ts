import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Db } from "../db/prisma";
import { HttpError } from "../lib/errors";

/**
 * Which firm a request is for. Two ways in:
 * - by slug, at /portal/{slug}/...; an old slug redirects to the current one (links outlive slug changes);
 * - by Host, on a firm's custom domain, at /portal/... without the slug.
 * An unknown slug is a 404 page, and a slug of firm B under firm A's custom domain is the same 404.
 */
export function resolveTenantBySlug(db: Db): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const slug = String(req.params.slug ?? "").toLowerCase();
    const hostFirm = await db.firmDomain.findUnique({ where: { domain: req.hostname.toLowerCase() } });
    const firm = await db.firm.findUnique({ where: { slug } });
    if (firm) {
      if (hostFirm && hostFirm.firmId !== firm.id) return next(new HttpError("portal_not_found"));
      req.tenant = { firm, basePath: `/portal/${firm.slug}`, viaCustomDomain: false };
      return next();
    }
    const alias = await db.firmSlugAlias.findUnique({ where: { slug }, include: { firm: true } });
    if (alias && (!hostFirm || hostFirm.firmId === alias.firmId)) {
      // 308 keeps the method and body, so a form posted to an old-slug URL still arrives.
      const rest = req.originalUrl.slice(`/portal/${req.params.slug}`.length);
      return res.redirect(req.method === "GET" || req.method === "HEAD" ? 301 : 308, `/portal/${alias.firm.slug}${rest}`);
    }
    return next(new HttpError("portal_not_found"));
  };
}

/** On a firm's custom domain, /portal/... is that firm's portal; elsewhere this router steps aside. */
export function resolveTenantByHost(db: Db): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const domain = await db.firmDomain.findUnique({ where: { domain: req.hostname.toLowerCase() }, include: { firm: true } });
    if (!domain) return next("router");
    req.tenant = { firm: domain.firm, basePath: "/portal", viaCustomDomain: true };
    return next();
  };
}
