import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { layout } from "../../platform/html/layout";

/** Who is looking at a console page, for its signed-in header and its forms. */
export interface ConsoleChrome {
  firmName: string;
  basePath: string;
  staffEmail: string;
  csrfToken: string;
}

/** A console page below the home: the signed-in header, the way back, the heading, then `content` (and more cards). */
export function consolePage(chrome: ConsoleChrome, title: string, content: SafeHtml, moreCards: SafeHtml | "" = ""): string {
  const { basePath, csrfToken } = chrome;
  return layout({
    title,
    firmName: chrome.firmName,
    signedIn: { email: chrome.staffEmail, logoutAction: `${basePath}/logout`, csrfToken },
    body: html`<div class="card">
      <p><a href="${basePath}/admin">Back to the staff console</a></p>
      <h1>${title}</h1>
      ${content}
    </div>
    ${moreCards}`,
  });
}

/** What the last action did, or why it did not. */
export const noticeAndAlert = (notice?: string, alert?: string): SafeHtml =>
  html`${notice ? html`<p class="notice" role="status">${notice}</p>` : ""}
      ${alert ? html`<div class="alert" role="alert">${alert}</div>` : ""}`;
