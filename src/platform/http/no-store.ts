import type { NextFunction, Request, Response } from "express";

/**
 * Cache-Control: no-store on every answer. Nearly everything the gateway serves belongs to one session (a client's
 * projects, budget included; a console page; a link shown once) or carries a token, and after Sign out the
 * browser's Back button must not show it from its cache. The rest (the landing page, health) loses nothing by it,
 * and one app-wide rule cannot miss a page added later.
 */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.set("Cache-Control", "no-store");
  next();
}
