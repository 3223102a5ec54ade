import type { Handler } from "../../platform/http/portal-router";
import { originOf } from "../../platform/http/request-state";
import { sendError } from "../../platform/http/send-error";
import { startSession } from "../../sign-in/start-session";
import { magicLinkAccount, useMagicLink } from "../use-cases/use-magic-link";
import { sendDeadLink } from "./dead-link";
import { continuePage } from "./link-pages";
import type { LinkRouteDeps } from "./link-route";
import { withLiveLink } from "./link-route";
import { linkWords } from "./words";
import { tenantBrand } from "../../firms/firm-presentation";

/**
 * GET /portal/{slug}/magic/{token}: a "Continue" button and nothing else. Signing in needs the POST, an
 * explicit action (ASVS 7.6.2), so a mail scanner that fetches the link neither uses it nor gets a session.
 */
export function showMagicLink(deps: LinkRouteDeps): Handler {
  return withLiveLink(deps, "magic", ({ req, res, tenant, link, action }) => {
    const account = magicLinkAccount(link);
    if (!account.ok) return sendError(req, res, "link_not_valid", linkWords.magicNotSetUp);
    res.type("html").send(
      continuePage({ ...tenantBrand(tenant), title: `Sign in to ${tenant.firm.name}`, intro: `Continue to sign in as ${account.value.email}.`, action, button: "Continue" }),
    );
  });
}

/** POST /portal/{slug}/magic/{token}: use the link and sign in as the portal account it names. */
export function submitMagicLink(deps: LinkRouteDeps): Handler {
  return withLiveLink(deps, "magic", async ({ req, res, tenant, link, token, now }) => {
    const used = await useMagicLink(deps, { firm: tenant.firm, link, token, origin: originOf(req), now });
    if (!used.ok) {
      const failure = used.error;
      return "lookup" in failure ? sendDeadLink(deps, req, res, failure.lookup, token) : sendError(req, res, "link_not_valid", linkWords.magicNotSetUp);
    }
    await startSession(req, used.value);
    res.redirect(303, `${tenant.basePath}/`);
  });
}
