import { html } from "../../platform/html/html";
import type { Handler } from "../../platform/http/portal-router";
import { useConfirmLink } from "../use-cases/use-confirm-link";
import { sendDeadLink } from "./dead-link";
import { continuePage, outcomePage } from "./link-pages";
import type { LinkRouteDeps } from "./link-route";
import { withLiveLink } from "./link-route";
import { tenantBrand } from "../../firms/firm-presentation";

/** GET /portal/{slug}/confirm/{token}: a "Confirm my email" button; opening the link changes nothing. */
export function showConfirmLink(deps: LinkRouteDeps): Handler {
  return withLiveLink(deps, "confirm", ({ res, tenant, link, action }) => {
    res.type("html").send(
      continuePage({
        ...tenantBrand(tenant),
        title: "Confirm your email",
        intro: `Confirm that ${link.portalAccount?.email ?? ""} is your email address for ${tenant.firm.name}'s portal.`,
        action,
        button: "Confirm my email",
      }),
    );
  });
}

/** POST /portal/{slug}/confirm/{token}: mark the email confirmed. Not a sign-in: the next step is signing in. */
export function submitConfirmLink(deps: LinkRouteDeps): Handler {
  return withLiveLink(deps, "confirm", async ({ req, res, tenant, link, token, now }) => {
    const confirmed = await useConfirmLink(deps, { firm: tenant.firm, link, token, now });
    if (!confirmed.ok) return sendDeadLink(deps, req, res, confirmed.error.lookup, token);
    res.status(200).type("html").send(
      outcomePage({
        ...tenantBrand(tenant),
        title: "Email confirmed",
        message: "Thank you: your email address is confirmed. You can sign in now.",
        next: html`<p><a class="button" href="${tenant.basePath}/login">Sign in</a></p>`,
      }),
    );
  });
}
