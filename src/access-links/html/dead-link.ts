import type { Response } from "express";
import type { Config } from "../../../config";
import type { Db } from "../../platform/db/prisma";
import type { SignInReason } from "../../sign-in/sign-in-reasons";
import { errorCatalogue } from "../../platform/errors";
import type { PortalRequest } from "../../platform/http/portal-router";
import { originOf } from "../../platform/http/request-state";
import { wantsJson } from "../../platform/http/send-error";
import { formatterFor } from "../../firms/firm-presentation";
import { contactLine, firmContact } from "../../platform/html/firm-contact";
import { recordSignIn } from "../../sign-in/record-sign-in";
import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { deadLinkPage } from "./link-pages";
import type { Tenant } from "../../platform/http/request-state";
import type { DeadLinkCode, DeadLinkLookup, HeldLink } from "../find-link";
import { holderEmail, offersSignInLink } from "../find-link";
import { linkKinds } from "../link-kinds";
import { portalUrl } from "../link-url";

/** "jane@acme.com" -> "j•••@acme.com": enough for the owner to recognise, little for anyone else. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return at <= 0 ? "•••" : `${email.slice(0, 1)}•••${email.slice(at)}`;
}

interface DeadPage {
  code: DeadLinkCode;
  message: string;
  next: SafeHtml;
  audit?: { reason: SignInReason; firmId: string; detail?: string };
}

/** "Email me a new sign-in link": to the address on file, whatever the account (the answer is the same). */
function newSignInLinkForm(action: string, email: string): SafeHtml {
  return html`<form method="post" action="${action}">
      <button type="submit">Email me a new sign-in link</button>
      <p class="muted">It goes to the address on file, ${maskEmail(email)}, and signs you in without your password.</p>
    </form>`;
}

function describe(lookup: DeadLinkLookup, tenant: Tenant, config: Config, token: string): DeadPage {
  const base = tenant.basePath;
  const when = formatterFor(tenant.firm).dateTime;
  const signIn = html`<p><a class="button" href="${base}/login">Sign in with your email and password</a></p>
    <p class="muted"><a href="${base}/forgot">Forgot your password?</a></p>`;
  if (lookup.state === "unknown") {
    return { code: "link_not_valid", message: errorCatalogue.link_not_valid.message, next: signIn };
  }
  const link: HeldLink = lookup.link;
  const path = linkKinds[link.kind].path;
  const audit = (reason: SignInReason, detail?: string) => ({ reason, firmId: link.firmId, detail });
  switch (lookup.state) {
    case "wrong_firm": {
      const right = `${portalUrl(config, link.firm)}/${path}/${token}`;
      return {
        code: "link_wrong_firm",
        message: `This link was sent by ${link.firm.name}, not ${tenant.firm.name}. Open it on ${link.firm.name}'s portal instead:`,
        next: html`<p><a class="button" href="${right}">Go to ${link.firm.name}'s portal</a></p><p class="muted">${portalUrl(config, link.firm)}</p>`,
        // Recorded for the firm that owns the link: its support is who the client will ask.
        audit: audit("link_wrong_firm", "opened on another firm's portal"),
      };
    }
    case "used":
      return {
        code: "link_used",
        message: `This link was used on ${when(lookup.at)}. Sign in with your email and password${offersSignInLink(link) ? ", or have a new sign-in link emailed to you" : ""}.`,
        next: offersSignInLink(link) ? html`${newSignInLinkForm(`${base}/${path}/${token}/renew`, holderEmail(link))}${signIn}` : signIn,
        audit: audit("link_used"),
      };
    case "superseded":
      return {
        code: "link_superseded",
        message: `A newer link was sent on ${when(lookup.newerAt)}: use the newest email. Each new email replaces the ones before it.`,
        next: html`${offersSignInLink(link) ? newSignInLinkForm(`${base}/${path}/${token}/renew`, holderEmail(link)) : ""}
          <p class="muted">Can't find it? Check your spam folder, or <a href="${base}/login">sign in</a> if you already have a password.</p>`,
        audit: audit("link_superseded"),
      };
    case "revoked":
      return {
        code: "link_revoked",
        message: `This link stopped working on ${when(lookup.at)}, when the password for this account was set with another link. Sign in with your email and password.`,
        next: signIn,
        audit: audit("link_used", "revoked: the password was set with another link"),
      };
    case "expired": {
      const renew =
        link.kind === "invite_staff"
          ? html`<p>Staff invites are short-lived on purpose. Ask your firm's portal administrator to send a new one.</p>`
          : link.staffAccountId
            ? html`<p><a class="button" href="${base}/admin/forgot">Ask for a new reset link</a></p>`
            : html`<form method="post" action="${base}/${path}/${token}/renew">
              <button type="submit">Email me a new link</button>
              <p class="muted">It goes to the address on file, ${maskEmail(holderEmail(link))}.</p>
            </form>`;
      return { code: "link_expired", message: `This link expired on ${when(lookup.at)}.`, next: renew, audit: audit("link_expired") };
    }
    case "disabled":
      return {
        code: "account_disabled",
        message: `Your access to ${tenant.firm.name}'s portal is turned off, so this link does not work. Contact ${tenant.firm.name} and ask them to turn it back on.`,
        next: contactLine(firmContact(tenant.firm), ""),
        audit: audit("fail_disabled", `opened a ${link.kind} link`),
      };
    case "locked":
      return {
        code: "link_locked",
        message: `This invite is locked after too many wrong answers to the identity check. ${tenant.firm.name} has been told; once they have checked your record, this same link will work again.`,
        next: html``,
        audit: audit("identity_check_failed", "opened a locked invite"),
      };
  }
}

/** Render a dead link's own page with its status, and record the hit in the sign-in audit trail. */
export async function sendDeadLink(deps: { db: Db; config: Config }, req: PortalRequest, res: Response, lookup: DeadLinkLookup, token: string): Promise<void> {
  const { tenant } = req;
  const page = describe(lookup, tenant, deps.config, token);
  if (page.audit && lookup.state !== "unknown") {
    const link = lookup.link;
    await recordSignIn(deps.db, originOf(req), {
      firmId: page.audit.firmId,
      emailTyped: holderEmail(link),
      reason: page.audit.reason,
      portalAccountId: link.portalAccountId,
      staffAccountId: link.staffAccountId,
      detail: page.audit.detail ?? `${link.kind} link`,
    });
  }
  res.status(errorCatalogue[page.code].status).set("Cache-Control", "no-store");
  if (wantsJson(req)) {
    res.json({ error: { code: page.code, message: page.message } });
    return;
  }
  res.type("html").send(deadLinkPage({ firmName: tenant.firm.name, title: errorCatalogue[page.code].title, message: page.message, next: page.next }));
}
