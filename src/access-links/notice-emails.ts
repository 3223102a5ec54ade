import type { Config } from "../../config";
import type { Firm } from "../generated/prisma/client";
import { noticeEmail } from "../platform/mail/email-content";
import type { EmailContent } from "../platform/mail/email-content";
import { headerSafeText } from "../platform/mail/mail-headers";
import { emailBrandOf, howToReach } from "../firms/firm-presentation";

/** Sent instead of a link when a disabled account asks for one: the owner learns why nothing works, and whom to ask. */
export function accessTurnedOffEmail(config: Config, firm: Firm): EmailContent {
  const brand = emailBrandOf(config, firm);
  const name = brand.firmName;
  return noticeEmail(
    `Your access to ${name}'s client portal is turned off`,
    [
      `Someone asked for a sign-in or password email for your account on ${name}'s client portal. Your access is turned off, so no link was sent.`,
      `If you need access, contact ${headerSafeText(howToReach(firm))} and ask them to turn it back on.`,
      "Not you? Ignore this email: nothing has changed.",
    ],
    { ...brand, contactLine: null },
  );
}

/** To the firm's owners and admins when a client's invite locks after too many wrong identity answers. */
export function identityCheckLockedEmail(firmName: string, clientEmail: string, attempts: number): EmailContent {
  const firm = headerSafeText(firmName);
  return noticeEmail(`A client's portal invite is locked: please check their record`, [
    `${clientEmail} gave ${attempts} wrong answers to the date-of-birth check on their invite to ${firm}'s client portal, so the invite is locked.`,
    "Check the date of birth on their record with them through a channel you trust. Once you correct it, the same invite link works again; nothing needs to be resent.",
  ]);
}
