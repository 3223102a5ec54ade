import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { csrfField } from "../../platform/html/csrf-field";
import { brandOf, cardPage, layout } from "../../platform/html/layout";
import type { PageBrand } from "../../platform/html/layout";

/** The "send me an email" forms: forgot password, sign-in link, new confirmation email. */
export function emailRequestPage(options: PageBrand & {
  firmName: string;
  /** Where "Back to sign in" goes: the clients' or the staff sign-in page. */
  signInUrl: string;
  title: string;
  intro: string;
  action: string;
  button: string;
  csrfToken: string;
  alert?: string | SafeHtml;
}): string {
  const { signInUrl, title, intro, action, button, csrfToken, alert } = options;
  return cardPage({
    title,
    ...brandOf(options),
    intro,
    content: html`${alert ? html`<div class="alert" role="alert" id="form-error">${alert}</div>` : ""}
      <form method="post" action="${action}" novalidate>
        ${csrfField(csrfToken)}
        <label for="email">Email</label>
        <input id="email" name="email" type="email" autocomplete="email" required${alert ? html` aria-describedby="form-error"` : ""}>
        <button type="submit">${button}</button>
      </form>
      <p class="muted"><a href="${signInUrl}">Back to sign in</a></p>`,
  });
}

/**
 * What every such request answers, whether or not the address has an account: the same bytes and status
 * either way (so not even the typed address is echoed), and the page cannot tell who is a client of the firm.
 */
export function checkEmailPage(options: PageBrand & { firmName: string; signInUrl: string }): string {
  const { firmName, signInUrl } = options;
  return layout({
    title: "Check your email",
    ...brandOf(options),
    body: html`<div class="card" role="status">
      <h1>Check your email</h1>
      <p>If that address has an account on ${firmName}'s portal, we have sent it an email with a link. It can take a few minutes to arrive;
        check your spam or junk folder too. Only the newest link works.</p>
      <p class="muted">Nothing arrived? Check the address you typed, or ask ${firmName} which address they have for you.</p>
      <p><a href="${signInUrl}">Back to sign in</a></p>
    </div>`,
  });
}
