import { html } from "../../platform/html/html";
import { formatterFor } from "../../firms/firm-presentation";
import { readParams } from "../../platform/http/parse-input";
import type { Handler } from "../../platform/http/portal-router";
import { sendError } from "../../platform/http/send-error";
import type { LinkKindInfo } from "../link-kinds";
import { renewExpiredLink } from "../use-cases/renew-expired-link";
import { maskEmail, sendDeadLink } from "./dead-link";
import type { EmailRequestDeps } from "./email-request";
import { outcomePage } from "./link-pages";
import { tokenParams } from "./link-route";

/** POST /portal/{slug}/{claim|reset|magic|confirm}/{token}/renew: the button on an expired link's page. */
export function renewLink(deps: EmailRequestDeps, path: LinkKindInfo["path"]): Handler {
  return async (req, res) => {
    const { tenant } = req;
    const { token } = readParams(req, tokenParams);
    res.set("Cache-Control", "no-store");
    const renewed = await renewExpiredLink(deps, { firm: tenant.firm, token, path, ip: req.ip ?? "unknown", now: deps.now?.() ?? new Date() });
    if (!renewed.ok) {
      const failure = renewed.error;
      if (failure.code === "rate_limited") return sendError(req, res, "rate_limited", `Too many emails were asked for. Try again after ${formatterFor(tenant.firm).time(failure.until)}.`);
      return sendDeadLink(deps, req, res, failure.lookup, token);
    }
    const renewal = renewed.value;
    if (renewal.kind === "still_live") return res.redirect(303, `${tenant.basePath}/${path}/${token}`);
    if (renewal.kind === "sign_in_link") {
      res.status(200).type("html").send(
        outcomePage({
          firmName: tenant.firm.name,
          title: "Check your email",
          message: `A new sign-in link is on its way to the address on file, ${maskEmail(renewal.to)}, if it can sign in to this portal. It can take a few minutes to arrive; this old link stays used.`,
          next: html`<p><a href="${tenant.basePath}/login">Back to sign in</a></p>`,
        }),
      );
      void renewal.send().catch((error: unknown) => deps.logger.error({ module: "links", err: error, firmId: tenant.firm.id }, "could not send a new sign-in link"));
      return;
    }
    const message =
      renewal.kind === "sent"
        ? `We emailed a new link to ${maskEmail(renewal.to)}. It can take a few minutes to arrive; this old link stays expired.`
        : "Your email address is already confirmed, so no new link is needed. You can sign in.";
    res.status(200).type("html").send(
      outcomePage({
        firmName: tenant.firm.name,
        title: renewal.kind === "sent" ? "Check your email" : "Nothing to do",
        message,
        next: html`<p><a href="${tenant.basePath}/login">Back to sign in</a></p>`,
      }),
    );
  };
}
