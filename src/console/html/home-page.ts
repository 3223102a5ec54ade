import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { layout } from "../../platform/html/layout";

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

export interface ConsoleHomeView {
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
}

const csrfField = (csrfToken: string) => html`<input type="hidden" name="_csrf" value="${csrfToken}">`;

function inviteForm(basePath: string, csrfToken: string, check: InviteCheck, email: string, button: string, confirmed: boolean): SafeHtml {
  return html`<form method="post" action="${basePath}/admin/invites">
              ${csrfField(csrfToken)}
              <input type="hidden" name="email" value="${email}">
              <input type="hidden" name="delivery" value="${check.delivery}">${confirmed ? html`
              <input type="hidden" name="confirmed" value="yes">` : ""}
              <button type="submit">${button}</button>
            </form>`;
}

/** The held-back invite: the cause, the fix, "invite the near match instead" and "invite anyway". */
function inviteCheckBox(view: ConsoleHomeView, check: InviteCheck): SafeHtml {
  const { basePath, csrfToken } = view;
  return html`<div class="alert" role="alert">
            <p><strong>Not sent yet.</strong> ${check.email} ${check.cause} If you invite it anyway, the client will not see their projects until that is fixed.</p>
            <p>${check.fix}</p>
            ${check.suggestion ? inviteForm(basePath, csrfToken, check, check.suggestion, `Invite ${check.suggestion} instead`, false) : ""}
            ${inviteForm(basePath, csrfToken, check, check.email, `Invite ${check.email} anyway`, true)}
          </div>`;
}

function inviteForms(view: ConsoleHomeView): SafeHtml {
  const { basePath, csrfToken, staffRoles } = view;
  return html`<h2>Invite a client</h2>
      <form method="post" action="${basePath}/admin/invites" novalidate>
        ${csrfField(csrfToken)}
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
        ${csrfField(csrfToken)}
        <label for="staff-email">Colleague's email address</label>
        <input id="staff-email" name="email" type="email" autocomplete="off" required>
        <label for="staff-role">Role</label>
        <select id="staff-role" name="role">${staffRoles.map((role) => html`<option value="${role}"${role === "support" ? " selected" : ""}>${role}</option>`)}</select>
        <p><label><input type="radio" name="delivery" value="email" checked> Email the invite (the link works for one hour)</label>
        <label><input type="radio" name="delivery" value="copy"> Show me a link to share myself</label></p>
        <button type="submit">Invite to the console</button>
      </form>`}`;
}

/** Clients who see no projects (each with "check the PSA again now"), and invites the identity check locked. */
function flagLists(view: ConsoleHomeView): SafeHtml {
  const { basePath, csrfToken, problems, locked } = view;
  return html`<h2>Clients who see no projects</h2>
      ${problems.length === 0
        ? html`<p>None: every client who signed in lately found their company in the PSA.</p>`
        : problems.map(
            (item) => html`<form method="post" action="${basePath}/admin/accounts/${item.portalAccountId}/recheck" class="card">
              ${csrfField(csrfToken)}
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
              ${csrfField(csrfToken)}
              <p><strong>${item.email}</strong> <span class="muted">locked since ${item.since}</span></p>
              <label for="dob-${item.portalAccountId}">Correct date of birth (MM/DD/YYYY)</label>
              <input id="dob-${item.portalAccountId}" name="dateOfBirth" type="text" inputmode="numeric">
              <button type="submit">Save and unlock the invite</button>
            </form>`,
          )}`;
}

/** The staff console: invites, clients who see no projects (with a re-check), and invites locked by the identity check. */
export function adminHomePage(view: ConsoleHomeView): string {
  const { firmName, basePath, email, csrfToken, notice, alert, link, inviteCheck } = view;
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
      ${inviteCheck ? inviteCheckBox(view, inviteCheck) : ""}
      ${inviteForms(view)}
      ${flagLists(view)}
    </div>`,
  });
}
