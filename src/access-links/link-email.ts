import type { AccessLinkKind } from "../generated/prisma/client";
import { html } from "../platform/html/html";
import { formatDuration } from "../platform/formatting";
import type { Formatter } from "../platform/formatting";
import { headerSafeText } from "../platform/mail/mail-headers";
import { emailDocument, LINK_MARKER } from "../platform/mail/email-content";
import type { EmailBrand, EmailContent } from "../platform/mail/email-content";

/**
 * The words of each link email. The body is stored in the outbox with LINK_MARKER where the link goes: the
 * token is minted when the email is actually sent (mintDeliveryLink, deliver-due-emails.ts), so it never
 * sits in the database.
 */

const wording: Record<AccessLinkKind, { subject: (firm: string) => string; lead: (firm: string) => string; button: string }> = {
  invite_client: {
    subject: (firm) => `${firm} invited you to their client portal`,
    lead: (firm) => `${firm} invited you to their client portal. Use the link below to choose a password and set up your account.`,
    button: "Set up my account",
  },
  invite_staff: {
    subject: (firm) => `Your staff account for ${firm}'s client portal`,
    lead: (firm) => `You were added as staff on ${firm}'s client portal. Use the link below to choose your password.`,
    button: "Set up my staff account",
  },
  reset: {
    subject: (firm) => `Reset your password for ${firm}'s client portal`,
    lead: (firm) => `Someone asked to reset the password of your account on ${firm}'s client portal. Use the link below to choose a new one.`,
    button: "Choose a new password",
  },
  magic: {
    subject: (firm) => `Your sign-in link for ${firm}'s client portal`,
    lead: (firm) => `Use the link below to sign in to ${firm}'s client portal without a password.`,
    button: "Sign in",
  },
  confirm: {
    subject: (firm) => `Confirm your email for ${firm}'s client portal`,
    lead: (firm) => `Please confirm that this is your email address for ${firm}'s client portal.`,
    button: "Confirm my email",
  },
};

export function describeExpiry(expiresAt: Date, now: Date, format: Formatter): string {
  return `This link expires in ${formatDuration(expiresAt.getTime() - now.getTime())}, on ${format.dateTime(expiresAt)}, and works once.`;
}

/** A link email in the firm's look (brand) and its time zone and locale (format). */
export function composeLinkEmail(options: { kind: AccessLinkKind; brand: EmailBrand; format: Formatter; expiresAt: Date; now: Date }): EmailContent {
  const { brand } = options;
  const firm = brand.firmName;
  const words = wording[options.kind];
  const expiry = describeExpiry(options.expiresAt, options.now, options.format);
  const notYou = "Not you, or not expecting this? Ignore this email: nothing changes unless the link is used.";
  const sentBy = `This message was sent by ${firm}'s client portal from a no-reply address.`;
  const text = [words.lead(firm), "", LINK_MARKER, "", expiry, "", notYou, ...(brand.contactLine ? ["", brand.contactLine] : []), "", sentBy].join("\n");
  const body = html`<p>${words.lead(firm)}</p>
<p><a href="${LINK_MARKER}" style="display:inline-block;padding:.6rem 1.1rem;background:${brand.color};color:#fff;text-decoration:none;border-radius:6px">${words.button}</a></p>
<p style="font-size:.9rem">Or copy this address into your browser:<br>${LINK_MARKER}</p>
<p>${expiry}</p>
<p style="font-size:.9rem;color:#57606a">${notYou}</p>`;
  const footer = html`<p style="font-size:.8rem;color:#57606a">${sentBy}</p>`;
  return { subject: headerSafeText(words.subject(firm), 200), text, html: emailDocument(brand, html`${body}${footer}`) };
}
