import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { layout } from "../../platform/html/layout";

export interface LoginPageOptions {
  firmName: string;
  basePath: string;
  csrfToken: string;
  /** A problem to show above the form: plain text, or markup built with `html`. */
  alert?: string | SafeHtml;
  /** Only pre-filled when it reveals nothing (never after a failed attempt: both failures must read alike). */
  email?: string;
  notice?: string;
}

export function loginPage(options: LoginPageOptions): string {
  const { firmName, basePath, csrfToken, alert, email, notice } = options;
  return layout({
    title: "Sign in",
    firmName,
    body: html`<div class="card">
      <h1>Sign in to ${firmName}'s client portal</h1>
      ${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
      ${alert ? html`<div class="alert" role="alert" id="login-error">${alert}</div>` : ""}
      <form method="post" action="${basePath}/login" novalidate>
        <input type="hidden" name="_csrf" value="${csrfToken}">
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="username" required value="${email ?? ""}"${alert ? html` aria-describedby="login-error"` : ""}>
        <label for="password">Password</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required>
        <button type="submit">Sign in</button>
      </form>
      <p class="muted"><a href="${basePath}/forgot">Forgot your password?</a> · <a href="${basePath}/magic">Email me a sign-in link</a></p>
    </div>`,
  });
}
