import type { EmailRequestDeps } from "./email-request";
import { emailRequestHandlers } from "./email-request";

/** GET/POST /portal/{slug}/magic: "send login email", a one-time sign-in link for a client's portal account. */
export function magicRequestHandlers(deps: EmailRequestDeps) {
  return emailRequestHandlers(deps, {
    requested: "magic",
    path: "magic",
    title: "Email me a sign-in link",
    intro: "Enter the email address you sign in with. We will email you a link that signs you in without your password. It works once, for a short time.",
    button: "Email me a sign-in link",
  });
}
