import type { Request, RequestHandler, Response } from "express";
import type { Tenant } from "../../platform/http/request-state";
import type { EmailRequestDeps } from "./email-request";
import { findLink, holderEmail } from "../find-link";
import type { LinkKindInfo } from "../link-kinds";
import { kindsForPath } from "../link-kinds";
import { maskEmail, sendDeadLink } from "./dead-link";
import { sendRequestedLink } from "../use-cases/send-requested-link";
import { formatClockUtc } from "../../platform/format-time";
import { sendError } from "../../platform/http/send-error";
import { html } from "../../platform/html/html";
import { outcomePage } from "./link-pages";

/**
 * POST /portal/{slug}/{claim|reset|magic|confirm}/{token}/renew: the button on an expired link's page. It
 * emails a fresh link of the same kind to the address on file (never to an address typed here), which
 * starts a new window and leaves the rest of the account alone. Only an expired link can be renewed;
 * staff invites are not renewable by their holder (their short life is the point).
 */
export function renewLink(deps: EmailRequestDeps, path: LinkKindInfo["path"]): RequestHandler {
  return async (req: Request, res: Response) => {
    const tenant = req.tenant as Tenant;
    const token = String(req.params.token ?? "");
    const now = deps.now?.() ?? new Date();
    res.set("Cache-Control", "no-store");
    const lookup = await findLink(deps.db, tenant.firm.id, token, kindsForPath(path), now);
    if (lookup.state === "live") return res.redirect(303, `${tenant.basePath}/${path}/${token}`);
    if (lookup.state !== "expired") return sendDeadLink(deps.db, deps.config, req, res, lookup, token);
    const { link } = lookup;
    const account = link.portalAccount;
    if (!account) return sendDeadLink(deps.db, deps.config, req, res, lookup, token);
    if (account.status === "disabled") return sendDeadLink(deps.db, deps.config, req, res, { state: "disabled", link }, token);
    const limit = await deps.limits.hit(tenant.firm.id, account.email, req.ip ?? "unknown");
    if (!limit.ok) return sendError(req, res, "rate_limited", `Too many emails were asked for. Try again after ${formatClockUtc(limit.until)}.`);
    const sent = await sendRequestedLink(deps, tenant.firm, account, link.kind === "invite_client" ? "reset" : (link.kind as "reset" | "magic" | "confirm"), "self-service:renew");
    const message = sent
      ? `We emailed a new link to ${maskEmail(holderEmail(link))}. It can take a few minutes to arrive; this old link stays expired.`
      : "Your email address is already confirmed, so no new link is needed. You can sign in.";
    res.status(200).type("html").send(
      outcomePage({ firmName: tenant.firm.name, title: sent ? "Check your email" : "Nothing to do", message, next: html`<p><a href="${tenant.basePath}/login">Back to sign in</a></p>` }),
    );
  };
}
