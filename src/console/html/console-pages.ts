import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { layout } from "../../platform/html/layout";
import type { ConnectorFormField } from "../../psa/connector-form";

export function staffLoginPage(options: { firmName: string; basePath: string; csrfToken: string; alert?: string | SafeHtml }): string {
  const { firmName, basePath, csrfToken, alert } = options;
  return layout({
    title: "Staff sign in",
    firmName,
    body: html`<div class="card">
      <h1>Staff sign in to ${firmName}'s portal</h1>
      ${alert ? html`<div class="alert" role="alert" id="login-error">${alert}</div>` : ""}
      <form method="post" action="${basePath}/admin/login" novalidate>
        <input type="hidden" name="_csrf" value="${csrfToken}">
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required${alert ? html` aria-describedby="login-error"` : ""}>
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">Sign in</button>
      </form>
      <p class="muted"><a href="${basePath}/admin/forgot">Forgot your password?</a></p>
      <p class="muted">Clients sign in at <a href="${basePath}/login">${basePath}/login</a>.</p>
    </div>`,
  });
}

/** An invite held back because the PSA would not give the client access: why, and the two ways on. */
export interface InviteCheck {
  email: string;
  suggestion: string | null;
  cause: string;
  fix: string;
  delivery: "email" | "copy";
}

export interface LockedInvite {
  portalAccountId: string;
  email: string;
  since: string;
}

/** A client who signed in and saw no projects, as the admins see it: who, why, since when, and what to do. */
export interface AccessProblemRow {
  portalAccountId: string;
  email: string;
  cause: string;
  fix: string;
  since: string;
}

