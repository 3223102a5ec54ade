import { Passport } from "passport";
import { Strategy as LocalStrategy } from "passport-local";
import type { SessionUser } from "../platform/http/request-state";
import { authenticatePortalAccount } from "./use-cases/authenticate-portal-account";
import type { AuthDeps, AuthOutcome } from "./use-cases/authenticate-portal-account";

export interface AuthInfo {
  message: string;
  outcome: AuthOutcome;
}

/**
 * One Passport instance per app (no global state, so tests can run several apps in one process).
 * The session holds only { kind, id, firmId }; the account is re-read and checked against the request's
 * firm on every request (src/middleware/load-principal.ts), so a disabled account or a session from
 * another firm never gets through.
 */
export type PortalPassport = InstanceType<typeof Passport>;

export function createPassport(deps: AuthDeps): PortalPassport {
  const passport = new Passport();
  passport.use(
    "portal-local",
    new LocalStrategy({ usernameField: "email", passwordField: "password", passReqToCallback: true }, (req, email, password, done) => {
      const firm = req.tenant?.firm;
      if (!firm) return done(new Error("portal-local strategy used outside a tenant route"));
      authenticatePortalAccount(deps, firm, email, password, req.ip ?? "unknown")
        .then((outcome: AuthOutcome) => {
          // passport-local wants `info` to carry a message; the outcome rides along for the controller.
          const info: AuthInfo = { message: outcome.ok ? "success" : outcome.reason, outcome };
          if (!outcome.ok) return done(null, false, info);
          const user: SessionUser = { kind: "portal", id: outcome.account.id, firmId: firm.id };
          return done(null, user, info);
        })
        .catch(done);
    }),
  );
  passport.serializeUser((user, done) => done(null, { kind: user.kind, id: user.id, firmId: user.firmId }));
  passport.deserializeUser((stored: SessionUser, done) => done(null, stored));
  return passport;
}
