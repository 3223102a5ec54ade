import type { Response } from "express";
import { z } from "zod";
import { errorCatalogue } from "../../platform/errors";
import type { SafeHtml } from "../../platform/html/html";
import { csrfToken } from "../../platform/http/csrf";
import { parseInput, readQuery, text } from "../../platform/http/parse-input";
import type { Handler, PortalRequest } from "../../platform/http/portal-router";
import { authenticate } from "../passport";
import type { Audience, PortalPassport } from "../passport";
import { startSession } from "../start-session";
import { loginPage, staffLoginPage } from "./sign-in-pages";
import { clientSignInAlert, missingCredentials, signedOutWords, staffSignInAlert } from "./words";

const pages = { client: { page: loginPage, home: "/" }, staff: { page: staffLoginPage, home: "/admin" } } as const;

const credentials = z.object({ email: text, password: text }).refine((form) => form.email.trim() !== "" && form.password !== "", { message: missingCredentials });

function render(req: PortalRequest, res: Response, audience: Audience, status: number, extra: { alert?: string | SafeHtml; notice?: string; email?: string } = {}): void {
  const { tenant } = req;
  res.status(status).type("html").send(pages[audience].page({ firmName: tenant.firm.name, basePath: tenant.basePath, csrfToken: csrfToken(req), ...extra }));
}

const signedInAs = { client: "portalAccount", staff: "staff" } as const;

/** GET /portal/{slug}/login and /portal/{slug}/admin/login */
export function showLogin(audience: Audience): Handler {
  const query = z.object({ signed_out: text, email: text });
  return (req, res) => {
    if (req.principal.kind === signedInAs[audience]) return res.redirect(303, `${req.tenant.basePath}${pages[audience].home}`);
    const asked = readQuery(req, query);
    const notice = audience === "client" && asked.signed_out === "1" ? "You have signed out." : undefined;
    // Sent back here because the portal ended the client's session: say why, once.
    const because = audience === "client" ? req.session.signedOutBecause : undefined;
    if (because) delete req.session.signedOutBecause;
    // A client's own portal link (copied from the console's client list) fills in their address.
    render(req, res, audience, 200, { notice, alert: because ? signedOutWords(because, req.tenant) : undefined, email: asked.email.slice(0, 254) || undefined });
  };
}

/**
 * POST /portal/{slug}/login and /portal/{slug}/admin/login: email and password through the audience's passport-local
 * strategy (sign-in/passport.ts), then a new session (passport 0.7 regenerates the session id, so one from before
 * sign-in never carries a login; the sign-in time it stamps lets a later password reset end it).
 */
export function submitLogin(passport: PortalPassport, audience: Audience, now: () => number = Date.now): Handler {
  return async (req, res) => {
    const form = parseInput(credentials, req.body);
    const typed = parseInput(z.object({ email: text }), req.body);
    const email = typed.ok ? typed.value.email.slice(0, 320) : "";
    if (!form.ok) return render(req, res, audience, 400, { alert: form.message, email });
    const signedIn = await authenticate(passport, audience, req, res);
    if (!signedIn.ok) {
      const alert = audience === "client" ? clientSignInAlert(signedIn.failure, req.tenant, now()) : staffSignInAlert(signedIn.failure, req.tenant);
      return render(req, res, audience, errorCatalogue[signedIn.failure.code].status, { alert, email: form.value.email });
    }
    await startSession(req, signedIn.user);
    res.redirect(303, `${req.tenant.basePath}${pages[audience].home}`);
  };
}