/** The staff console: clients who see no projects (with a re-check), and invites locked by the identity check. */
export function adminHomePage(options: {
  firmName: string;
  basePath: string;
  email: string;
  csrfToken: string;
  problems: AccessProblemRow[];
  locked: LockedInvite[];
  notice?: string;
  alert?: string;
  /** A link to share by hand, shown once with the notice. */
  link?: string;
  /** The roles this staff member may give a colleague; none hides the staff invite form. */
  staffRoles: string[];
  inviteCheck?: InviteCheck;
}): string {
  const { firmName, basePath, email, csrfToken, problems, locked, notice, alert, link, staffRoles, inviteCheck } = options;
  return layout({
    title: "Staff console",
    firmName,
    signedIn: { email, logoutAction: `${basePath}/logout`, csrfToken },
    body: html`<div class="card">
      <h1>Staff console</h1>
      <p><a href="${basePath}/admin/psa">PSA connection</a> · <a href="${basePath}/admin/templates">Portal templates</a></p>
      <form method="get" action="${basePath}/admin/clients">
        <label for="lookup-email">Why can't a client sign in? Look up their email</label>
        <input id="lookup-email" name="email" type="email" autocomplete="off" required>
        <button type="submit">Look up</button>
      </form>
      ${notice ? html`<div class="notice" role="status"><p>${notice}</p>${link ? html`<p><code>${link}</code></p>` : ""}</div>` : ""}
      ${alert ? html`<div class="alert" role="alert">${alert}</div>` : ""}
      ${inviteCheck
        ? html`<div class="alert" role="alert">
            <p><strong>Not sent yet.</strong> ${inviteCheck.email} ${inviteCheck.cause} If you invite it anyway, the client will not see their projects until that is fixed.</p>
            <p>${inviteCheck.fix}</p>
            ${inviteCheck.suggestion
              ? html`<form method="post" action="${basePath}/admin/invites">
                  <input type="hidden" name="_csrf" value="${csrfToken}">
                  <input type="hidden" name="email" value="${inviteCheck.suggestion}">
                  <input type="hidden" name="delivery" value="${inviteCheck.delivery}">
                  <button type="submit">Invite ${inviteCheck.suggestion} instead</button>
                </form>`
              : ""}
            <form method="post" action="${basePath}/admin/invites">
              <input type="hidden" name="_csrf" value="${csrfToken}">
              <input type="hidden" name="email" value="${inviteCheck.email}">
              <input type="hidden" name="delivery" value="${inviteCheck.delivery}">
              <input type="hidden" name="confirmed" value="yes">
              <button type="submit">Invite ${inviteCheck.email} anyway</button>
            </form>
          </div>`
        : ""}
      <h2>Invite a client</h2>
      <form method="post" action="${basePath}/admin/invites" novalidate>
        <input type="hidden" name="_csrf" value="${csrfToken}">
        <label for="invite-email">Client's email address</label>
        <input id="invite-email" name="email" type="email" autocomplete="off" required>
        <p><label><input type="radio" name="delivery" value="email" checked> Email the invite</label>
        <label><input type="radio" name="delivery" value="copy"> Show me a link to share myself</label></p>
        <button type="submit">Invite</button>
      </form>
      ${staffRoles.length === 0
        ? ""
        : html`<h2>Invite a colleague to this console</h2>
      <form method="post" action="${basePath}/admin/staff" novalidate>
        <input type="hidden" name="_csrf" value="${csrfToken}">
        <label for="staff-email">Colleague's email address</label>
        <input id="staff-email" name="email" type="email" autocomplete="off" required>
        <label for="staff-role">Role</label>
        <select id="staff-role" name="role">${staffRoles.map((role) => html`<option value="${role}"${role === "support" ? " selected" : ""}>${role}</option>`)}</select>
        <p><label><input type="radio" name="delivery" value="email" checked> Email the invite (the link works for one hour)</label>
        <label><input type="radio" name="delivery" value="copy"> Show me a link to share myself</label></p>
        <button type="submit">Invite to the console</button>
      </form>`}
      <h2>Clients who see no projects</h2>
      ${problems.length === 0
        ? html`<p>None: every client who signed in lately found their company in the PSA.</p>`
        : problems.map(
            (item) => html`<form method="post" action="${basePath}/admin/accounts/${item.portalAccountId}/recheck" class="card">
              <input type="hidden" name="_csrf" value="${csrfToken}">
              <p><strong>${item.email}</strong> ${item.cause} <span class="muted">since ${item.since}</span></p>
              <p>${item.fix}</p>
              <button type="submit">Check the PSA again now</button>
            </form>`,
          )}
      <h2>Invites locked by the identity check</h2>
      ${locked.length === 0
        ? html`<p>None.</p>`
        : locked.map(
            (item) => html`<form method="post" action="${basePath}/admin/accounts/${item.portalAccountId}/date-of-birth">
              <input type="hidden" name="_csrf" value="${csrfToken}">
              <p><strong>${item.email}</strong> <span class="muted">locked since ${item.since}</span></p>
              <label for="dob-${item.portalAccountId}">Correct date of birth (MM/DD/YYYY)</label>
              <input id="dob-${item.portalAccountId}" name="dateOfBirth" type="text" inputmode="numeric">
              <button type="submit">Save and unlock the invite</button>
            </form>`,
          )}
    </div>`,
  });
}

export interface PsaConnectionView {
  firmName: string;
  basePath: string;
  email: string;
  csrfToken: string;
  /** Only owners and admins change the connection; support staff can look and test. */
  canEdit: boolean;
  current: { label: string; settings: Array<{ label: string; value: string }> } | null;
  choices: Array<{ kind: string; label: string }>;
  editing: { kind: string; label: string; fields: ConnectorFormField[]; keepsSecrets: boolean; values: Record<string, string> };
  result?: { ok: boolean; message: string };
  problems?: string[];
  webhook: { supported: boolean; exists: boolean; justCreated?: string };
}

