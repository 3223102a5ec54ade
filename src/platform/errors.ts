/**
 * The error catalogue: every error a person can meet, with its HTTP status, the title of its page and a
 * message that says what to do. Use-cases return these codes as values (`Result`); handlers turn them into
 * a page (title + words, src/<feature>/html/words.ts where a page says more) or into
 * `{ "error": { "code", "message" } }` for API clients. The README's error table is kept in step with this
 * one by test/unit/readme-in-step.test.ts.
 */
export const errorCatalogue = {
  portal_not_found: { status: 404, title: "Portal not found", message: "Portal not found: check the link your firm sent you." },
  portal_unavailable: {
    status: 403,
    title: "Portal not available",
    message: "This portal is not available at the moment. Contact your firm for your project information.",
  },
  not_found: { status: 404, title: "Page not found", message: "Page not found: check the address, or go back to your portal's home page." },
  sign_in_required: { status: 401, title: "Sign in required", message: "Please sign in to continue." },
  csrf_invalid: {
    status: 403,
    title: "Please try again",
    message: "This form expired or was sent from another site. Go back, reload the page and try again.",
  },
  validation_failed: {
    status: 400,
    title: "Please check what you entered",
    message: "Some of what was sent is not valid: correct the fields named and try again.",
  },
  email_invalid: { status: 400, title: "Please check the email address", message: "That is not an email address. Check it and try again." },
  rate_limited: { status: 429, title: "Too many attempts", message: "Too many attempts. Wait a few minutes and try again." },
  credentials_invalid: { status: 401, title: "Sign in", message: "Incorrect email or password." },
  sign_in_locked: {
    status: 429,
    title: "Sign-in paused",
    message: "Too many failed sign-in attempts for this email: signing in with it is paused for a while, even with the right password.",
  },
  email_unconfirmed: { status: 403, title: "Confirm your email", message: "Please confirm your email address first: use the link in the confirmation email." },
  cross_site_refused: {
    status: 403,
    title: "Please open the link again",
    message: "This form was sent from another website, so it was not accepted. Open the link from your email again.",
  },
  link_not_valid: {
    status: 404,
    title: "This link is not valid",
    message: "This link is not valid. Check that you opened the whole link from the email, or ask for a new one.",
  },
  link_wrong_firm: {
    status: 404,
    title: "This link belongs to a different portal",
    message: "This link belongs to a different portal. Open it on the portal named on the page.",
  },
  link_expired: { status: 410, title: "This link expired", message: "This link expired. Ask for a fresh one: it goes to the email address on file." },
  link_used: { status: 410, title: "This link was already used", message: "This link was already used. Sign in with your email and password." },
  link_superseded: { status: 410, title: "A newer link was sent", message: "A newer link was sent: use the newest email." },
  link_revoked: {
    status: 410,
    title: "This link no longer works",
    message: "This link no longer works because your password was set with another link. Sign in.",
  },
  link_locked: {
    status: 423,
    title: "This invite is locked",
    message: "This invite is locked after too many wrong answers. Your firm has been told and will check your record.",
  },
  password_rejected: {
    status: 400,
    title: "Choose another password",
    message: "That password cannot be used: choose a longer one that is not on a list of common passwords.",
  },
  identity_answer_wrong: {
    status: 400,
    title: "Check your date of birth",
    message: "That date of birth does not match the one your firm has on file. Check it and try again.",
  },
  account_disabled: { status: 403, title: "Access turned off", message: "Your access to this portal is turned off. Contact your firm to turn it back on." },
  identity_record_missing: {
    status: 409,
    title: "Your record needs a detail first",
    message: "Your firm needs to add a detail to your record before you can set up your account. Contact them.",
  },
  access_refused: {
    status: 403,
    title: "Access turned off",
    message: "Your access to this portal's project information is turned off. Contact your firm to restore it.",
  },
  psa_unavailable: {
    status: 503,
    title: "Project information unavailable",
    message: "Your firm's project system is not answering right now, and there is no recent copy to show. Please try again in a few minutes.",
  },
  owners_and_admins_only: { status: 403, title: "Owners and admins only", message: "Only the firm's owners and admins can make this change." },
  owners_only: { status: 403, title: "Owners only", message: "Only the firm's owners can see or do this." },
  role_not_allowed: {
    status: 403,
    title: "Role not allowed",
    message: "You cannot give that role: staff invite colleagues with a role up to their own, and support staff invite no colleagues.",
  },
  client_not_found: { status: 404, title: "No such client", message: "No such client on this portal." },
  staff_not_found: { status: 404, title: "No such staff member", message: "No such staff member on this portal." },
  last_owner: { status: 409, title: "The firm needs an owner", message: "This is the firm's last active owner: make another colleague an owner first." },
  template_not_found: { status: 404, title: "No such template", message: "No such template." },
  email_not_failed: { status: 409, title: "Only a failed email is sent again", message: "Only an email that failed can be sent again: this one is queued, sent or cancelled." },
  webhook_signature_invalid: {
    status: 401,
    title: "Webhook signature does not match",
    message: "The webhook's signature does not match what was sent. Set the webhook up in the PSA as the console's PSA page says (its secret key is the signing secret shown with the address).",
  },
  webhook_signature_required: {
    status: 401,
    title: "Webhook signature required",
    message: "This webhook address takes signed deliveries only. Set the webhook's secret key in the PSA to the signing secret shown with the address, or create a new address.",
  },
  webhook_not_supported: {
    status: 422,
    title: "Webhooks not supported",
    message: "This firm's PSA connection does not take webhooks. Changes show after the cache lifetime, or at once with the console's re-check.",
  },
  psa_not_connected: {
    status: 409,
    title: "No PSA connected",
    message: "No PSA is connected to this portal yet, so there is nothing to sync. Connect one on the PSA page first.",
  },
  sync_in_progress: { status: 409, title: "A sync is running", message: "A sync of this portal is running now. Wait for it to finish, then try again." },
  sync_failed: {
    status: 502,
    title: "The sync run failed",
    message: "The sync run failed and changed no account. The next run carries on from where it stopped.",
  },
  sync_already_reviewed: {
    status: 409,
    title: "Already reviewed",
    message: "This held sync run was already applied or discarded. Reload the Sync page to see what it did.",
  },
  api_token_invalid: {
    status: 401,
    title: "API token missing or not valid",
    message: "Send a valid API token in the Authorization header (Bearer, then the token). Make one with npm run cli -- token create or on the console's API tokens page; a revoked token stops working.",
  },
  service_unavailable: { status: 503, title: "Temporarily unavailable", message: "The portal is temporarily unavailable. Please try again in a minute." },
  internal_error: {
    status: 500,
    title: "Something went wrong",
    message: "Something went wrong on our side. Please try again; if it keeps happening, contact your firm.",
  },
} as const satisfies Record<string, { status: number; title: string; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/**
 * A use-case's answer: its value, or a failure naming a catalogue code plus the facts the words need (which
 * email, until when...). Never a sentence: the handler's view puts the code into words.
 */
export type Result<T, F extends Failure = Failure> = { ok: true; value: T } | { ok: false; error: F };
export type Failure<C extends ErrorCode = ErrorCode> = { code: C };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<C extends ErrorCode, D extends object = Record<never, never>>(code: C, details?: D): { ok: false; error: { code: C } & D } {
  return { ok: false, error: { code, ...(details as D) } };
}

/** An expected failure raised by a handler or middleware; the error middleware renders it from the catalogue. */
export class HttpError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
  ) {
    super(message ?? errorCatalogue[code].message);
    this.status = errorCatalogue[code].status;
  }
}

/**
 * Error-shaped, from any realm: Node's own modules make their errors in the main realm, so inside a vm context
 * (Jest's) `instanceof Error` is false for a socket's ECONNRESET although it is one.
 */
export const isErrorLike = (value: unknown): value is Error => typeof value === "object" && value !== null && typeof (value as { message?: unknown }).message === "string";

/**
 * A callback's error as something to reject a promise with: the error itself when it is one, else a new Error
 * with it as the cause. Never a copy by its text: that drops its code, and a network error's code is what turns
 * a dropped connection into a 503 instead of a 500 (service-health.ts).
 */
export function asError(value: unknown): Error {
  return isErrorLike(value) ? value : new Error(String(value), { cause: value });
}
