import type { NextFunction, Request, Response } from "express";
import type { Logger } from "../logger";
import type { ServiceHealth } from "../service-health";
import { errorCatalogue, HttpError } from "../errors";
import type { ErrorCode } from "../errors";
import { errorPage } from "../html/error-page";
import { isCsrfError } from "./csrf";
import { redactUrl } from "./redact-url";

export const wantsJson = (req: Request): boolean => req.accepts(["html", "json"]) === "json";

/**
 * One error shape for everyone, from the catalogue: an HTML page (its title and message) for browsers,
 * `{ error: { code, message } }` for API clients. `message` replaces the catalogue's where a view has more
 * to say (the firm's name, until when).
 */
export function sendError(req: Request, res: Response, code: ErrorCode, message: string = errorCatalogue[code].message): void {
  res.status(errorCatalogue[code].status);
  if (wantsJson(req)) {
    res.json({ error: { code, message } });
    return;
  }
  // An error can come before the firm is known (an unknown slug, a malformed body): the page then names none.
  const tenant = req.tenant;
  const homeHref = code !== "portal_not_found" && code !== "portal_unavailable" && tenant ? `${tenant.basePath}/login` : undefined;
  res.type("html").send(errorPage({ title: errorCatalogue[code].title, message, firmName: tenant ? tenant.firm.name : undefined, homeHref }));
}

export function notFound(req: Request, res: Response): void {
  sendError(req, res, req.path.startsWith("/portal/") && !req.tenant ? "portal_not_found" : "not_found");
}

/**
 * Maps what can go wrong to the catalogue. Bugs are logged with the request id and shown as internal_error. The
 * database or Redis not answering is service_unavailable (503), logged once per outage by `health`, not per request.
 */
export function errorHandler(logger: Logger, health: ServiceHealth) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) return;
    if (error instanceof HttpError) return sendError(req, res, error.code, error.message);
    if (isCsrfError(error)) return sendError(req, res, "csrf_invalid");
    const status = (error as { status?: number; type?: string } | null)?.status;
    if (status === 400 || status === 413 || status === 415) {
      // body-parser: malformed or oversized bodies are the sender's to fix, never a 500.
      return sendError(req, res, "validation_failed", status === 413 ? "What was sent is too large." : undefined);
    }
    const unavailable = health.unavailable(error);
    if (unavailable) {
      health.down(unavailable, error);
      res.set("Retry-After", "30");
      return sendError(req, res, "service_unavailable");
    }
    logger.error({ err: error, method: req.method, url: redactUrl(req.originalUrl) }, "unhandled error");
    sendError(req, res, "internal_error");
  };
}
