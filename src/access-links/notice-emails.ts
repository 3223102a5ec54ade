import { headerSafeText } from "../platform/mail/mail-headers";
import { noticeEmail } from "../platform/mail/email-content";
import type { EmailContent } from "../platform/mail/email-content";

/** Sent instead of a link when a disabled account asks for one: the owner learns why nothing works. */
export function accessTurnedOffEmail(firmName: string): EmailContent {
  const firm = headerSafeText(firmName);
  return noticeEmail(`Your access to ${firm}'s client portal is turned off`, [
    `Someone asked for a sign-in or password email for your account on ${firm}'s client portal. Your access is turned off, so no link was sent.`,
    `If you need access, contact ${firm} and ask them to turn it back on.`,
    "Not you? Ignore this email: nothing has changed.",
  ]);
}

/** To the firm's owners and admins when a client's invite locks after too many wrong identity answers. */
export function identityCheckLockedEmail(firmName: string, clientEmail: string, attempts: number): EmailContent {
  const firm = headerSafeText(firmName);
  return noticeEmail(`A client's portal invite is locked: please check their record`, [
    `${clientEmail} gave ${attempts} wrong answers to the date-of-birth check on their invite to ${firm}'s client portal, so the invite is locked.`,
    "Check the date of birth on their record with them through a channel you trust. Once you correct it, the same invite link works again; nothing needs to be resent.",
  ]);
}
