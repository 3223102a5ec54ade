import { defaultTemplates, portalTemplates } from "../../../config/templates";
import type { Formatter } from "../../platform/formatting";
import type { Invited } from "../use-cases/invite-client";
import type { TemplateFailure } from "../use-cases/portal-templates";
import type { StaffChangeFailure } from "../use-cases/manage-staff";
import type { Outcome } from "./console-layout";

/** What staff read on the console, keyed by the use-cases' outcomes and failure codes. */

export const consoleWords = {
  /** owners_and_admins_only, with the change that was refused. */
  ownersAndAdminsOnly: (what: string) => `Only an owner or admin can ${what}.`,
  clientNotFound: "No such client on this portal.",
  chooseConnector: "Choose one of the listed PSAs.",
  emailInvalid: (typed: string) => `"${typed}" is not an email address. Check it and try again.`,
  signedOutEverywhere: (email: string) => `${email} is signed out everywhere: every open session ends on its next page load. They sign in again with their password.`,
  accessChoice: 'Nothing changed: the form must say whether to turn access "off" or "on".',
  /** A destructive action sent without its confirmation box ticked. */
  confirmFirst: (what: string) => `Nothing changed: tick the box to confirm that you want to ${what}, then press the button again.`,
  roleNotAllowed: (role: string) => `You cannot give the role "${role}". Staff can invite colleagues with a role up to their own; support staff cannot invite staff.`,
};

/** The PSA connection page's answers. */
export const psaWords = {
  saved: "Saved: the connection answered its test, and clients' next page loads use it.",
  savedFailing:
    'Saved although the test failed, as you chose. Until these settings work, every client sees "project information unavailable" instead of their projects: correct them and save again.',
  notSaved: (kept: string | null) =>
    kept
      ? `Nothing was saved: the test of these settings failed (see below), so the working ${kept} connection stays in place and clients keep seeing their projects. Correct the settings and try again, or choose "Save even if the test fails".`
      : 'Nothing was saved: the test of these settings failed (see below). Correct the settings and try again, or choose "Save even if the test fails".',
  nothingSaved: "Nothing was saved. Correct the fields marked below and save again.",
  nothingFound: "Nothing was found. Correct the fields marked below and try again.",
};

/** The console's answer to an invite that went out or was not needed (the held-back case has its own box). */
export function inviteNotice(outcome: Exclude<Invited, { kind: "check_address" }>, who: "client" | "staff", format: Formatter): Outcome {
  switch (outcome.kind) {
    case "already_active":
      return {
        alert: who === "client" ? `${outcome.email} already has access. If they forgot their password, they can use "Forgot password?" on the sign-in page.` : `${outcome.email} is already on the staff console.`,
      };
    case "disabled":
      return { alert: `${outcome.email}'s ${who === "client" ? "" : "staff "}access is turned off, so no invite was sent. Turn the account back on first.` };
    default: {
      const until = who === "client" ? format.date(outcome.expiresAt) : `${format.time(outcome.expiresAt)} (one hour)`;
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

/** Why an owner's change to a colleague was refused. */
export function staffFailureWords(failure: StaffChangeFailure): string {
  switch (failure.code) {
    case "owners_only":
      return "Only an owner can change a colleague's role or turn their access off or on.";
    case "staff_not_found":
      return "No such staff member on this portal.";
    case "last_owner":
      return "Nothing changed: this is the firm's last active owner. Make another colleague an owner first.";
    case "validation_failed":
      return failure.reason === "own_account" ? "Nothing changed: you cannot change your own role or access. Ask another owner." : "Nothing changed: choose owner, admin or support.";
  }
}
