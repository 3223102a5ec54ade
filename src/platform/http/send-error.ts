import type { NextFunction, Request, Response } from "express";
import type { Logger } from "../logger";
import { errorCatalogue, HttpError } from "../errors";
import type { ErrorCode } from "../errors";
import { errorPage } from "../html/error-page";
import { isCsrfError } from "./csrf";
import { redactUrl } from "./redact-url";

const titles: Record<ErrorCode, string> = {
  portal_not_found: "Portal not found",
  not_found: "Page not found",
  sign_in_required: "Sign in required",
  csrf_invalid: "Please try again",
  validation_failed: "Please check what you entered",
  rate_limited: "Too many attempts",
  cross_site_refused: "Please open the link again",
  link_not_valid: "This link is not valid",
  link_wrong_firm: "This link belongs to a different portal",
  link_expired: "This link expired",
  link_used: "This link was already used",
  link_superseded: "A newer link was sent",
  link_revoked: "This link no longer works",
  link_locked: "This invite is locked",
  account_disabled: "Access turned off",
  identity_record_missing: "Your record needs a detail first",
  service_unavailable: "Temporarily unavailable",
  access_refused: "Access turned off",
  psa_unavailable: "Project information unavailable",
  webhook_signature_invalid: "Webhook signature does not match",
  webhook_not_supported: "Webhooks not supported",
  internal_error: "Something went wrong",
};

/** One error shape for everyone: an HTML page for browsers, `{ error: { code, message } }` for API clients. */
export function sendError(req: Request, res: Response, code: ErrorCode, message: string = errorCatalogue[code].message): void {
  res.status(errorCatalogue[code].status);
  if (req.accepts(["html", "json"]) === "json") {
    res.json({ error: { code, message } });
    return;
  }
  const homeHref = code !== "portal_not_found" && req.tenant ? `${req.tenant.basePath}/login` : undefined;
  res.type("html").send(errorPage({ title: titles[code], message, firmName: req.tenant?.firm.name, homeHref }));
}

export function notFound(req: Request, res: Response): void {
  sendError(req, res, req.path.startsWith("/portal/") && !req.tenant ? "portal_not_found" : "not_found");
}

/** Maps what can go wrong to the catalogue. Bugs are logged with the request id and shown as internal_error. */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) return;
    if (error instanceof HttpError) return sendError(req, res, error.code, error.message);
    if (isCsrfError(error)) return sendError(req, res, "csrf_invalid");
    const status = (error as { status?: number; type?: string } | null)?.status;
    if (status === 400 || status === 413 || status === 415) {
      // body-parser: malformed or oversized bodies are the sender's to fix, never a 500.
      return sendError(req, res, "validation_failed", status === 413 ? "What was sent is too large." : undefined);
    }
    logger.error({ err: error, method: req.method, url: redactUrl(req.originalUrl) }, "unhandled error");
    sendError(req, res, "internal_error");
  };
}
