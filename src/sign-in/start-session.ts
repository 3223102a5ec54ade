import type { Request } from "express";
import type { SessionUser } from "../platform/http/request-state";
import { asError } from "../platform/errors";

/**
 * Sign someone in on a new session (passport 0.7 regenerates the id), stamped with the time, so a later
 * password reset can end it by moving the account's sessionsValidAfter past this time. The stamp works the
 * same with sessions in PostgreSQL or Redis: no store needs to be searched for "this account's sessions".
 */
export function startSession(req: Request, user: SessionUser, now: () => number = Date.now): Promise<void> {
  return new Promise((resolve, reject) => {
    req.logIn(user, (error) => {
      if (error) return reject(asError(error));
      req.session.signedInAt = now();
      resolve();
    });
  });
}
