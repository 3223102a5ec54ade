import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { PortalPassport } from "../passport";
import type { StaffAuthInfo } from "../staff-strategy";
import { startSession } from "../start-session";
import type { Db } from "../../platform/db/prisma";
import { csrfToken } from "../../platform/http/csrf";
import { recordSignIn } from "../record-sign-in";
import { formatClockUtc } from "../../platform/format-time";
import { staffLoginPage } from "../../console/html/console-pages";
import type { SessionUser, Tenant } from "../../platform/http/request-state";
import { INCORRECT_CREDENTIALS } from "./login";

function render(req: Request, res: Response, status: number, alert?: string): void {
  const tenant = req.tenant as Tenant;
  res.status(status).type("html").send(staffLoginPage({ firmName: tenant.firm.name, basePath: tenant.basePath, csrfToken: csrfToken(req), alert }));
}

/** GET /portal/{slug}/admin/login */
export function showStaffLogin(req: Request, res: Response): void {
  if (req.principal?.kind === "staff") return res.redirect(303, `${req.tenant?.basePath}/admin`);
  render(req, res, 200);
}

/** POST /portal/{slug}/admin/login: "staff-local" over StaffAccount; the same audit trail and lockout as clients. */
export function submitStaffLogin(deps: { db: Db; passport: PortalPassport }): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const tenant = req.tenant as Tenant;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const emailTyped = typeof body.email === "string" ? body.email : "";
    if (!emailTyped.trim() || typeof body.password !== "string" || !body.password) return render(req, res, 400, "Enter your email and your password.");
    deps.passport.authenticate("staff-local", (err: unknown, user: SessionUser | false, info: StaffAuthInfo | undefined) => {
      const outcome = info?.outcome;
      if (err) return next(err);
      if (!outcome) return next(new Error("staff-local returned no outcome"));
      if (!user || !outcome.ok) {
        const failed = outcome as Exclude<typeof outcome, { ok: true }>;
        const shown =
          failed.reason === "fail_locked" || failed.reason === "fail_ip_limited"
            ? { status: 429, alert: `Too many failed sign-in attempts. Try again after ${formatClockUtc(failed.until)}.` }
            : failed.reason === "fail_disabled"
              ? { status: 403, alert: "Your staff access is turned off. Ask your firm's portal owner." }
              : { status: 401, alert: INCORRECT_CREDENTIALS };
        return recordSignIn(deps.db, req, { firmId: tenant.firm.id, emailTyped, reason: failed.reason, staffAccountId: failed.account?.id, detail: "staff sign-in" })
          .then(() => render(req, res, shown.status, shown.alert))
          .catch(next);
      }
      startSession(req, user)
        .then(() =>
          Promise.all([
            recordSignIn(deps.db, req, { firmId: tenant.firm.id, emailTyped, reason: "success", staffAccountId: user.id, detail: "staff sign-in" }),
            deps.db.staffAccount.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } }),
          ]),
        )
        .then(() => res.redirect(303, `${tenant.basePath}/admin`))
        .catch(next);
    })(req, res, next);
  };
}
