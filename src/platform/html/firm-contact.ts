import { firmPortalSettings } from "../../../config/firm-settings";
import { html } from "./html";
import type { SafeHtml } from "./html";

/** Whom a client asks: the firm's support contact from its settings (each part null where the firm set none). */
export interface FirmContact {
  name: string;
  email: string | null;
  phone: string | null;
}

export function firmContact(firm: { name: string; settings: unknown }): FirmContact {
  const settings = firmPortalSettings(firm.settings);
  return { name: firm.name, email: settings.supportEmail, phone: settings.supportPhone };
}

/**
 * One line with the firm's contact, so that no page a client can land on is a dead end: "Questions? Contact Northwind:
 * help@… or +1 …". A firm without a support contact is still named, as the firm that invited them.
 */
export function contactLine(contact: FirmContact, lead = "Questions?"): SafeHtml {
  const ways = [
    contact.email ? html`<a href="mailto:${contact.email}">${contact.email}</a>` : null,
    contact.phone ? html`<a href="tel:${contact.phone.replace(/[^+\d]/g, "")}">${contact.phone}</a>` : null,
  ].filter((way): way is SafeHtml => way !== null);
  const intro = lead ? `${lead} Contact` : "Contact";
  if (ways.length === 0) return html`<p class="contact">${intro} ${contact.name}, the firm that invited you to this portal.</p>`;
  return html`<p class="contact">${intro} ${contact.name}: ${ways.length === 2 ? html`${ways[0]} or ${ways[1]}` : ways[0]}.</p>`;
}
