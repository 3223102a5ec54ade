import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { AuthInfo, PortalPassport } from "../passport";
import type { Db } from "../../platform/db/prisma";
import type { AuthOutcome } from "../use-cases/authenticate-portal-account";
import { recordSignIn } from "../record-sign-in";
import { startSession } from "../start-session";
import { csrfToken } from "../../platform/http/csrf";
import { loginPage } from "./login-page";
import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { formatClockUtc, formatDuration } from "../../platform/format-time";
import type { SessionUser, Tenant } from "../../platform/http/request-state";

export const INCORRECT_CREDENTIALS = "Incorrect email or password.";

function renderLogin(req: Request, res: Response, status: number, extra: { alert?: string | SafeHtml; notice?: string } = {}): void {
  const tenant = req.tenant as Tenant;
  res.status(status).type("html").send(loginPage({ firmName: tenant.firm.name, basePath: tenant.basePath, csrfToken: csrfToken(req), ...extra }));
}

/** GET /portal/{slug}/login */
export function showLogin(req: Request, res: Response): void {
  if (req.principal?.kind === "portalAccount") return res.redirect(303, `${req.tenant?.basePath}/`);
  renderLogin(req, res, 200, { notice: req.query.signed_out === "1" ? "You have signed out." : undefined });
}

/** What a failed attempt shows. Wrong password, unknown email and unclaimed invite read exactly alike. */
function failureResponse(outcome: Exclude<AuthOutcome, { ok: true }>, req: Request, now: number): { status: number; alert: string | SafeHtml } {
  const tenant = req.tenant as Tenant;
  switch (outcome.reason) {
    case "fail_password":
    case "fail_unknown_email":
    case "fail_not_claimed":
      return { status: 401, alert: INCORRECT_CREDENTIALS };
    case "fail_locked":
      return {
        status: 429,
        alert: html`Too many failed sign-in attempts for this email. For your security, signing in with it is paused until ${formatClockUtc(outcome.until)}
          (in ${formatDuration(outcome.until.getTime() - now)}), even with the right password.
          You can <a href="${tenant.basePath}/forgot">reset your password</a> meanwhile.`,
      };
    case "fail_ip_limited":
      return {
        status: 429,
        alert: `Too many failed sign-in attempts from your network. Try again after ${formatClockUtc(outcome.until)} (in ${formatDuration(outcome.until.getTime() - now)}).`,
      };
    case "fail_disabled":
      return {
        status: 403,
        alert: `Your access to ${tenant.firm.name}'s portal is turned off. Contact ${tenant.firm.name} and ask them to turn it back on.`,
      };
    case "fail_unconfirmed":
      return {
        status: 403,
        alert: html`Please confirm your email address first: we sent a confirmation link to ${outcome.account.email}.
          Can't find it? <a href="${tenant.basePath}/confirm">Send a new confirmation email</a>.`,
      };
  }
}

/** POST /portal/{slug}/login */
export function submitLogin(deps: { db: Db; passport: PortalPassport; now?: () => number }): RequestHandler {
  const now = deps.now ?? Date.now;
  return (req: Request, res: Response, next: NextFunction) => {
    const tenant = req.tenant as Tenant;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const emailTyped = typeof body.email === "string" ? body.email : "";
    const password = typeof body.password === "string" ? body.password : "";
    if (!emailTyped.trim() || !password) return renderLogin(req, res, 400, { alert: "Enter your email and your password." });

    deps.passport.authenticate("portal-local", (err: unknown, user: SessionUser | false, info: AuthInfo | undefined) => {
      const outcome = info?.outcome;
      if (err) return next(err);
      if (!outcome) return next(new Error("portal-local returned no outcome"));
      if (!user || !outcome.ok) {
        const failed = outcome as Exclude<AuthOutcome, { ok: true }>;
        const shown = failureResponse(failed, req, now());
        return recordSignIn(deps.db, req, { firmId: tenant.firm.id, emailTyped, reason: failed.reason, portalAccountId: failed.account?.id })
          .then(() => renderLogin(req, res, shown.status, { alert: shown.alert }))
          .catch(next);
      }
      // passport 0.7 regenerates the session here: a session id from before sign-in never carries a login.
      // startSession also stamps the sign-in time, which a later password reset uses to end this session.
      startSession(req, user)
        .then(() =>
          Promise.all([
            recordSignIn(deps.db, req, { firmId: tenant.firm.id, emailTyped, reason: "success", portalAccountId: user.id }),
            deps.db.portalAccount.update({ where: { id: user.id }, data: { lastSignInAt: new Date(now()) } }),
          ]),
        )
        .then(() => res.redirect(303, `${tenant.basePath}/`))
        .catch(next);
    })(req, res, next);
  };
}
