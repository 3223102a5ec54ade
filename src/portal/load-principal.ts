import type { NextFunction, Request, RequestHandler, Response } from "express";
import { sessionStillValid } from "../accounts/account-sessions";
import type { FindSessionAccount } from "../accounts/find-session-account";
import type { SessionAccount, SessionUser } from "../platform/http/request-state";

/**
 * Turn the session's { kind, id, firmId } into the request's Principal, checked every time:
 * the session must be bound to this request's firm (by immutable id, whatever the cookie path), and the
 * account must still be active, and the session must have signed in after the account's sessionsValidAfter
 * (a password reset or "sign out everywhere" ends every earlier session). Anything else is anonymous here, and
 * such a session ends. The account is the one the session store read with the session (accounts/session-accounts.ts:
 * current by construction), or read here when the store could not bring it.
 */
export function loadPrincipal(findSessionAccount: FindSessionAccount): RequestHandler {
  return async (req: Request, _res: Response, next: NextFunction) => {
    req.principal = { kind: "anonymous" };
    const user = req.user;
    const tenant = req.tenant;
    if (!user || !tenant || user.firmId !== tenant.firm.id) return next();
    const read = broughtAlong(req.sessionAccount, user) ?? (await findSessionAccount(user));
    const signedInAt = req.session.signedInAt;
    let because: "access_off" | "sessions_ended" | undefined;
    if (read.kind === "portal" && read.account) {
      const account = read.account;
      if (account.firmId === tenant.firm.id && account.status === "active" && sessionStillValid(account.sessionsValidAfter, signedInAt)) {
        req.principal = { kind: "portalAccount", account, firm: tenant.firm };
        return next();
      }
      // Told on the sign-in page the client is sent to, so that being signed out is not a mystery.
      if (account.firmId === tenant.firm.id) because = account.status === "disabled" ? "access_off" : "sessions_ended";
    } else if (read.kind === "staff" && read.account) {
      const staff = read.account;
      if (staff.firmId === tenant.firm.id && staff.status === "active" && sessionStillValid(staff.sessionsValidAfter, signedInAt)) {
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

/** The store's read, when it is of this session's own account (the id's owner and passport's user agree). */
function broughtAlong(read: SessionAccount | undefined, user: SessionUser): SessionAccount | undefined {
  return read && read.kind === user.kind && read.id === user.id ? read : undefined;
}
