import crypto from "node:crypto";
import { z } from "zod";
import type { PsaChange, PsaResult, PsaWebhooks } from "../types";
import { fail, succeed } from "../shared/result";
import { emailsAmong, idOf } from "../shared/webhook-change";

// Webhook payload (vendor-apis.md §2.7, Autotask "Webhooks"):
// {"Action":"Update","EntityType":"Contact","Id":30682,"Fields":{"EmailAddress":"..."},"EventTime":"...",...}
const webhookSchema = z.object({
  Action: z.string().optional(),
  EntityType: z.string(),
  Id: z.union([z.number(), z.string()]),
  Fields: z.record(z.string(), z.unknown()).nullable().optional(),
});

function parseDelivery(body: unknown): PsaResult<PsaChange> {
  const parsed = webhookSchema.safeParse(body);
  if (!parsed.success) return fail("psa_unexpected_payload", "Not an Autotask webhook: expected EntityType, Id and Fields.");
  const { EntityType, Id, Action, Fields } = parsed.data;
  const fields = Object.entries(Fields ?? {}).map(([name, value]) => [name.toLowerCase(), value] as const);
  const summary = `${EntityType} ${Id} ${Action ?? "changed"}`;
  switch (EntityType.toLowerCase()) {
    case "contact": {
      const emails = emailsAmong(fields.filter(([name]) => /^emailaddress[23]?$/.test(name)).map(([, value]) => value));
      const company = fields.find(([name]) => name === "companyid")?.[1];
      const companyExternalIds = typeof company === "string" || typeof company === "number" ? [idOf(company)] : [];
      return succeed({ emails, companyExternalIds, contactExternalId: idOf(Id), summary });
    }
    case "company":
    case "account":
      return succeed({ emails: [], companyExternalIds: [idOf(Id)], summary });
    default:
      return succeed({ emails: [], companyExternalIds: [], summary });
  }
}

/**
 * Autotask signs each delivery with the webhook's SecretKey: `X-Hook-Signature: sha1=<base64 HMAC-SHA1(body)>`
 * (Autotask developer help "Secret key and payload verification", SecretKeyPayloadVerification.htm; vendor-apis.md
 * §2.7). The gateway makes that secret with the webhook address, and the admin pastes it as SecretKey.
 */
function signatureMatches(header: string, rawBody: Buffer, secret: string): boolean {
  const expected = Buffer.from(`sha1=${crypto.createHmac("sha1", secret).update(rawBody).digest("base64")}`);
  const given = Buffer.from(header.trim());
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/**
 * Autotask ContactWebhooks and CompanyWebhooks, which exist only in its REST API (Autotask developer help "Creating a
 * webhook", Webhooks_Creating.htm, and "<EntityName>Webhooks (REST API)", REST_WebhooksEntity.htm: WebhookUrl,
 * DeactivationUrl and SecretKey, up to 64 characters; at least one subscribed field).
 */
export const autotaskWebhooks: PsaWebhooks = {
  parse: parseDelivery,
  signing: { kind: "shared_secret", header: "x-hook-signature", matches: signatureMatches },
  setup: ({ address, signingSecret }) => ({
    where:
      'Autotask webhooks are created with its REST API (Autotask help "Creating a webhook"): POST /V1.0/ContactWebhooks and POST /V1.0/CompanyWebhooks, each with IsActive true and the create, update and delete events, then at least one subscribed field each (POST /V1.0/ContactWebhooks/{id}/Fields, e.g. EmailAddress and CompanyID).',
    paste: [
      { field: "WebhookUrl", value: address },
      { field: "DeactivationUrl", value: address },
      { field: "SecretKey", value: signingSecret ?? "the part of the address after the last slash" },
    ],
    notes: ["Autotask signs every delivery with the SecretKey (X-Hook-Signature); a delivery without that signature is refused, so set the SecretKey on both webhooks."],
  }),
};
