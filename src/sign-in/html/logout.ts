import type { Handler } from "../../platform/http/portal-router";
import { SESSION_COOKIE } from "../../platform/session-store";

/** POST /portal/{slug}/logout: the session is destroyed server-side, not just forgotten by the browser. */
export const logout: Handler = (req, res, next) => {
  const { basePath } = req.tenant;
  req.logout((err) => {
    if (err) return next(err);
    req.session.destroy((destroyError) => {
      if (destroyError) return next(destroyError);
      res.clearCookie(SESSION_COOKIE, { path: "/" });
      res.redirect(303, `${basePath}/login?signed_out=1`);
    });
  });
};
