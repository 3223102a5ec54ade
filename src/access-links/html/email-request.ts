import type { Response } from "express";
import { z } from "zod";
import { formatDuration } from "../../platform/formatting";
import { formatterFor } from "../../firms/firm-presentation";
import { csrfToken } from "../../platform/http/csrf";
import { readForm, text } from "../../platform/http/parse-input";
import type { Handler, PortalRequest } from "../../platform/http/portal-router";
import type { Logger } from "../../platform/logger";
import type { LinkRequestLimits } from "../link-request-limits";
import { requestLinkByEmail } from "../use-cases/request-link-by-email";
import type { RequestedLink } from "../use-cases/send-requested-link";
import { checkEmailPage, emailRequestPage } from "./email-request-page";
import type { LinkRouteDeps } from "./link-route";
import { linkWords } from "./words";

export interface EmailRequestDeps extends LinkRouteDeps {
  limits: LinkRequestLimits;
  logger: Logger;
}

interface EmailRequestForm {
  requested: RequestedLink;
  /** The form's URL segment. */
  path: "forgot" | "magic" | "confirm" | "admin/forgot";
  /** Whose accounts the address is looked up in. */
  audience: "client" | "staff";
  title: string;
  intro: string;
  button: string;
}

/**
 * The "email me a link" forms. "forgot": a reset link (an invite never claimed gets a fresh invite instead, since
 * it has no password to reset); "magic": a one-time sign-in link; "confirm": a new confirmation email (an invited
 * account gets a fresh invite, which confirms the address when claimed); "admin/forgot": staff's reset link,
 * looked up among the firm's staff accounts only.
 */
export const emailRequestForms: readonly EmailRequestForm[] = [
  {
    requested: "reset",
    path: "forgot",
    audience: "client",
    title: "Forgot your password?",
    intro: "Enter the email address you sign in with. We will email you a link to choose a new password.",
    button: "Email me a reset link",
  },
  {
    requested: "magic",
    path: "magic",
    audience: "client",
    title: "Email me a sign-in link",
    intro: "Enter the email address you sign in with. We will email you a link that signs you in without your password. It works once, for a short time.",
    button: "Email me a sign-in link",
  },
  {
    requested: "confirm",
    path: "confirm",
    audience: "client",
    title: "Send a new confirmation email",
    intro: "Enter your email address. We will send you a new link to confirm it; earlier confirmation links stop working.",
    button: "Send confirmation email",
  },
  {
    requested: "reset",
    path: "admin/forgot",
    audience: "staff",
    title: "Forgot your staff password?",
    intro: "Enter the email address you sign in to the staff console with. We will email you a link, valid for one hour, to choose a new password.",
    button: "Email me a reset link",
  },
];

const emailForm = z.object({ email: text });

/**
 * GET shows the form; POST answers "check your email" with the same bytes and status whether or not the
 * address has an account, then does the work after the response is sent (use-cases/request-link-by-email.ts).
 */
export function emailRequestHandlers(deps: EmailRequestDeps, words: EmailRequestForm): { show: Handler; submit: Handler } {
  const signInUrl = (req: PortalRequest) => `${req.tenant.basePath}/${words.audience === "staff" ? "admin/login" : "login"}`;
  const form = (req: PortalRequest, res: Response, status: number, alert?: string) => {
    const action = `${req.tenant.basePath}/${words.path}`;
    res.status(status).type("html").send(emailRequestPage({ ...words, firmName: req.tenant.firm.name, signInUrl: signInUrl(req), action, csrfToken: csrfToken(req), alert }));
  };
  const show: Handler = (req, res) => form(req, res, 200);
  const submit: Handler = async (req, res) => {
    const { firm } = req.tenant;
    const { email } = readForm(req, emailForm);
    const request = { firm, audience: words.audience, requested: words.requested, emailTyped: email, ip: req.ip ?? "unknown", issuedBy: `self-service:${words.path}` };
    const accepted = await requestLinkByEmail(deps, request);
    if (!accepted.ok) {
      if (accepted.error.code === "email_invalid") return form(req, res, 400, linkWords.emailInvalid);
      const { until } = accepted.error;
      return form(req, res, 429, `Too many emails were asked for. Wait until ${formatterFor(firm).time(until)} (${formatDuration(until.getTime() - Date.now())}) and try again; any email already sent still works.`);
    }
    res.status(200).type("html").send(checkEmailPage({ firmName: firm.name, signInUrl: signInUrl(req) }));
    void accepted.value().catch((error: unknown) => deps.logger.error({ module: "links", err: error, firmId: firm.id }, "could not send a requested link"));
  };
  return { show, submit };
}
