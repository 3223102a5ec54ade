import type { AccessProblem } from "./flag-access-problem";

/** What a client is told when they are signed in but see no projects: one message per cause, never a dead end. */
export function accessProblemMessage(problem: AccessProblem, firmName: string, email: string): { status: number; title: string; code: string; message: string } {
  switch (problem) {
    case "no_contact":
      return {
        status: 200,
        title: "Not linked yet",
        code: "email_not_in_psa",
        message: `Your email (${email}) is not linked to a company in ${firmName}'s records yet. We have let them know.`,
      };
    case "no_company":
      return {
        status: 200,
        title: "Not linked yet",
        code: "contact_without_company",
        message: `Your contact record at ${firmName} is not linked to a company yet. We have let them know.`,
      };
    case "contact_inactive":
    case "company_inactive":
      return {
        status: 403,
        title: "Access turned off",
        code: "access_refused",
        message: `Your access to project information is turned off in ${firmName}'s records. Contact ${firmName} to have it restored.`,
      };
  }
}
