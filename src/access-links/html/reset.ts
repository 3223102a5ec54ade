import { z } from "zod";
import { html } from "../../platform/html/html";
import { readForm, text } from "../../platform/http/parse-input";
import type { Handler } from "../../platform/http/portal-router";
import { originOf } from "../../platform/http/request-state";
import { holderEmail } from "../find-link";
import { passwordMinLength } from "../new-password";
import { useResetLink } from "../use-cases/use-reset-link";
import { sendDeadLink } from "./dead-link";
import { outcomePage, setPasswordPage } from "./link-pages";
import type { LinkRouteDeps, LiveLinkContext } from "./link-route";
import { withLiveLink } from "./link-route";
import { passwordProblemWords } from "./words";
import { tenantBrand } from "../../firms/firm-presentation";

function render(deps: LinkRouteDeps, ctx: LiveLinkContext, status: number, alert?: string): void {
  const email = holderEmail(ctx.link);
  ctx.res.status(status).type("html").send(
    setPasswordPage({
      ...tenantBrand(ctx.tenant),
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
export function showReset(deps: LinkRouteDeps): Handler {
  return withLiveLink(deps, "reset", (ctx) => render(deps, ctx, 200));
}

const resetForm = z.object({ password: text });

/** POST /portal/{slug}/reset/{token}: the new password (use-cases/use-reset-link.ts); then "sign in with it". */
export function submitReset(deps: LinkRouteDeps): Handler {
  return withLiveLink(deps, "reset", async (ctx) => {
    const { req, res, tenant } = ctx;
    const { password } = readForm(req, resetForm);
    const reset = await useResetLink(deps, { firm: tenant.firm, link: ctx.link, token: ctx.token, password, origin: originOf(req), now: ctx.now });
    if (!reset.ok) {
      const failure = reset.error;
      return failure.code === "password_rejected" ? render(deps, ctx, 400, passwordProblemWords(failure.problem)) : sendDeadLink(deps, req, res, failure.lookup, ctx.token);
    }
    res.status(200).type("html").send(
      outcomePage({
        ...tenantBrand(tenant),
        title: "Password changed",
        message: "Your password was changed, and every device that was signed in to your account has been signed out. Sign in with your new password.",
        next: html`<p><a class="button" href="${tenant.basePath}/${reset.value.staff ? "admin/login" : "login"}">Sign in</a></p>`,
      }),
    );
  });
}
