import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { csrfField } from "../../platform/html/csrf-field";
import { consolePage, copyableLink } from "./console-layout";
import type { ConsoleChrome, Outcome } from "./console-layout";

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

export interface ConsoleHomeView extends ConsoleChrome, Outcome {
  problems: AccessProblemRow[];
  locked: LockedInvite[];
  inviteCheck?: InviteCheck;
}

/** The last action's notice (with its one-time link, wrapped, with a Copy button) or its alert. */
export function outcomeBox(outcome: Outcome): SafeHtml {
  return html`${outcome.notice ? html`<div class="notice" role="status"><p>${outcome.notice}</p>${outcome.link ? copyableLink(outcome.link) : ""}</div>` : ""}
      ${outcome.alert ? html`<div class="alert" role="alert">${outcome.alert}</div>` : ""}`;
}

function inviteForm(view: ConsoleHomeView, check: InviteCheck, email: string, button: string, confirmed: boolean): SafeHtml {
  return html`<form method="post" action="${view.basePath}/admin/invites">
              ${csrfField(view.csrfToken)}
              <input type="hidden" name="email" value="${email}">
              <input type="hidden" name="delivery" value="${check.delivery}">${confirmed ? html`
              <input type="hidden" name="confirmed" value="yes">` : ""}
              <button type="submit">${button}</button>
            </form>`;
}

/** The held-back invite: the cause, the fix, "invite the near match instead" and "invite anyway". */
function inviteCheckBox(view: ConsoleHomeView, check: InviteCheck): SafeHtml {
  return html`<div class="alert" role="alert">
            <p><strong>Not sent yet.</strong> ${check.email} ${check.cause} If you invite it anyway, the client will not see their projects until that is fixed.</p>
            <p>${check.fix}</p>
            ${check.suggestion ? inviteForm(view, check, check.suggestion, `Invite ${check.suggestion} instead`, false) : ""}
            ${inviteForm(view, check, check.email, `Invite ${check.email} anyway`, true)}
          </div>`;
}

/** One client invite (many at once: the Clients page's bulk invite). */
export function clientInviteForm(chrome: ConsoleChrome): SafeHtml {
  return html`<form method="post" action="${chrome.basePath}/admin/invites" novalidate>
        ${csrfField(chrome.csrfToken)}
        <label for="invite-email">Client's email address</label>
        <input id="invite-email" name="email" type="email" autocomplete="off" required>
        <p><label><input type="radio" name="delivery" value="email" checked> Email the invite</label>
        <label><input type="radio" name="delivery" value="copy"> Show me a link to share myself</label></p>
        <button type="submit">Invite</button>
      </form>`;
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

/**
 * The console's first page: the open flags (who signs in and sees nothing, and why; invites the identity check
 * locked), then "why can't a client sign in?" and a client invite.
 */
export function adminHomePage(view: ConsoleHomeView): string {
  const { basePath, inviteCheck } = view;
  return consolePage(
    view,
    "Staff console",
    html`${outcomeBox(view)}
      ${inviteCheck ? inviteCheckBox(view, inviteCheck) : ""}
      ${flagLists(view)}`,
    html`<div class="card">
      <h2>Why can't a client sign in?</h2>
      <form method="get" action="${basePath}/admin/clients">
        <label for="lookup-email">Why can't a client sign in? Look up their email</label>
        <input id="lookup-email" name="email" type="email" autocomplete="off" required>
        <button type="submit">Look up</button>
      </form>
      <h2>Invite a client</h2>
      ${clientInviteForm(view)}
      <p class="muted">To invite many clients at once, paste a list or upload a CSV on the <a href="${basePath}/admin/clients">Clients</a> page.</p>
    </div>`,
  );
}
