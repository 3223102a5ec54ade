import type { PsaError } from "../types";

/** How one PSA names itself and its credentials in messages an admin reads. */
export interface VendorProfile {
  /** "ConnectWise PSA", "Autotask", "HaloPSA". */
  label: string;
  /** The settings field that holds the PSA's address, named in `detail` when that address is refused. */
  addressField: string;
  /** Which credential a 401/403 points at; `detail` names the settings field. */
  describeAuthFailure(status: number, vendorMessage: string | null): { message: string; detail: string };
  /**
   * A vendor-specific reading of a failed status before the generic table, e.g. Autotask's HTTP 500 for a query
   * on an unknown field, which is a settings problem and not an outage. A result here is never retried.
   */
  classifyFailure?(status: number, vendorMessage: string | null, operation: string): PsaError | null;
  /** Secret values that must never appear in a message, even if the PSA echoes them. */
  secrets: readonly string[];
}

export type HttpFailure =
  | { kind: "status"; status: number; body: unknown; retryAfterMs: number | null }
  | { kind: "timeout"; timeoutMs: number }
  | { kind: "network"; code: string };

/**
 * Pulls a short message out of the error bodies the vendors send (see vendor-apis.md §1.6, §2.6). It is read
 * to classify a failure (which credential, which field); it is never shown to people, because a PSA address
 * can point anywhere and its answer must not be echoed (issue 14, finding 1).
 */
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

/**
 * One sentence for every way a connection can fail below HTTP (refused, reset, TLS handshake, a plain-HTTP
 * answer to TLS, a timeout, no DNS answer): telling them apart would let the connection form probe ports.
 */
export function describeUnreachable(vendor: VendorProfile, host: string): PsaError {
  return {
    code: "psa_unavailable",
    message: `${vendor.label}: could not reach the PSA at ${host} over HTTPS. Check the address in the connector settings; if it is right, the PSA may be down, so try again shortly.`,
  };
}

/** The address is on a private or internal network and the operator has not allowed it. */
export function describeBlockedHost(vendor: VendorProfile, host: string): PsaError {
  return {
    code: "psa_misconfigured",
    message: `${host} is a private or internal network address, so the gateway will not connect to it or send ${vendor.label} credentials there. Type the PSA's public address; if the PSA really runs on your own network, the gateway's operator can allow it with PSA_ALLOW_PRIVATE_HOSTS.`,
    detail: vendor.addressField,
  };
}

/** One table from an HTTP outcome to the error code and sentence an admin can act on. No PSA body is echoed. */
export function describeHttpFailure(vendor: VendorProfile, operation: string, failure: HttpFailure, host: string): PsaError {
  const { label } = vendor;
  if (failure.kind !== "status") return describeUnreachable(vendor, host);
  const vendorMessage = extractVendorMessage(failure.body);
  const { status } = failure;
  const special = vendor.classifyFailure?.(status, vendorMessage, operation);
  if (special) return special;
  if (status === 401 || status === 403) {
    const auth = vendor.describeAuthFailure(status, vendorMessage);
    return { code: "psa_credentials_rejected", message: `${auth.message} (HTTP ${status} on "${operation}").`, detail: auth.detail };
  }
  if (status === 404) {
    return { code: "psa_not_found", message: `${label} found nothing at the address used for "${operation}" (HTTP 404). Check the address settings of the connector.`, detail: vendor.addressField };
  }
  if (status === 429) {
    const wait = failure.retryAfterMs ?? 60_000;
    return { code: "psa_rate_limited", message: `${label} is rate limiting this connection; try again in about ${formatWait(wait)}.`, retryAfterMs: wait };
  }
  if (status >= 500) {
    return { code: "psa_unavailable", message: `${label} answered HTTP ${status} to "${operation}": it is having trouble; try again shortly.` };
  }
  return { code: "psa_misconfigured", message: `${label} refused "${operation}" (HTTP ${status}), which usually means a connector setting is wrong; check the settings.` };
}

export function describeWait(ms: number): string {
  return formatWait(ms);
}
