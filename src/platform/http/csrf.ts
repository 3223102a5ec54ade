import crypto from "node:crypto";
import { doubleCsrf } from "csrf-csrf";
import type { NextFunction, Request, Response } from "express";

/** Middleware that runs to completion synchronously (so it fits every handler chain's type). */
export type Middleware = (req: Request, res: Response, next: NextFunction) => void;

/** The cookie that holds the CSRF token. */
const CSRF_COOKIE = "portal.csrf";
const CSRF_ERROR_CODE = "EBADCSRFTOKEN";

/**
 * CSRF protection for every state-changing form: csrf-csrf's signed double-submit cookie. The token is an HMAC
 * (keyed by a secret derived from the session secret) over a random value and, once someone is signed in, the
 * session id; the same token goes into an HttpOnly cookie and the form's hidden `_csrf` field (or an
 * x-csrf-token header), and a POST is accepted only when both are there, equal, and the HMAC checks out for
 * this session. Keeping the token in a cookie instead of the session means an anonymous visitor who only looks
 * at a sign-in or "email me a link" page stores nothing on the server: a session is created at sign-in
 * (regenerated, so a planted id never carries a login), not by a page view.
 */
export function createCsrf(sessionSecret: string): { attach: Middleware; csrfProtection: Middleware } {
  const secret = crypto.createHmac("sha256", sessionSecret).update("csrf-token-key").digest("hex");
  const csrf = doubleCsrf({
    getSecret: () => secret,
    // Signed in: the token only works with this session. Anonymous: no session exists to bind it to.
    getSessionIdentifier: (req) => (req.user ? req.sessionID : ""),
    cookieName: CSRF_COOKIE,
    // Secure is decided per response (over HTTPS only), like the session cookie's "auto".
    cookieOptions: { sameSite: "lax", path: "/", secure: false, httpOnly: true },
    errorConfig: { statusCode: 403, message: "invalid csrf token", code: CSRF_ERROR_CODE },
    getCsrfTokenFromRequest: (req) => {
      const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
      return typeof fromBody === "string" ? fromBody : req.get("x-csrf-token");
    },
  });
  return {
    // Handlers ask for a token with csrfToken(req) below; this gives them the response to set its cookie on.
    attach: (req: Request, res: Response, next: NextFunction) => {
      req.csrfToken = () => csrf.generateCsrfToken(req, res, { cookieOptions: { secure: req.secure } });
      next();
    },
    csrfProtection: (req: Request, _res: Response, next: NextFunction) => next(csrf.validateRequest(req) ? undefined : csrf.invalidCsrfTokenError),
  };
}

/** A refused token (the error handler answers the catalogue's csrf_invalid). */
export const isCsrfError = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === CSRF_ERROR_CODE;

/** The token for a form on this page (the same one again while its cookie is valid for this session). */
export function csrfToken(req: Request): string {
  if (!req.csrfToken) throw new Error("csrf: the app did not attach a token generator (createCsrf().attach)");
  return req.csrfToken();
}
