import type { EmailRequestDeps } from "../../links/email-request-handlers";
import { emailRequestHandlers } from "../../links/email-request-handlers";

/**
 * GET/POST /portal/{slug}/forgot: email a password reset link. An invite that was never claimed gets a fresh
 * invite instead (send-requested-link.ts), since it has no password to reset.
 */
export function forgotHandlers(deps: EmailRequestDeps) {
  return emailRequestHandlers(deps, {
    requested: "reset",
    path: "forgot",
    title: "Forgot your password?",
    intro: "Enter the email address you sign in with. We will email you a link to choose a new password.",
    button: "Email me a reset link",
  });
}
