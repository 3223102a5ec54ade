import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Db } from "../platform/db/prisma";
import { sessionStillValid } from "../accounts/account-sessions";
import type { FindSessionAccount } from "../accounts/find-session-account";

/**
 * Turn the session's { kind, id, firmId } into the request's Principal, checked every time:
 * the session must be bound to this request's firm (by immutable id, whatever the cookie path), and the
 * account must still be active, and the session must have signed in after the account's sessionsValidAfter
 * (a password reset ends every earlier session). Anything else is anonymous here, and such a session ends.
 */
export function loadPrincipal(db: Db, findSessionAccount: FindSessionAccount): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    req.principal = { kind: "anonymous" };
    const user = req.user;
    const tenant = req.tenant;
    if (!user || !tenant || user.firmId !== tenant.firm.id) return next();
    let because: "access_off" | "password_changed" | undefined;
    if (user.kind === "portal") {
      const account = await findSessionAccount(user.id);
      if (account && account.firmId === tenant.firm.id && account.status === "active" && sessionStillValid(account.sessionsValidAfter, req.session.signedInAt)) {
        req.principal = { kind: "portalAccount", account, firm: tenant.firm };
        return next();
      }
      // Told on the sign-in page the client is sent to, so that being signed out is not a mystery.
      if (account?.firmId === tenant.firm.id) because = account.status === "disabled" ? "access_off" : "password_changed";
    } else {
      const staff = await db.staffAccount.findUnique({ where: { id: user.id } });
      if (staff && staff.firmId === tenant.firm.id && staff.status === "active" && sessionStillValid(staff.sessionsValidAfter, req.session.signedInAt)) {
        req.principal = { kind: "staff", staff, firm: tenant.firm };
        return next();
      }
    }
    // The account is gone or disabled: end the session rather than keep a dead login around.
    return req.logout({ keepSessionInfo: false }, (err) => {
      if (!err && because) req.session.signedOutBecause = because;
      next(err);
    });
  };
}
