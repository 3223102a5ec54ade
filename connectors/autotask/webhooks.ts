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
 * Autotask signs each delivery with the webhook's secret key: `x-hook-signature: sha1=<base64 HMAC-SHA1(body)>`
 * (vendor-apis.md §2.7). Firms set that key to the secret of their webhook address.
 */
function signatureMatches(header: string, rawBody: Buffer, secret: string): boolean {
  const expected = Buffer.from(`sha1=${crypto.createHmac("sha1", secret).update(rawBody).digest("base64")}`);
  const given = Buffer.from(header.trim());
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** Autotask ContactWebhooks and CompanyWebhooks. */
export const autotaskWebhooks: PsaWebhooks = {
  parse: parseDelivery,
  signature: { header: "x-hook-signature", matches: signatureMatches },
  setupInstructions:
    "Autotask: create ContactWebhooks and CompanyWebhooks with this address as webhookUrl and the part after the last slash as secretKey, so each delivery is signed.",
};
