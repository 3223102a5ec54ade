import type { RequestHandler } from "express";
import { consumeAccessLink } from "../consume-access-link";
import { findLink } from "../find-link";
import { kindsForPath } from "../link-kinds";
import type { LinkRouteDeps } from "./link-route";
import { withLiveLink } from "./link-route";
import { sendDeadLink } from "./dead-link";
import { html } from "../../platform/html/html";
import { continuePage, outcomePage } from "./link-pages";

/** GET /portal/{slug}/confirm/{token}: a "Confirm my email" button; opening the link changes nothing. */
export function showConfirmLink(deps: LinkRouteDeps): RequestHandler {
  return withLiveLink(deps, "confirm", ({ res, tenant, link, action }) => {
    res.type("html").send(
      continuePage({
        firmName: tenant.firm.name,
        title: "Confirm your email",
        intro: `Confirm that ${link.portalAccount?.email ?? ""} is your email address for ${tenant.firm.name}'s portal.`,
        action,
        button: "Confirm my email",
      }),
    );
  });
}

/** POST /portal/{slug}/confirm/{token}: mark the email confirmed. Not a sign-in: the next step is signing in. */
export function submitConfirmLink(deps: LinkRouteDeps): RequestHandler {
  return withLiveLink(deps, "confirm", async ({ req, res, tenant, link, token, now }) => {
    const accountId = link.portalAccountId;
    const won = await consumeAccessLink(deps.db, link.id, now, async (tx) => {
      if (accountId) await tx.portalAccount.updateMany({ where: { id: accountId, emailConfirmedAt: null }, data: { emailConfirmedAt: now } });
    });
    if (!won) {
      const lookup = await findLink(deps.db, tenant.firm.id, token, kindsForPath("confirm"), now);
      return sendDeadLink(deps.db, deps.config, req, res, lookup.state === "live" ? { state: "used", link, at: now } : lookup, token);
    }
    res.status(200).type("html").send(
      outcomePage({
        firmName: tenant.firm.name,
        title: "Email confirmed",
        message: "Thank you: your email address is confirmed. You can sign in now.",
        next: html`<p><a class="button" href="${tenant.basePath}/login">Sign in</a></p>`,
      }),
    );
  });
}
