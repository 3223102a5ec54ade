import type { RequestHandler } from "express";
import { consumeAccessLink, revokeOtherPasswordLinks } from "../consume-access-link";
import { findLink, holderEmail } from "../find-link";
import { kindsForPath } from "../link-kinds";
import type { LinkRouteDeps, LiveLinkContext } from "./link-route";
import { formField, withLiveLink } from "./link-route";
import { checkAndHashNewPassword, passwordMinLength } from "../new-password";
import { sendDeadLink } from "./dead-link";
import { recordSignIn } from "../../sign-in/record-sign-in";
import { html } from "../../platform/html/html";
import { outcomePage, setPasswordPage } from "./link-pages";

function render(deps: LinkRouteDeps, ctx: LiveLinkContext, status: number, alert?: string): void {
  const email = holderEmail(ctx.link);
  ctx.res.status(status).type("html").send(
    setPasswordPage({
      firmName: ctx.tenant.firm.name,
      title: "Choose a new password",
      intro: `Choose a new password for ${email}. When you save it, every other device signed in to this account is signed out.`,
      action: ctx.action,
      email,
      minLength: passwordMinLength(deps.config, ctx.tenant.firm),
      button: "Save new password",
      alert,
      field: alert ? "password" : undefined,
    }),
  );
}

/** GET /portal/{slug}/reset/{token}: the form only; the link is still unused afterwards. */
export function showReset(deps: LinkRouteDeps): RequestHandler {
  return withLiveLink(deps, "reset", (ctx) => render(deps, ctx, 200));
}

/**
 * POST /portal/{slug}/reset/{token}: set the new password, confirm the email (the link proves the inbox),
 * end every session of the account (sessionsValidAfter), revoke other open reset/invite links. It does not
 * sign in: the client signs in with the new password, which also lets a password manager save it
 * (OWASP Forgot Password Cheat Sheet: no automatic sign-in after a reset).
 */
export function submitReset(deps: LinkRouteDeps): RequestHandler {
  return withLiveLink(deps, "reset", async (ctx) => {
    const { req, res, tenant, link, now } = ctx;
    const account = link.portalAccount ?? link.staffAccount;
    if (!account) return sendDeadLink(deps.db, deps.config, req, res, { state: "unknown" }, ctx.token);
    const staff = !link.portalAccount;
    const password = await checkAndHashNewPassword(deps.config, tenant.firm, account.email, formField(req, "password"));
    if ("problem" in password) return render(deps, ctx, 400, password.problem);
    // Every session of the account ends, and an account never claimed becomes active with its first password.
    const reset = { passwordHash: password.hash, sessionsValidAfter: now, ...(account.status === "invited" ? { status: "active" as const } : {}) };
    const won = await consumeAccessLink(deps.db, link.id, now, async (tx) => {
      if (link.portalAccount) {
        const audit = account.status === "invited" ? { statusChangedAt: now, statusChangedBy: "password reset" } : {};
        await tx.portalAccount.update({ where: { id: account.id }, data: { ...reset, ...audit, emailConfirmedAt: link.portalAccount.emailConfirmedAt ?? now } });
      } else {
        await tx.staffAccount.update({ where: { id: account.id }, data: reset });
      }
      await revokeOtherPasswordLinks(tx, staff ? { staffAccountId: account.id } : { portalAccountId: account.id }, now);
    });
    if (!won) {
      const lookup = await findLink(deps.db, tenant.firm.id, ctx.token, kindsForPath("reset"), now);
      return sendDeadLink(deps.db, deps.config, req, res, lookup.state === "live" ? { state: "used", link, at: now } : lookup, ctx.token);
    }
    await recordSignIn(deps.db, req, {
      firmId: tenant.firm.id,
      emailTyped: account.email,
      reason: "reset_claim",
      ...(staff ? { staffAccountId: account.id, detail: "staff password reset" } : { portalAccountId: account.id }),
    });
    res.status(200).type("html").send(
      outcomePage({
        firmName: tenant.firm.name,
        title: "Password changed",
        message: "Your password was changed, and every device that was signed in to your account has been signed out. Sign in with your new password.",
        next: html`<p><a class="button" href="${tenant.basePath}/${staff ? "admin/login" : "login"}">Sign in</a></p>`,
      }),
    );
  });
}
