import type { Request, Response } from "express";
import { Passport } from "passport";
import { Strategy as LocalStrategy } from "passport-local";
import type { IVerifyOptions, VerifyFunctionWithRequest } from "passport-local";
import type { RequestOrigin, SessionUser } from "../platform/http/request-state";
import { originOf } from "../platform/http/request-state";
import { asError } from "../platform/errors";
import type { AuthDeps } from "./use-cases/authenticate-portal-account";
import { signInWithPassword } from "./use-cases/sign-in-with-password";
import type { AccountDeps } from "../accounts/change-account";
import type { SignInFailure } from "./use-cases/sign-in-with-password";

export type PortalPassport = InstanceType<typeof Passport>;
export type Audience = "client" | "staff";

/** What a strategy's failure carries: passport wants a message; the page wants the use-case's failure. */
type FailureInfo = IVerifyOptions & { failure: SignInFailure };

/** The passport-local strategy of each sign-in page. */
export const passwordStrategy = { client: "client-password", staff: "staff-password" } as const;

/**
 * Passport keeps who is signed in on the session (and regenerates the session id at sign-in, startSession). One
 * instance per app (no global state, so tests can run several apps in one process). The session holds only
 * { kind, id, firmId }; the account is re-read and checked against the request's firm on every request
 * (portal/load-principal.ts).
 *
 * Sign-in is passport-local: one strategy for clients and one for staff, each a thin adapter whose verify callback
 * hands the two form fields to the use-case (use-cases/sign-in-with-password.ts: limits, the password, the audit
 * trail) and passes its answer on. The failure is the use-case's value, so the page can say why.
 */
export function createPassport(deps: AuthDeps & Pick<AccountDeps, "sessionVersions"> & { now?: () => number }): PortalPassport {
  const now = deps.now ?? Date.now;
  const passport = new Passport();
  passport.serializeUser((user, done) => done(null, { kind: user.kind, id: user.id, firmId: user.firmId }));
  passport.deserializeUser((stored: SessionUser, done) => done(null, stored));
  for (const audience of ["client", "staff"] as const) {
    const verify: VerifyFunctionWithRequest = (req, emailTyped, password, done) => {
      if (!req.tenant) return done(new Error("sign-in strategy used outside a portal route"));
      const origin: RequestOrigin = originOf(req);
      signInWithPassword(deps, { firm: req.tenant.firm, audience, emailTyped, password, origin, now: new Date(now()) }).then((result) => {
        if (result.ok) return done(null, result.value);
        const info: FailureInfo = { message: result.error.code, failure: result.error };
        done(null, false, info);
      }, done);
    };
    passport.use(passwordStrategy[audience], new LocalStrategy({ usernameField: "email", passwordField: "password", passReqToCallback: true }, verify));
  }
  return passport;
}

/** passport.authenticate with a custom callback, as a promise: the signed-in user, or the use-case's failure. */
export function authenticate(passport: PortalPassport, audience: Audience, req: Request, res: Response): Promise<{ ok: true; user: SessionUser } | { ok: false; failure: SignInFailure }> {
  return new Promise((resolve, reject) => {
    const callback = (error: unknown, user: SessionUser | false, info: Partial<FailureInfo> | undefined) => {
      if (error) return reject(asError(error));
      if (user) return resolve({ ok: true, user });
      // The handler checks both fields are present first, so passport-local's own "Missing credentials" never comes.
      resolve({ ok: false, failure: info?.failure ?? { code: "credentials_invalid" } });
    };
    passport.authenticate(passwordStrategy[audience], callback)(req, res, (error: unknown) => reject(error));
  });
}
