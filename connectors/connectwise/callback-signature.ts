import crypto from "node:crypto";
import { z } from "zod";
import type { SignatureCheck, WebhookDelivery } from "../types";
import type { ResolvedDeps } from "../shared/deps";
import { describeBlockedHost, describeUnreachable } from "../shared/errors";
import { createPsaHttp } from "../shared/http-client";
import { parsePayload } from "../shared/parse-payload";
import { connectwiseVendor } from "./client";
import type { ConnectwiseSettings } from "./settings";

/**
 * ConnectWise signs a callback with `x-content-signature` = base64(HMAC-SHA256(key = SHA-256(signing_key), body)),
 * where `signing_key` is what `GET Metadata.key_url` of the payload answers ({"signing_key": "..."}).
 * Sources: ConnectWise PSA Developer Guide "PSA Callbacks", "Verifying the Callback Source" ([CW-DG] in
 * docs/reference/vendor-apis.md §1.7); NangoHQ/nango packages/server/lib/webhook/connectwise-psa-webhook-routing.ts
 * (validateSignature, trustedKeyUrl); amp-labs/connectors providers/connectwise/internal/webhook/verifier.go.
 * The payload shape (Metadata.key_url on the sign-in host, e.g. https://na.myconnectwise.net/v2025_1//system/
 * callbackkey/index.rails?companyName=...&id=...) is amp-labs' recorded test/contact-update.json.
 *
 * The key URL comes in the delivery, so it is untrusted: it is fetched only from this firm's own ConnectWise host
 * (the site, or for ConnectWise cloud the same host without "api-", which is where ConnectWise serves it), only at
 * the callback-key path, over https, through the address guard, and without credentials.
 */
const payloadSchema = z.looseObject({ Metadata: z.looseObject({ key_url: z.string() }).nullish() });
const keySchema = z.looseObject({ signing_key: z.string().min(1) });

const KEY_TTL_MS = 60 * 60_000;
/** A key that no longer matches may have been rotated; it is read again at most this often. */
const REFETCH_AFTER_MS = 60_000;
const MAX_CACHED_KEYS = 50;

/** The hosts a key URL may name for this site: the site itself, and for a cloud "api-" host the same host without it. */
function trustedHosts(site: string): string[] {
  const host = site.toLowerCase();
  return host.startsWith("api-") ? [host, host.slice(4)] : [host];
}

export function trustedKeyUrl(keyUrl: string, site: string): URL | null {
  let url: URL;
  try {
    url = new URL(keyUrl);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || url.username || url.password) return null;
  if (!trustedHosts(site).includes(url.host.toLowerCase())) return null;
  return /\/system\/callbackkey\//i.test(url.pathname) ? url : null;
}

export function callbackSignature(signingKey: string, rawBody: Buffer): string {
  const key = crypto.createHash("sha256").update(signingKey, "utf8").digest();
  return crypto.createHmac("sha256", key).update(rawBody).digest("base64");
}

function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given.trim());
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export function createCallbackVerifier(settings: ConnectwiseSettings, deps: ResolvedDeps) {
  const vendor = connectwiseVendor(settings);
  const http = createPsaHttp({ vendor, deps, resilienceKey: `connectwise-callback-keys:${settings.site}`, maxConcurrent: 2, budget: { maxRequests: 60, windowMs: 60_000 } });
  const keys = new Map<string, { key: string; at: number }>();

  async function fetchKey(url: URL): Promise<{ ok: true; key: string } | { ok: false; check: SignatureCheck }> {
    // Resolved and checked before connecting (and again at connect time by the guarded agent).
    const verdict = await deps.hostGuard.checkHost(url.host);
    if (!verdict.allowed) {
      const error = verdict.reason === "internal_address" ? describeBlockedHost(vendor, url.host) : describeUnreachable(vendor, url.host);
      return { ok: false, check: { status: "unverifiable", error } };
    }
    const response = await http.send({ method: "GET", url: url.toString(), operation: "read the callback signing key" });
    if (!response.ok) return { ok: false, check: { status: "unverifiable", error: response.error } };
    const parsed = parsePayload(keySchema, response.value.data, vendor.label, "a callback signing key");
    if (!parsed.ok) return { ok: false, check: { status: "unverifiable", error: parsed.error } };
    if (keys.size >= MAX_CACHED_KEYS) keys.delete(keys.keys().next().value as string);
    keys.set(url.toString(), { key: parsed.value.signing_key, at: deps.now().getTime() });
    return { ok: true, key: parsed.value.signing_key };
  }

  return async function verifyWebhook(delivery: WebhookDelivery): Promise<SignatureCheck> {
    const signature = delivery.header("x-content-signature");
    if (!signature) return { status: "unsigned" };
    const payload = payloadSchema.safeParse(delivery.body);
    const keyUrl = payload.success ? payload.data.Metadata?.key_url : undefined;
    if (!keyUrl) return { status: "invalid", reason: "signed, but the payload names no Metadata.key_url" };
    const url = trustedKeyUrl(keyUrl, settings.site);
    if (!url) return { status: "invalid", reason: "the signing key's address is not this firm's ConnectWise host" };

    const now = deps.now().getTime();
    const cached = keys.get(url.toString());
    const fresh = cached && now - cached.at < KEY_TTL_MS ? cached : null;
    if (fresh && sameSignature(signature, callbackSignature(fresh.key, delivery.rawBody))) return { status: "valid" };
    if (fresh && now - fresh.at < REFETCH_AFTER_MS) return { status: "invalid", reason: "the signature does not match the body" };
    const fetched = await fetchKey(url);
    if (!fetched.ok) return fetched.check;
    return sameSignature(signature, callbackSignature(fetched.key, delivery.rawBody)) ? { status: "valid" } : { status: "invalid", reason: "the signature does not match the body" };
  };
}
