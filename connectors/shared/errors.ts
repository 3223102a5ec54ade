import type { PsaError } from "../types";

/** How one PSA names itself and its credentials in messages an admin reads. */
export interface VendorProfile {
  /** "ConnectWise PSA", "Autotask", "HaloPSA". */
  label: string;
  /** Which credential a 401/403 points at; `detail` names the settings field. */
  describeAuthFailure(status: number, vendorMessage: string | null): { message: string; detail: string };
  /** Secret values that must never appear in a message, even if the PSA echoes them. */
  secrets: readonly string[];
}

export type HttpFailure =
  | { kind: "status"; status: number; body: unknown; retryAfterMs: number | null }
  | { kind: "timeout"; timeoutMs: number }
  | { kind: "network"; code: string };

/** Pulls a short human message out of the error bodies the vendors send (see vendor-apis.md §1.6, §2.6). */
export function extractVendorMessage(body: unknown): string | null {
  if (typeof body === "string") return body.trim().slice(0, 200) || null;
  if (!body || typeof body !== "object") return null;
  const record = body as Record<string, unknown>;
  const errors = record.errors;
  if (Array.isArray(errors) && typeof errors[0] === "string") return errors[0].slice(0, 200);
  for (const key of ["message", "Message", "error_description", "error"]) {
    const value = record[key];
    if (typeof value === "string" && value.trim()) return value.trim().slice(0, 200);
  }
  return null;
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  return secrets.filter((secret) => secret.length >= 4).reduce((out, secret) => out.split(secret).join("***"), text);
}

function formatWait(ms: number): string {
  return ms >= 60_000 ? `${Math.ceil(ms / 60_000)} min` : `${Math.max(1, Math.ceil(ms / 1000))} s`;
}

/** One table from an HTTP outcome to the error code and sentence an admin can act on. */
export function describeHttpFailure(vendor: VendorProfile, operation: string, failure: HttpFailure): PsaError {
  const { label } = vendor;
  if (failure.kind === "timeout") {
    return { code: "psa_unavailable", message: `${label} did not answer "${operation}" within ${failure.timeoutMs} ms. It may be slow or down; try again shortly.` };
  }
  if (failure.kind === "network") {
    return { code: "psa_unavailable", message: `${label} could not be reached for "${operation}" (${failure.code}). Check the address in the connector settings, or try again shortly.` };
  }
  const vendorMessage = extractVendorMessage(failure.body);
  const said = vendorMessage ? ` ${label} said: "${redactSecrets(vendorMessage, vendor.secrets)}"` : "";
  const { status } = failure;
  if (status === 401 || status === 403) {
    const auth = vendor.describeAuthFailure(status, vendorMessage);
    return { code: "psa_credentials_rejected", message: `${auth.message} (HTTP ${status} on "${operation}").`, detail: auth.detail };
  }
  if (status === 404) {
    return { code: "psa_not_found", message: `${label} found nothing at the address used for "${operation}" (HTTP 404). Check the site address in the connector settings.${said}` };
  }
  if (status === 429) {
    const wait = failure.retryAfterMs ?? 60_000;
    return { code: "psa_rate_limited", message: `${label} is rate limiting this connection; try again in about ${formatWait(wait)}.`, retryAfterMs: wait };
  }
  if (status >= 500) {
    return { code: "psa_unavailable", message: `${label} answered HTTP ${status} to "${operation}". It is having trouble; try again shortly.${said}` };
  }
  return { code: "psa_misconfigured", message: `${label} refused "${operation}" (HTTP ${status}).${said}` };
}

export function describeWait(ms: number): string {
  return formatWait(ms);
}
