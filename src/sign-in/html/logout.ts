import type { NextFunction, Request, Response } from "express";

export const SESSION_COOKIE = "portal.sid";

/** POST /portal/{slug}/logout: the session is destroyed server-side, not just forgotten by the browser. */
export function logout(req: Request, res: Response, next: NextFunction): void {
  const basePath = req.tenant?.basePath ?? "";
  req.logout((err) => {
    if (err) return next(err);
    req.session.destroy((destroyError) => {
      if (destroyError) return next(destroyError);
      res.clearCookie(SESSION_COOKIE, { path: "/" });
      res.redirect(303, `${basePath}/login?signed_out=1`);
    });
  });
}
