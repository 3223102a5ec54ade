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

/** The staff console's placeholder: for now, invites locked by the identity check, with the fix. */
export function adminHomePage(options: { firmName: string; basePath: string; email: string; csrfToken: string; locked: LockedInvite[]; notice?: string; alert?: string }): string {
  const { firmName, basePath, email, csrfToken, locked, notice, alert } = options;
  return layout({
    title: "Staff console",
    firmName,
    signedIn: { email, logoutAction: `${basePath}/logout`, csrfToken },
    body: html`<div class="card">
      <h1>Staff console</h1>
      ${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
      ${alert ? html`<div class="alert" role="alert">${alert}</div>` : ""}
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