/** Staff console > PSA connection: what is connected, "Test connection", and the settings form (no scripts). */
export function psaConnectionPage(view: PsaConnectionView): string {
  const { basePath, csrfToken, current, editing } = view;
  return layout({
    title: "PSA connection",
    firmName: view.firmName,
    signedIn: { email: view.email, logoutAction: `${basePath}/logout`, csrfToken },
    body: html`<div class="card">
      <p><a href="${basePath}/admin">Staff console</a></p>
      <h1>PSA connection</h1>
      ${view.result
        ? view.result.ok
          ? html`<p class="notice" role="status">Test connection: ${view.result.message}</p>`
          : html`<div class="alert" role="alert">Test connection failed: ${view.result.message}</div>`
        : ""}
      ${view.problems?.length ? html`<div class="alert" role="alert"><p>Nothing was saved. Correct these and save again:</p><ul>${view.problems.map((p) => html`<li>${p}</li>`)}</ul></div>` : ""}
      ${current
        ? html`<h2>Connected to ${current.label}</h2>
            <dl class="fields">${current.settings.map((s) => html`<div><dt>${s.label}</dt><dd>${s.value}</dd></div>`)}</dl>
            <form method="post" action="${basePath}/admin/psa/test">
              <input type="hidden" name="_csrf" value="${csrfToken}">
              <button type="submit">Test connection</button>
            </form>`
        : html`<p>No PSA is connected yet: clients who sign in are told the firm's system is not set up.</p>`}
    </div>
    ${current && view.webhook.supported ? webhookCard(view) : ""}
    ${view.canEdit
      ? html`<div class="card">
          <h2>${current ? "Change the connection" : "Connect a PSA"}</h2>
          <p>${view.choices.map((c, i) => html`${i ? " · " : ""}${c.kind === editing.kind ? html`<strong>${c.label}</strong>` : html`<a href="${basePath}/admin/psa?kind=${c.kind}">${c.label}</a>`}`)}</p>
          <form method="post" action="${basePath}/admin/psa" novalidate>
            <input type="hidden" name="_csrf" value="${csrfToken}">
            <input type="hidden" name="kind" value="${editing.kind}">
            ${editing.fields.map((f) => {
              const id = `psa-${f.name.replace(/\W/g, "-")}`;
              const hint = f.secret && editing.keepsSecrets ? html` <span class="muted">(saved: leave blank to keep)</span>` : f.required ? "" : html` <span class="muted">(optional)</span>`;
              const value = f.secret ? "" : (editing.values[f.name] ?? "");
              return html`<label for="${id}">${f.label}${hint}</label>
                ${f.input === "textarea"
                  ? html`<textarea id="${id}" name="${f.name}" rows="4" placeholder="${f.placeholder ?? ""}">${value}</textarea>`
                  : html`<input id="${id}" name="${f.name}" type="${f.input}" value="${value}" placeholder="${f.placeholder ?? ""}" autocomplete="off">`}`;
            })}
            <button type="submit">Save and test the ${editing.label} connection</button>
          </form>
        </div>`
      : ""}`,
  });
}

/** The webhook address: so a change in the PSA shows on the client's next page load, not after the cache lifetime. */
function webhookCard(view: PsaConnectionView): SafeHtml {
  const { basePath, csrfToken, webhook } = view;
  return html`<div class="card">
    <h2>Webhook address</h2>
    <p>With a webhook, a change in the PSA (an email added to a contact, a contact archived, a company made
    inactive) shows on the client's next page load instead of after the cache lifetime.</p>
    ${webhook.justCreated
      ? html`<div class="notice" role="status"><p>Copy this address now: it is shown only once.</p><p><code>${webhook.justCreated}</code></p>
          <p class="muted">ConnectWise PSA: add callbacks (System &gt; Callbacks) of type contact, company and project at level owner to this
          address. Autotask: create ContactWebhooks and CompanyWebhooks with this address as webhookUrl and the part after the last
          slash as secretKey, so each delivery is signed.</p></div>`
      : html`<p>${webhook.exists ? "A webhook address is set. Replacing it retires the old one." : "No webhook address yet."}</p>`}
    ${view.canEdit
      ? html`<form method="post" action="${basePath}/admin/psa/webhook">
          <input type="hidden" name="_csrf" value="${csrfToken}">
          <button type="submit">${webhook.exists ? "Replace the webhook address" : "Create a webhook address"}</button>
        </form>`
      : ""}
  </div>`;
}

/** One line of a client's sign-in history as staff read it. */
export interface SignInRow {
  at: string;
  reason: string;
  meaning: string;
  ip: string | null;
}

/** What the client-access page knows about one address on this portal. */
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
  events: SignInRow[];
}

/**
 * "Why can't this client sign in?": the account's state, what the PSA says about the address, the latest
 * sign-in attempts with their reason codes, and a button for each fix staff can make here.
 */
export function clientAccessPage(options: {
  firmName: string;
  basePath: string;
  csrfToken: string;
  query: string;
  view: ClientAccessView | null;
  canChangeAccess: boolean;
  /** The signed-in staff member, for the header's sign-out. */
  staffEmail: string;
  notice?: string;
  alert?: string;
}): string {
  const { firmName, basePath, csrfToken, query, view, canChangeAccess, staffEmail, notice, alert } = options;
  const account = view?.account ?? null;
  const action = (path: string, label: string, extra: SafeHtml | string = "") =>
    html`<form method="post" action="${basePath}/admin/clients/${account?.id ?? ""}/${path}">
      <input type="hidden" name="_csrf" value="${csrfToken}">${extra}
      <button type="submit">${label}</button>
    </form>`;
  return layout({
    title: "Client access",
    firmName,
    signedIn: { email: staffEmail, logoutAction: `${basePath}/logout`, csrfToken },
    body: html`<div class="card">
      <p><a href="${basePath}/admin">Back to the staff console</a></p>
      <h1>Client access</h1>
      ${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
      ${alert ? html`<div class="alert" role="alert">${alert}</div>` : ""}
      <form method="get" action="${basePath}/admin/clients">
        <label for="client-email">Client's email address</label>
        <input id="client-email" name="email" type="email" autocomplete="off" value="${query}" required>
        <button type="submit">Look up</button>
      </form>
      ${view
        ? html`<h2>${view.email}</h2>
          ${account
            ? html`<ul>
                <li>Portal account: ${account.statusLine}</li>
                <li>Email ${account.confirmed ? "confirmed" : "not confirmed yet"}</li>
                <li>Last signed in: ${account.lastSignIn ?? "never"}</li>
                <li>${account.lockedUntil ? html`<strong>Sign-in locked</strong> after repeated wrong passwords, until ${account.lockedUntil}` : "Sign-in not locked"}</li>
              </ul>
              ${view.template
                ? html`<p>Template: ${view.template.line}.</p>
                  ${canChangeAccess
                    ? action(
                        "template",
                        "Save template",
                        html`<label for="client-template">This client's template</label>
                          <select id="client-template" name="template">
                            <option value="inherit"${view.template.override ? "" : " selected"}>Inherit (company, then portal default)</option>
                            ${view.template.choices.map((c) => html`<option value="${c.name}"${c.name === view.template?.override ? " selected" : ""}>${c.label}</option>`)}
                          </select>`,
                      )
                    : ""}`
                : ""}
              ${account.lockedUntil ? action("unlock", "Unlock sign-in now") : ""}
              ${canChangeAccess && account.status !== "disabled"
                ? action("access", "Turn access off", html`<input type="hidden" name="access" value="off">
                    <label for="off-reason">Reason (kept with the account, not shown to the client)</label>
                    <input id="off-reason" name="reason" type="text" maxlength="200">`)
                : ""}
              ${canChangeAccess && account.status === "disabled" ? action("access", "Turn access back on", html`<input type="hidden" name="access" value="on">`) : ""}`
            : html`<p>No portal account with this email on ${firmName}'s portal. <a href="${basePath}/admin">Invite them</a> from the console.</p>`}
          <h3>What the PSA says</h3>
          ${"unavailable" in view.psa
            ? html`<p>${view.psa.unavailable}</p>`
            : view.psa.ok
              ? html`<p>${view.psa.line}</p>`
              : html`<p>${view.email} ${view.psa.cause}</p><p>${view.psa.fix}</p>`}
          <h3>Latest sign-in attempts</h3>
          ${view.events.length === 0
            ? html`<p>None recorded.</p>`
            : html`<table>
                <thead><tr><th scope="col">When (UTC)</th><th scope="col">Outcome</th><th scope="col">Reason code</th><th scope="col">IP</th></tr></thead>
                <tbody>${view.events.map((e) => html`<tr><td>${e.at}</td><td>${e.meaning}</td><td><code>${e.reason}</code></td><td>${e.ip ?? ""}</td></tr>`)}</tbody>
              </table>`}`
        : ""}
    </div>`,
  });
}
