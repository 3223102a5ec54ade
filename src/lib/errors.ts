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
