import { html } from "./html";
import type { SafeHtml } from "./html";
import { layout } from "./layout";

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
      <p class="muted">Clients sign in at <a href="${basePath}/login">${basePath}/login</a>.</p>
    </div>`,
  });
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
}): string {
  const { firmName, basePath, email, csrfToken, problems, locked, notice, alert } = options;
  return layout({
    title: "Staff console",
    firmName,
    signedIn: { email, logoutAction: `${basePath}/logout`, csrfToken },
    body: html`<div class="card">
      <h1>Staff console</h1>
      ${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
      ${alert ? html`<div class="alert" role="alert">${alert}</div>` : ""}
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
