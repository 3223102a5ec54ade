import type { Request } from "express";
import type { SessionUser } from "../platform/http/request-state";

declare module "express-session" {
  interface SessionData {
    /** When this session signed in (ms). A session older than its account's sessionsValidAfter has ended. */
    signedInAt?: number;
  }
}

/**
 * Sign someone in on a new session (passport 0.7 regenerates the id), stamped with the time, so a later
 * password reset can end it by moving the account's sessionsValidAfter past this time. The stamp works the
 * same with sessions in PostgreSQL or Redis: no store needs to be searched for "this account's sessions".
 */
export function startSession(req: Request, user: SessionUser, now: () => number = Date.now): Promise<void> {
  return new Promise((resolve, reject) => {
    req.logIn(user, (error) => {
      if (error) return reject(error instanceof Error ? error : new Error(String(error)));
      req.session.signedInAt = now();
      resolve();
    });
  });
}

/** Whether a session signed in at `signedInAt` is still valid for an account with this cut-off. */
export function sessionStillValid(sessionsValidAfter: Date | null, signedInAt: number | undefined): boolean {
  return !sessionsValidAfter || (signedInAt ?? 0) >= sessionsValidAfter.getTime();
}
