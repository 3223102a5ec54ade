import type { EmailRequestDeps } from "./email-request";
import { emailRequestHandlers } from "./email-request";

/**
 * GET/POST /portal/{slug}/confirm: send a new confirmation email (where the sign-in page says the address is
 * not confirmed yet). An invited account gets a fresh invite, which confirms the address when claimed.
 */
export function confirmRequestHandlers(deps: EmailRequestDeps) {
  return emailRequestHandlers(deps, {
    requested: "confirm",
    path: "confirm",
    title: "Send a new confirmation email",
    intro: "Enter your email address. We will send you a new link to confirm it; earlier confirmation links stop working.",
    button: "Send confirmation email",
  });
}
