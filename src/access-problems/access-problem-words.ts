import { errorCatalogue } from "../platform/errors";
import type { AccessProblem } from "./flag-access-problem";

/*
 * The words for a client who signs in and sees no projects, in one place for everyone who reads them: the
 * client (the portal's page and JSON notice) and the firm's staff (the console's flags, the client access page,
 * the invite check and the re-check). Each cause has its own words and its own fix: never a dead end.
 */

export interface ClientNotice {
  /** 200 for a notice the client can wait on; the catalogue's access_refused status when access is turned off. */
  status: number;
  title: string;
  /** The JSON notice's code (access_refused is the catalogue's error code). */
  code: "email_not_in_psa" | "contact_without_company" | "access_refused";
  message: string;
  /** What happens next, and what (if anything) the client does. */
  next: string;
}

/** What the client reads, per cause. */
export function clientNotice(problem: AccessProblem, firmName: string, email: string): ClientNotice {
  switch (problem) {
    case "no_contact":
      return {
        status: 200,
        title: "Not linked yet",
        code: "email_not_in_psa",
        message: `Your email (${email}) is not linked to a company in ${firmName}'s records yet. We have let them know.`,
        next: `What happens next: ${firmName} adds your email to your company's record. Once they have, your projects show here when you reload this page or sign in again; there is nothing else for you to do.`,
      };
    case "no_company":
      return {
        status: 200,
        title: "Not linked yet",
        code: "contact_without_company",
        message: `Your contact record at ${firmName} is not linked to a company yet. We have let them know.`,
        next: `What happens next: ${firmName} links your record to your company. Once they have, your projects show here when you reload this page or sign in again; there is nothing else for you to do.`,
      };
    case "contact_inactive":
    case "company_inactive":
      return {
        status: errorCatalogue.access_refused.status,
        title: errorCatalogue.access_refused.title,
        code: "access_refused",
        message: `Your access to project information is turned off in ${firmName}'s records. Contact ${firmName} to have it restored.`,
        next: `What happens next: only ${firmName} can turn it back on. Once they have, your projects show here when you reload this page.`,
      };
  }
}

/** The facts staff words need besides the cause: a near match the PSA knows, the inactive companies' names. */
export interface ProblemFacts {
  email: string;
  suggestedEmail: string | null;
  detail: string | null;
}

/** How staff read a client's problem, and the fix that belongs to it (the PSA is where it is fixed), then `then`. */
export function staffExplanation(problem: AccessProblem, facts: ProblemFacts, then = "check again"): { cause: string; fix: string } {
  const { email, suggestedEmail, detail } = facts;
  switch (problem) {
    case "no_contact":
      return {
        cause: "matches no contact in the PSA.",
        fix: suggestedEmail
          ? `The PSA has ${suggestedEmail}, which looks like the same person: add ${email} to that contact's emails in the PSA, then ${then}.`
          : `Add ${email} to the client's contact in the PSA (or create the contact), then ${then}.`,
      };
    case "no_company":
      return { cause: "is a PSA contact with no company.", fix: `Link the contact to the client's company in the PSA, then ${then}.` };
    case "contact_inactive":
      return { cause: "is an inactive contact in the PSA, so access is refused.", fix: `Make the contact active in the PSA if the client should have access, then ${then}.` };
    case "company_inactive":
      return {
        cause: `belongs to an inactive company in the PSA${detail ? ` (${detail})` : ""}, so access is refused.`,
        fix: `Make the company active in the PSA if the client should have access, then ${then}.`,
      };
  }
}
