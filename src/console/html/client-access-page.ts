import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { csrfField } from "../../platform/html/csrf-field";
import { confirmBox, consolePage, copyableLink, noticeAndAlert } from "./console-layout";
import type { ConsoleChrome, Outcome } from "./console-layout";

/** One line of a client's sign-in history as staff read it. */
export interface SignInRow {
  at: string;
  reason: string;
  meaning: string;
  ip: string | null;
}

/** What the client-access page knows about one address on this portal, in words. */
export interface ClientAccessView {
  email: string;
  account: {
    id: string;
    status: string;
    statusLine: string;
    confirmed: boolean;
    lastSignIn: string | null;
    lockedUntil: string | null;
  } | null;
  /** The template this client sees and why; null without an account. */
  template: { line: string; override: string | null; choices: Array<{ name: string; label: string }> } | null;
  /** What the PSA says, in words: the company, or the cause and the fix. */
  psa: { ok: true; line: string } | { ok: false; cause: string; fix: string } | { unavailable: string };
  /** The account's PSA contacts as the sync linked them, in words (empty: not linked). */
  links: string[];
  events: SignInRow[];
}

export interface ClientAccessPageOptions extends ConsoleChrome, Outcome {
  query: string;
  view: ClientAccessView | null;
  canChangeAccess: boolean;
}

type AccountView = NonNullable<ClientAccessView["account"]>;

/** Send the client a link: the invite again while invited; a sign-in or password reset link while active. */
function linkForm(account: AccountView, action: (path: string, label: string, extra: SafeHtml) => SafeHtml): SafeHtml | "" {
  if (account.status === "disabled") return "";
  const delivery = html`<p><label><input type="radio" name="delivery" value="email" checked> Email it</label>
    <label><input type="radio" name="delivery" value="copy"> Show me the link to share myself (for a client whose mail filter eats our email)</label></p>`;
  if (account.status === "invited") return action("link", "Send the invite again", html`<input type="hidden" name="kind" value="invite">${delivery}`);
  return action(
    "link",
    "Send the link",
    html`<label for="link-kind">Send this client</label>
      <select id="link-kind" name="kind"><option value="magic">a sign-in link (no password needed)</option><option value="reset">a password reset link</option></select>${delivery}`,
  );
}

/** The account's state, and a button for each fix staff can make here (template, links, unlock, sign out everywhere, access off / on). */
function accountSection(options: ClientAccessPageOptions, view: ClientAccessView, account: AccountView): SafeHtml {
  const { basePath, csrfToken, canChangeAccess } = options;
  const action = (path: string, label: string, extra: SafeHtml | string = "", danger = false) =>
    html`<form method="post" action="${basePath}/admin/clients/${account.id}/${path}">
      ${csrfField(csrfToken)}${extra}
      <button type="submit"${danger ? html` class="danger"` : ""}>${label}</button>
    </form>`;
  const template = view.template;
  return html`<ul>
                <li>Portal account: ${account.statusLine}</li>
                <li>Email ${account.confirmed ? "confirmed" : "not confirmed yet"}</li>
                <li>Last signed in: ${account.lastSignIn ?? "never"}</li>
                <li>${account.lockedUntil ? html`<strong>Sign-in locked</strong> after repeated wrong passwords, until ${account.lockedUntil}` : "Sign-in not locked"}</li>
              </ul>
              <p><a href="${basePath}/admin/clients/${account.id}/preview">Preview as this client</a>: their projects as they see them, read-only.</p>
              <p><a href="${basePath}/admin/clients/${account.id}/bundle" download>Download a support bundle</a>: this client's account, lock, PSA answer, template, recent attempts, links and emails in one JSON file for a ticket (no passwords, links or keys).</p>
              ${template
                ? html`<p>Template: ${template.line}.</p>
                  ${canChangeAccess
                    ? action(
                        "template",
                        "Save template",
                        html`<label for="client-template">This client's template</label>
                          <select id="client-template" name="template">
                            <option value="inherit"${template.override ? "" : " selected"}>Inherit (company, then portal default)</option>
                            ${template.choices.map((c) => html`<option value="${c.name}"${c.name === template.override ? " selected" : ""}>${c.label}</option>`)}
                          </select>`,
                      )
                    : ""}`
                : ""}
              ${linkForm(account, action)}
              ${account.lockedUntil ? action("unlock", "Unlock sign-in now") : ""}
              ${canChangeAccess && account.status === "active" ? action("sign-out", "Sign out everywhere") : ""}
              ${canChangeAccess && account.status !== "disabled"
                ? action("access", "Turn access off", html`<input type="hidden" name="access" value="off">
                    <label for="off-reason">Reason (kept with the account, not shown to the client)</label>
                    <input id="off-reason" name="reason" type="text" maxlength="200">
                    ${confirmBox("off-confirm", `Yes, turn off ${view.email}'s access: their open sessions end at once`)}`, true)
                : ""}
              ${canChangeAccess && account.status === "disabled" ? action("access", "Turn access back on", html`<input type="hidden" name="access" value="on">`) : ""}`;
}

/** What the PSA says, and the latest sign-in attempts with their reason codes. */
function evidenceSection(view: ClientAccessView, basePath: string): SafeHtml {
  return html`${view.account
      ? html`<h3>PSA link (kept by the sync)</h3>
          ${view.links.length
            ? html`<ul>${view.links.map((line) => html`<li>${line}</li>`)}</ul>`
            : html`<p>Not linked to a PSA contact: no contact holds this email. The <a href="${basePath}/admin/sync">Sync page</a> lists the contact it most likely means.</p>`}`
      : ""}
          <h3>What the PSA says</h3>
          ${"unavailable" in view.psa
            ? html`<p>${view.psa.unavailable}</p>`
            : view.psa.ok
              ? html`<p>${view.psa.line}</p>`
              : html`<p>${view.email} ${view.psa.cause}</p><p>${view.psa.fix}</p>`}
          <h3>Latest sign-in attempts</h3>
          ${view.events.length === 0
            ? html`<p>None recorded.</p>`
            : html`<table class="stack" role="table">
                <thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">When</th><th scope="col" role="columnheader">Outcome</th><th scope="col" role="columnheader">Reason code</th><th scope="col" role="columnheader">IP</th></tr></thead>
                <tbody role="rowgroup">${view.events.map(
                  (e) => html`<tr role="row"><td role="cell">${e.at}</td><td role="cell">${e.meaning}</td><td role="cell" data-label="Reason code"><code>${e.reason}</code></td><td role="cell" data-label="IP">${e.ip ?? ""}</td></tr>`,
                )}</tbody>
              </table>`}`;
}

/**
 * "Why can't this client sign in?": the account's state, what the PSA says about the address, the latest
 * sign-in attempts with their reason codes, and a button for each fix staff can make here.
 */
export function clientAccessPage(options: ClientAccessPageOptions): string {
  const { firmName, basePath, query, view, notice, alert } = options;
  return consolePage(
    options,
    "Client access",
    html`${noticeAndAlert(notice, alert)}${options.link ? copyableLink(options.link) : ""}
      <form method="get" action="${basePath}/admin/clients">
        <label for="client-email">Client's email address</label>
        <input id="client-email" name="email" type="email" autocomplete="off" value="${query}" required>
        <button type="submit">Look up</button>
      </form>
      ${view
        ? html`<h2>${view.email}</h2>
          ${view.account
            ? accountSection(options, view, view.account)
            : html`<p>No portal account with this email on ${firmName}'s portal. <a href="${basePath}/admin">Invite them</a> from the console.</p>`}
          ${evidenceSection(view, options.basePath)}`
        : ""}`,
  );
}
