import type { Request, RequestHandler, Response } from "express";
import type { Logger } from "../../platform/logger";
import type { Tenant } from "../../platform/http/request-state";
import { normalizeEmail } from "../../../connectors/shared/normalize-email";
import { csrfToken } from "../../platform/http/csrf";
import { formatClockUtc, formatDuration } from "../../platform/format-time";
import { checkEmailPage, emailRequestPage } from "./email-request-page";
import type { LinkRouteDeps } from "./link-route";
import { formField } from "./link-route";
import type { LinkRequestLimits } from "../link-request-limits";
import type { RequestedLink } from "../use-cases/send-requested-link";
import { sendRequestedLink, sendStaffReset } from "../use-cases/send-requested-link";

export interface EmailRequestDeps extends LinkRouteDeps {
  limits: LinkRequestLimits;
  logger: Logger;
}

export interface EmailRequestWords {
  requested: RequestedLink;
  /** The URL segment of the form: "forgot", "magic", "confirm", "admin/forgot". */
  path: string;
  /** Whose accounts the address is looked up in: clients' (default) or the staff console's. */
  audience?: "client" | "staff";
  title: string;
  intro: string;
  button: string;
}

/**
 * GET shows the form; POST answers "check your email" with the same bytes and status whether or not the
 * address has an account, then does the work after the response is sent, so the response time does not
 * tell either (OWASP Forgot Password Cheat Sheet; ASVS 6.3.8). Both requests count against the same limits.
 */
export function emailRequestHandlers(deps: EmailRequestDeps, words: EmailRequestWords): { show: RequestHandler; submit: RequestHandler } {
  const signInUrl = (tenant: Tenant) => `${tenant.basePath}/${words.audience === "staff" ? "admin/login" : "login"}`;
  const form = (req: Request, res: Response, status: number, alert?: string) => {
    const tenant = req.tenant as Tenant;
    res.status(status).type("html").send(
      emailRequestPage({ ...words, firmName: tenant.firm.name, signInUrl: signInUrl(tenant), action: `${tenant.basePath}/${words.path}`, csrfToken: csrfToken(req), alert }),
    );
  };
  const show: RequestHandler = (req, res) => form(req, res, 200);
  const submit: RequestHandler = async (req, res) => {
    const tenant = req.tenant as Tenant;
    const email = normalizeEmail(formField(req, "email"));
    if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 320) return form(req, res, 400, "Enter the email address your account uses, like name@example.com.");
    const limit = await deps.limits.hit(tenant.firm.id, email, req.ip ?? "unknown");
    if (!limit.ok) {
      const wait = formatDuration(limit.until.getTime() - Date.now());
      return form(req, res, 429, `Too many emails were asked for. Wait until ${formatClockUtc(limit.until)} (${wait}) and try again; any email already sent still works.`);
    }
    res.status(200).type("html").send(checkEmailPage({ firmName: tenant.firm.name, signInUrl: signInUrl(tenant) }));
    const firm = tenant.firm;
    const where = { firmId_email: { firmId: firm.id, email } };
    const issuedBy = `self-service:${words.path}`;
    void (words.audience === "staff"
      ? deps.db.staffAccount.findUnique({ where }).then((staff) => sendStaffReset(deps, firm, staff, issuedBy))
      : deps.db.portalAccount.findUnique({ where }).then((account) => sendRequestedLink(deps, firm, account, words.requested, issuedBy))
    )
      .catch((error: unknown) => deps.logger.error({ module: "links", err: error, firmId: firm.id }, "could not send a requested link"));
  };
  return { show, submit };
}
