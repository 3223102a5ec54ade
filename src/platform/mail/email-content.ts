import { html } from "../html/html";
import type { SafeHtml } from "../html/html";
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

/** How an email looks for the firm that sends it: its colour on the button, its logo on top, its contact at the foot. */
export interface EmailBrand {
  color: string;
  /** An absolute URL of the firm's logo, served by the gateway; null without one. */
  logoUrl: string | null;
  firmName: string;
  /** "Questions? Contact ..." with the firm's support contact; null when the firm has set none. */
  contactLine: string | null;
}

export const productBlue = "#0b5cad";

/** The HTML frame every email shares: the logo, then the content, then the firm's contact. */
export function emailDocument(brand: EmailBrand, content: SafeHtml): string {
  return html`<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1b1f24;max-width:36rem">
${brand.logoUrl ? html`<p><img src="${brand.logoUrl}" alt="${brand.firmName}" style="max-height:48px;max-width:200px"></p>` : ""}
${content}
${brand.contactLine ? html`<p style="font-size:.9rem">${brand.contactLine}</p>` : ""}
</body></html>`.value;
}

/** An email without a link: a plain notice to a client or to the firm's staff. */
export function noticeEmail(subject: string, paragraphs: string[], brand?: EmailBrand): EmailContent {
  const footer = brand?.contactLine ? [brand.contactLine] : [];
  const frame = brand ?? { color: productBlue, logoUrl: null, firmName: "", contactLine: null };
  return {
    subject: headerSafeText(subject, 200),
    text: [...paragraphs, ...footer].join("\n\n"),
    html: emailDocument(frame, html`${paragraphs.map((p) => html`<p>${p}</p>`)}`),
  };
}
