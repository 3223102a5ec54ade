import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { FirmDirectory } from "../firms/firm-directory";
import { z } from "zod";
import { HttpError } from "../platform/errors";
import { readParams, text } from "../platform/http/parse-input";

const slugParams = z.object({ slug: text });

/**
 * Which firm a request is for. Two ways in:
 * - by slug, at /portal/{slug}/...; an old slug redirects to the current one (links outlive slug changes);
 * - by Host, on a firm's custom domain, at /portal/... without the slug.
 * An unknown slug is a 404 page, and a slug of firm B under firm A's custom domain is the same 404. A firm the
 * operator turned off (`npm run cli -- firm disable`) answers "not available" on every page, console included.
 */
export function resolveTenantBySlug(directory: FirmDirectory): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const typed = readParams(req, slugParams).slug;
    const slug = typed.toLowerCase();
    const [hostFirm, found] = await Promise.all([directory.byHost(req.hostname.toLowerCase()), directory.bySlug(slug)]);
    if (!found) return next(new HttpError("portal_not_found"));
    const firm = "firm" in found ? found.firm : found.redirectTo;
    if (hostFirm && hostFirm.id !== firm.id) return next(new HttpError("portal_not_found"));
    if ("redirectTo" in found) {
      // 308 keeps the method and body, so a form posted to an old-slug URL still arrives.
      const rest = req.originalUrl.slice(`/portal/${typed}`.length);
      return res.redirect(req.method === "GET" || req.method === "HEAD" ? 301 : 308, `/portal/${firm.slug}${rest}`);
    }
    req.tenant = { firm, basePath: `/portal/${firm.slug}`, viaCustomDomain: false };
    return next(firm.disabledAt ? new HttpError("portal_unavailable") : undefined);
  };
}

/** On a firm's custom domain, /portal/... is that firm's portal; elsewhere this router steps aside. */
export function resolveTenantByHost(directory: FirmDirectory): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const firm = await directory.byHost(req.hostname.toLowerCase());
    if (!firm) return next("router");
    req.tenant = { firm, basePath: "/portal", viaCustomDomain: true };
    return next(firm.disabledAt ? new HttpError("portal_unavailable") : undefined);
  };
}
