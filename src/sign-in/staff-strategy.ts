import { Strategy as LocalStrategy } from "passport-local";
import type { SessionUser } from "../platform/http/request-state";
import type { AuthDeps } from "./use-cases/authenticate-portal-account";
import type { StaffAuthOutcome } from "./use-cases/authenticate-staff-account";
import { authenticateStaffAccount } from "./use-cases/authenticate-staff-account";
import type { PortalPassport } from "./passport";

export interface StaffAuthInfo {
  message: string;
  outcome: StaffAuthOutcome;
}

/** Adds "staff-local" (email + password against StaffAccount) beside "portal-local" on the app's Passport. */
export function registerStaffStrategy(passport: PortalPassport, deps: AuthDeps): void {
  passport.use(
    "staff-local",
    new LocalStrategy({ usernameField: "email", passwordField: "password", passReqToCallback: true }, (req, email, password, done) => {
      const firm = req.tenant?.firm;
      if (!firm) return done(new Error("staff-local strategy used outside a tenant route"));
      authenticateStaffAccount(deps, firm, email, password, req.ip ?? "unknown")
        .then((outcome) => {
          const info: StaffAuthInfo = { message: outcome.ok ? "success" : outcome.reason, outcome };
          if (!outcome.ok) return done(null, false, info);
          const user: SessionUser = { kind: "staff", id: outcome.account.id, firmId: firm.id };
          return done(null, user, info);
        })
        .catch(done);
    }),
  );
}
