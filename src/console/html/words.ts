import { defaultTemplates, portalTemplates } from "../../../config/templates";
import { formatClockUtc, formatDateUtc } from "../../platform/format-time";
import type { Invited } from "../use-cases/invite-client";
import type { TemplateFailure } from "../use-cases/portal-templates";

/** What staff read on the console, keyed by the use-cases' outcomes and failure codes. */

export const when = (date: Date) => `${formatDateUtc(date)} ${formatClockUtc(date)}`;

export const consoleWords = {
  /** owners_and_admins_only, with the change that was refused. */
  ownersAndAdminsOnly: (what: string) => `Only an owner or admin can ${what}.`,
  clientNotFound: "No such client on this portal.",
  chooseConnector: "Choose one of the listed PSAs.",
  emailInvalid: (typed: string) => `"${typed}" is not an email address. Check it and try again.`,
  signedOutEverywhere: (email: string) => `${email} is signed out everywhere: every open session ends on its next page load. They sign in again with their password.`,
  roleNotAllowed: (role: string) => `You cannot give the role "${role}". Staff can invite colleagues with a role up to their own; support staff cannot invite staff.`,
};

/** The console's answer to an invite that went out or was not needed (the held-back case has its own box). */
export function inviteNotice(outcome: Exclude<Invited, { kind: "check_address" }>, who: "client" | "staff"): { notice?: string; alert?: string; link?: string } {
  switch (outcome.kind) {
    case "already_active":
      return {
        alert: who === "client" ? `${outcome.email} already has access. If they forgot their password, they can use "Forgot password?" on the sign-in page.` : `${outcome.email} is already on the staff console.`,
      };
    case "disabled":
      return { alert: `${outcome.email}'s ${who === "client" ? "" : "staff "}access is turned off, so no invite was sent. Turn the account back on first.` };
    default: {
      const until = who === "client" ? formatDateUtc(outcome.expiresAt) : `${formatClockUtc(outcome.expiresAt)} (one hour)`;
      const again = outcome.kind === "reinvited" ? " The earlier invite link no longer works." : "";
      const what = who === "client" ? "Invite" : "Staff invite";
      if (outcome.url) return { notice: `${what} link for ${outcome.email}, valid until ${until}. Copy it now: it is shown only once.${again}`, link: outcome.url };
      return { notice: `${what} sent to ${outcome.email}. The link works until ${until}.${again}` };
    }
  }
}

/** Why a template change was refused. */
export function templateFailureWords(failure: TemplateFailure): string {
  switch (failure.code) {
    case "owners_and_admins_only":
      return consoleWords.ownersAndAdminsOnly("change templates");
    case "template_not_found":
      return "No such template.";
    case "validation_failed":
      switch (failure.reason) {
        case "template_unknown":
          return `Nothing changed: choose one of ${portalTemplates.join(", ")}.`;
        case "company_template_unknown":
          return `Nothing changed: choose one of ${portalTemplates.join(", ")}, or the portal default.`;
        case "company_missing":
          return "Nothing changed: no company was named.";
        case "form_mismatch":
          return "Nothing changed: use the template's form on this page.";
        case "fields_unknown":
          return `Nothing changed: unknown field or section ${failure.unknown.slice(0, 3).join(", ")}.`;
      }
  }
}

export const templateLabel = (name: keyof typeof defaultTemplates) => defaultTemplates[name].label;
