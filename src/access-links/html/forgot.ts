import type { EmailRequestDeps } from "./email-request";
import { emailRequestHandlers } from "./email-request";

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

/** GET/POST /portal/{slug}/admin/forgot: the same for staff, looked up among the firm's staff accounts only. */
export function staffForgotHandlers(deps: EmailRequestDeps) {
  return emailRequestHandlers(deps, {
    requested: "reset",
    path: "admin/forgot",
    audience: "staff",
    title: "Forgot your staff password?",
    intro: "Enter the email address you sign in to the staff console with. We will email you a link, valid for one hour, to choose a new password.",
    button: "Email me a reset link",
  });
}
