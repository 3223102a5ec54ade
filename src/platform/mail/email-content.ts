import { html } from "../html/html";
import { headerSafeText } from "./mail-headers";

/** An email's words, as the outbox stores them. */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/**
 * Where an access link goes in a stored email. The token is minted only when the email is actually sent
 * (deliver-due-emails.ts asks the feature that issued the link), so it never sits in the database.
 */
export const LINK_MARKER = "{{access_link}}";

/** An email without a link: a plain notice to a client or to the firm's staff. */
export function noticeEmail(subject: string, paragraphs: string[]): EmailContent {
  return {
    subject: headerSafeText(subject, 200),
    text: paragraphs.join("\n\n"),
    html: html`<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1b1f24;max-width:36rem">${paragraphs.map((p) => html`<p>${p}</p>`)}</body></html>`.value,
  };
}
