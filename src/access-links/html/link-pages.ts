import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { brandOf, cardPage, messagePage } from "../../platform/html/layout";
import type { PageBrand } from "../../platform/html/layout";

/**
 * Pages opened from an emailed link. None of them has a script or starts a session: a GET only shows a page,
 * and the form posts back to the same URL, whose token is the proof (no CSRF cookie needed).
 */
export function deadLinkPage(options: PageBrand & { firmName: string; title: string; message: string | SafeHtml; next: SafeHtml }): string {
  return messagePage({ ...options, role: "alert" });
}

/** "Continue" pages (magic sign-in, email confirmation): a scanner fetching the link only sees this button. */
export function continuePage(options: PageBrand & { firmName: string; title: string; intro: string; action: string; button: string }): string {
  return cardPage({
    ...options,
    content: html`<form method="post" action="${options.action}">
        <button type="submit">${options.button}</button>
      </form>`,
  });
}

export interface SetPasswordPageOptions extends PageBrand {
  firmName: string;
  title: string;
  intro: string;
  action: string;
  email: string;
  minLength: number;
  button: string;
  /** Ask for the date of birth too (firm setting identityCheck = "date_of_birth"). */
  askDateOfBirth?: boolean;
  /** Entered values worth keeping after a problem (never the password). */
  dateOfBirth?: string;
  alert?: string | SafeHtml;
  field?: "password" | "dateOfBirth";
}

export function setPasswordPage(o: SetPasswordPageOptions): string {
  // Each field is tied to its hint, and to the problem when the problem is about it (WCAG 1.3.1, 3.3.1).
  const described = (field: "password" | "dateOfBirth") => {
    const hint = field === "password" ? "password-hint" : "dob-hint";
    return o.alert && o.field === field ? html` aria-describedby="${hint} form-error" aria-invalid="true"` : html` aria-describedby="${hint}"`;
  };
  return cardPage({
    title: o.title,
    ...brandOf(o),
    intro: o.intro,
    content: html`${o.alert ? html`<div class="alert" role="alert" id="form-error">${o.alert}</div>` : ""}
      <form method="post" action="${o.action}" novalidate>
        <label for="username">Email</label>
        <input id="username" name="username" type="email" autocomplete="username" value="${o.email}" readonly>
        ${o.askDateOfBirth
          ? html`<label for="dateOfBirth">Your date of birth</label>
              <p class="muted" id="dob-hint">As MM/DD/YYYY, for example 04/27/1985. ${o.firmName} checks it against their records.</p>
              <input id="dateOfBirth" name="dateOfBirth" type="text" inputmode="numeric" autocomplete="bday" placeholder="MM/DD/YYYY" value="${o.dateOfBirth ?? ""}"${described("dateOfBirth")}>`
          : ""}
        <label for="password">New password</label>
        <p class="muted" id="password-hint">At least ${o.minLength} characters. A few unrelated words make a long password that is easy to remember.</p>
        <input id="password" name="password" type="password" autocomplete="new-password" minlength="${o.minLength}" required${described("password")}>
        <button type="submit">${o.button}</button>
      </form>`,
  });
}

/** A plain outcome page ("Email confirmed", "Password changed") with one next step. */
export function outcomePage(options: PageBrand & { firmName: string; title: string; message: string; next: SafeHtml }): string {
  return messagePage({ ...options, role: "status" });
}
