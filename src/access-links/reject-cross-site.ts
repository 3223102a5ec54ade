import type { NextFunction, Request, Response } from "express";
import type { Config } from "../../config";
import { HttpError } from "../platform/errors";
import { publicBaseUrl } from "../platform/http/public-url";

/**
 * CSRF protection for link forms (claim, reset, magic, confirm) that works with no cookie at all: phones'
 * in-app browsers often drop the cookie between the GET and the POST, and link pages do not start a session.
 * The token in the URL proves who may use the link; what remains is a cross-site page posting a link of the
 * attacker's own to sign a victim into the attacker's account (login CSRF). So: refuse any POST the browser
 * says came from another site. Sec-Fetch-Site is decisive where sent (all current browsers); otherwise an
 * Origin or Referer from another origin is refused. "Origin: null" (sent under Referrer-Policy: no-referrer)
 * and no header at all are allowed, since old browsers and webviews send nothing else.
 */
export function rejectCrossSite(config: Config) {
  const publicOrigin = new URL(publicBaseUrl(config)).origin;
  return (req: Request, _res: Response, next: NextFunction): void => {
    const fetchSite = req.get("sec-fetch-site");
    if (fetchSite) return next(fetchSite === "same-origin" || fetchSite === "none" ? undefined : new HttpError("cross_site_refused"));
    const requestOrigin = `${req.protocol}://${req.get("host") ?? ""}`;
    const sameOrigin = (value: string): boolean => {
      try {
        const origin = new URL(value).origin;
        return origin === requestOrigin || origin === publicOrigin;
      } catch {
        return false;
      }
    };
    const origin = req.get("origin");
    if (origin && origin !== "null") return next(sameOrigin(origin) ? undefined : new HttpError("cross_site_refused"));
    const referer = req.get("referer");
    if (referer) return next(sameOrigin(referer) ? undefined : new HttpError("cross_site_refused"));
    next();
  };
}
