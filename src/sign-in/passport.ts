import { Passport } from "passport";
import type { SessionUser } from "../platform/http/request-state";

export type PortalPassport = InstanceType<typeof Passport>;

/**
 * Passport keeps who is signed in on the session (and regenerates the session id at sign-in, startSession). One
 * instance per app (no global state, so tests can run several apps in one process). The session holds only
 * { kind, id, firmId }; the account is re-read and checked against the request's firm on every request
 * (portal/load-principal.ts). The password itself is checked by use-cases/sign-in-with-password.ts, which the
 * sign-in handlers call directly: a passport strategy would only have read the same two form fields.
 */
export function createPassport(): PortalPassport {
  const passport = new Passport();
  passport.serializeUser((user, done) => done(null, { kind: user.kind, id: user.id, firmId: user.firmId }));
  passport.deserializeUser((stored: SessionUser, done) => done(null, stored));
  return passport;
}
