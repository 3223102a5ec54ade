import type { RequestHandler } from "express";
import { startSession } from "../../sign-in/start-session";
import { consumeAccessLink } from "../consume-access-link";
import { findLink } from "../find-link";
import { kindsForPath } from "../link-kinds";
import type { LinkRouteDeps } from "./link-route";
import { withLiveLink } from "./link-route";
import { sendDeadLink } from "./dead-link";
import { recordSignIn } from "../../sign-in/record-sign-in";
import { sendError } from "../../platform/http/send-error";
import { continuePage } from "./link-pages";

const NOT_SET_UP = "This account is not set up yet. Use the invite email to choose a password, or ask for a new invite on the forgot-password page.";

/**
 * GET /portal/{slug}/magic/{token}: a "Continue" button and nothing else. Signing in needs the POST, an
 * explicit action (ASVS 7.6.2), so a mail scanner that fetches the link neither uses it nor gets a session.
 */
export function showMagicLink(deps: LinkRouteDeps): RequestHandler {
  return withLiveLink(deps, "magic", ({ res, tenant, link, action }) => {
    if (link.portalAccount?.status !== "active") return sendError(res.req, res, "link_not_valid", NOT_SET_UP);
    res.type("html").send(
      continuePage({
        firmName: tenant.firm.name,
        title: `Sign in to ${tenant.firm.name}`,
        intro: `Continue to sign in as ${link.portalAccount.email}.`,
        action,
        button: "Continue",
      }),
    );
  });
}

/**
 * POST /portal/{slug}/magic/{token}: use the link and sign in as the portal account it names. A magic link
 * only ever names a portal account (issueAccessLink refuses staff), and the session it starts is a
 * "portal" session, which staff pages refuse.
 */
export function submitMagicLink(deps: LinkRouteDeps): RequestHandler {
  return withLiveLink(deps, "magic", async ({ req, res, tenant, link, token, now }) => {
    const account = link.portalAccount;
    if (account?.status !== "active") return sendError(req, res, "link_not_valid", NOT_SET_UP);
    const won = await consumeAccessLink(deps.db, link.id, now, async (tx) => {
      // The link came to the inbox, which confirms the address.
      await tx.portalAccount.update({ where: { id: account.id }, data: { lastSignInAt: now, emailConfirmedAt: account.emailConfirmedAt ?? now } });
    });
    if (!won) {
      const lookup = await findLink(deps.db, tenant.firm.id, token, kindsForPath("magic"), now);
      return sendDeadLink(deps.db, deps.config, req, res, lookup.state === "live" ? { state: "used", link, at: now } : lookup, token);
    }
    await recordSignIn(deps.db, req, { firmId: tenant.firm.id, emailTyped: account.email, reason: "magic_link_claim", portalAccountId: account.id });
    await startSession(req, { kind: "portal", id: account.id, firmId: tenant.firm.id });
    res.redirect(303, `${tenant.basePath}/`);
  });
}
