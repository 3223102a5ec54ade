import { errorCatalogue } from "../../platform/errors";
import { html } from "../../platform/html/html";
import type { SafeHtml } from "../../platform/html/html";
import { formatDuration } from "../../platform/formatting";
import { formatterFor } from "../../firms/firm-presentation";
import type { Tenant } from "../../platform/http/request-state";
import { contactLine, firmContact } from "../../platform/html/firm-contact";
import type { SignInFailure } from "../use-cases/sign-in-with-password";

export const missingCredentials = "Enter your email and your password.";

/** Why the client's session was ended for them, told on the sign-in page they were sent to. */
export function signedOutWords(because: "access_off" | "sessions_ended", tenant: Tenant): SafeHtml {
  const firm = tenant.firm.name;
  // A password reset and staff's "sign out everywhere" both move sessionsValidAfter: the words fit either.
  if (because === "sessions_ended") return html`You were signed out because your password was changed or ${firm} signed you out everywhere. Sign in again with your current password.`;
  return html`You were signed out because your access to ${firm}'s portal was turned off. Only ${firm} can turn it back on: once they have, sign in here again.${contactLine(firmContact(tenant.firm), "")}`;
}

/** What a client's failed sign-in shows. Wrong password, unknown email and unclaimed invite read exactly alike. */
export function clientSignInAlert(failure: SignInFailure, tenant: Tenant, now: number): string | SafeHtml {
  const firm = tenant.firm.name;
  const { time } = formatterFor(tenant.firm);
  switch (failure.code) {
    case "credentials_invalid":
      return errorCatalogue.credentials_invalid.message;
    case "sign_in_locked":
      return html`Too many failed sign-in attempts for this email. For your security, signing in with it is paused until ${time(failure.until)}
          (in ${formatDuration(failure.until.getTime() - now)}), even with the right password.
          You can <a href="${tenant.basePath}/forgot">reset your password</a> meanwhile.`;
    case "rate_limited":
      return `Too many failed sign-in attempts from your network. Try again after ${time(failure.until)} (in ${formatDuration(failure.until.getTime() - now)}).`;
    case "account_disabled":
      return html`Your access to ${firm}'s portal is turned off. Contact ${firm} and ask them to turn it back on.${contactLine(firmContact(tenant.firm), "")}`;
    case "email_unconfirmed":
      return html`Please confirm your email address first: we sent a confirmation link to ${failure.email}.
          Can't find it? <a href="${tenant.basePath}/confirm">Send a new confirmation email</a>.`;
  }
}

/** What a staff member's failed sign-in shows. */
export function staffSignInAlert(failure: SignInFailure, tenant: Tenant): string {
  switch (failure.code) {
    case "sign_in_locked":
    case "rate_limited":
      return `Too many failed sign-in attempts. Try again after ${formatterFor(tenant.firm).time(failure.until)}.`;
    case "account_disabled":
      return "Your staff access is turned off. Ask your firm's portal owner.";
    default:
      return errorCatalogue.credentials_invalid.message;
  }
}
