import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { csrfField } from "../../platform/html/csrf-field";
import { brandOf, layout } from "../../platform/html/layout";
import type { PageBrand } from "../../platform/html/layout";

export interface SignInPageOptions extends PageBrand {
  firmName: string;
  basePath: string;
  csrfToken: string;
  /** A problem to show above the form: plain text, or markup built with `html`. */
  alert?: string | SafeHtml;
  notice?: string;
  /** The email as typed in a failed attempt, kept in the field (escaped like everything interpolated). */
  email?: string;
}

/** The email and password form both sign-in pages share (clients at login, staff at admin/login). */
function signInForm(action: string, csrfToken: string, alert: SignInPageOptions["alert"], email = ""): SafeHtml {
  return html`<form method="post" action="${action}" novalidate>
        ${csrfField(csrfToken)}
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" value="${email}" required${alert ? html` aria-describedby="login-error"` : ""}>
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">Sign in</button>
      </form>`;
}

const alertBox = (alert: SignInPageOptions["alert"]) => (alert ? html`<div class="alert" role="alert" id="login-error">${alert}</div>` : "");

/**
 * Clients' sign-in. After a failed attempt the typed email stays in its field, whichever way it failed, so a wrong
 * password and an unknown email still read alike (the page differs only by what the person typed).
 */
export function loginPage(options: SignInPageOptions): string {
  const { firmName, basePath, csrfToken, alert, notice, email } = options;
  return layout({
    title: "Sign in",
    ...brandOf(options),
    body: html`<div class="card">
      <h1>Sign in to ${firmName}'s client portal</h1>
      ${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
      ${alertBox(alert)}
      ${signInForm(`${basePath}/login`, csrfToken, alert, email)}
      <p class="muted"><a href="${basePath}/forgot">Forgot your password?</a> · <a href="${basePath}/magic">Email me a sign-in link</a></p>
    </div>`,
  });
}

export function staffLoginPage(options: SignInPageOptions): string {
  const { firmName, basePath, csrfToken, alert, email } = options;
  return layout({
    title: "Staff sign in",
    ...brandOf(options),
    body: html`<div class="card">
      <h1>Staff sign in to ${firmName}'s portal</h1>
      ${alertBox(alert)}
      ${signInForm(`${basePath}/admin/login`, csrfToken, alert, email)}
      <p class="muted"><a href="${basePath}/admin/forgot">Forgot your password?</a></p>
      <p class="muted">Clients sign in at <a href="${basePath}/login">${basePath}/login</a>.</p>
    </div>`,
  });
}
