/**
 * The error catalogue: every error a person can meet, with its HTTP status and a message that says what to
 * do. Pages render it as HTML, API clients get `{ "error": { "code", "message" } }`. The README's error table
 * is kept in step with this one by test/unit/error-catalogue.test.ts.
 */
export const errorCatalogue = {
  portal_not_found: { status: 404, message: "Portal not found: check the link your firm sent you." },
  not_found: { status: 404, message: "Page not found: check the address, or go back to your portal's home page." },
  sign_in_required: { status: 401, message: "Please sign in to continue." },
  csrf_invalid: {
    status: 403,
    message: "This form expired or was sent from another site. Go back, reload the page and try again.",
  },
  validation_failed: { status: 400, message: "Some of what was sent is not valid: correct the fields named and try again." },
  rate_limited: { status: 429, message: "Too many attempts. Wait a few minutes and try again." },
  cross_site_refused: {
    status: 403,
    message: "This form was sent from another website, so it was not accepted. Open the link from your email again.",
  },
  link_not_valid: {
    status: 404,
    message: "This link is not valid. Check that you opened the whole link from the email, or ask for a new one.",
  },
  link_wrong_firm: { status: 404, message: "This link belongs to a different portal. Open it on the portal named on the page." },
  link_expired: { status: 410, message: "This link expired. Ask for a fresh one: it goes to the email address on file." },
  link_used: { status: 410, message: "This link was already used. Sign in with your email and password." },
  link_superseded: { status: 410, message: "A newer link was sent: use the newest email." },
  link_revoked: { status: 410, message: "This link no longer works because your password was set with another link. Sign in." },
  link_locked: {
    status: 423,
    message: "This invite is locked after too many wrong answers. Your firm has been told and will check your record.",
  },
  account_disabled: { status: 403, message: "Your access to this portal is turned off. Contact your firm to turn it back on." },
  identity_record_missing: {
    status: 409,
    message: "Your firm needs to add a detail to your record before you can set up your account. Contact them.",
  },
  access_refused: { status: 403, message: "Your access to this portal's project information is turned off. Contact your firm to restore it." },
  psa_unavailable: {
    status: 503,
    message: "Your firm's project system is not answering right now, and there is no recent copy to show. Please try again in a few minutes.",
  },
  webhook_signature_invalid: {
    status: 401,
    message: "The webhook's signature does not match. Set the webhook's secret key in the PSA to the secret in its address.",
  },
  webhook_not_supported: {
    status: 422,
    message: "This firm's PSA connection does not take webhooks. Changes show after the cache lifetime, or at once with the console's re-check.",
  },
  service_unavailable: { status: 503, message: "The portal is temporarily unavailable. Please try again in a minute." },
  internal_error: { status: 500, message: "Something went wrong on our side. Please try again; if it keeps happening, contact your firm." },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** An expected failure raised inside a request; the error middleware renders it from the catalogue. */
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
