import { csrfSync } from "csrf-sync";
import type { Request } from "express";

/**
 * CSRF protection for every state-changing form: the synchronizer-token pattern from csrf-sync, with the
 * token kept in the session and sent back in a hidden `_csrf` field (or an x-csrf-token header for scripts).
 */
const sync = csrfSync({
  size: 32,
  getTokenFromRequest: (req: Request) => {
    const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
    return typeof fromBody === "string" ? fromBody : req.get("x-csrf-token");
  },
});

export const csrfProtection = sync.csrfSynchronisedProtection;
export const isCsrfError = (error: unknown) => error === sync.invalidCsrfTokenError;

/** The session's token, created on first use. */
export function csrfToken(req: Request): string {
  return sync.generateToken(req, false);
}
