import type { Config } from "../../config";
import { firmPresentation } from "../../config/firm-settings";
import type { Firm } from "../generated/prisma/client";
import { createFormatter } from "../platform/formatting";
import type { Formatter } from "../platform/formatting";
import { publicBaseUrl } from "../platform/http/public-url";
import { productBlue } from "../platform/mail/email-content";
import type { EmailBrand } from "../platform/mail/email-content";
import { headerSafeText } from "../platform/mail/mail-headers";

/** How this firm's dates, times and amounts read (its locale, time zone and currency; en-US, UTC, USD by default). */
export function formatterFor(firm: Pick<Firm, "settings">): Formatter {
  return createFormatter(firmPresentation(firm.settings));
}

/** Where the firm's clients ask for help, when the firm has said (Settings > Support contact). */
export interface SupportContact {
  email: string | null;
  phone: string | null;
}

export function supportContactOf(firm: Pick<Firm, "settings">): SupportContact | null {
  const { supportEmail, supportPhone } = firmPresentation(firm.settings);
  return supportEmail || supportPhone ? { email: supportEmail, phone: supportPhone } : null;
}

/** "Acme Design at help@acme.com or +1 555 010 0199": how a client reaches the firm, in every "contact your firm". */
export function howToReach(firm: Pick<Firm, "name" | "settings">): string {
  const contact = supportContactOf(firm);
  const ways = [contact?.email, contact?.phone].filter((way): way is string => !!way);
  return ways.length ? `${firm.name} at ${ways.join(" or ")}` : firm.name;
}

/** Where the firm's logo is served (immutable: a new logo has a new hash), under the portal's path. */
export const logoPath = (basePath: string, logoHash: string) => `${basePath}/logo/${logoHash}`;

/** The firm's look and contact for its emails (the logo as an absolute URL on PUBLIC_URL). */
export function emailBrandOf(config: Config, firm: Pick<Firm, "name" | "slug" | "settings">): EmailBrand {
  const presentation = firmPresentation(firm.settings);
  const base = `${publicBaseUrl(config)}/portal/${encodeURIComponent(firm.slug)}`;
  return {
    color: presentation.brandColor ?? productBlue,
    logoUrl: presentation.logoHash ? logoPath(base, presentation.logoHash) : null,
    firmName: headerSafeText(firm.name),
    contactLine: supportContactOf(firm) ? `Questions? Contact ${headerSafeText(howToReach(firm))}.` : null,
  };
}

/** The firm's look on its pages: the header's accent colour and its logo (under the portal's path on this host). */
export function pageBrandOf(firm: Pick<Firm, "settings">, basePath: string): { accent: string | null; logoSrc: string | null } {
  const { brandColor, logoHash } = firmPresentation(firm.settings);
  return { accent: brandColor, logoSrc: logoHash ? logoPath(basePath, logoHash) : null };
}
