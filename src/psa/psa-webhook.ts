import crypto from "node:crypto";
import { z } from "zod";
import { normalizeEmail } from "../../connectors/shared/normalize-email";
import type { Db } from "../platform/db/prisma";
import type { Firm } from "../generated/prisma/client";

/**
 * What a PSA's webhook tells the gateway: whose cached answers may now be wrong. Payload shapes from
 * shared/psa/vendor-apis.md: ConnectWise callbacks (§1.7) and Autotask webhooks (§2.7). HaloPSA's contact and
 * client events are not documented (§3.7), so Halo firms rely on the cache lifetime and the admin's re-check.
 */
export interface PsaChange {
  emails: string[];
  companyExternalIds: string[];
  /** The contact the event is about, when it is about one: its emails and companies before the change are in the snapshot. */
  contactExternalId?: string;
  /** For the log line and the response, e.g. "contact 57961 updated". */
  summary: string;
}

export type WebhookReading = { ok: true; change: PsaChange } | { ok: false; status: 400 | 422; message: string };

const isEmail = (value: unknown): value is string => typeof value === "string" && /^[^\s@]+@[^\s@]+$/.test(value.trim());
const unique = (values: string[]) => [...new Set(values)];

// ConnectWise: {"Action":"updated","Type":"contact","ID":57961,"Entity":"{...json string...}" | null, ...}
const cwCallback = z.object({
  Action: z.string().optional(),
  Type: z.string(),
  ID: z.union([z.number(), z.string()]),
  Entity: z.string().nullable().optional(),
});
const cwEntity = z
  .object({
    company: z.object({ id: z.union([z.number(), z.string()]) }).nullable().optional(),
    communicationItems: z.array(z.object({ value: z.string().optional(), communicationType: z.string().optional() })).optional(),
  })
  .passthrough();

function readConnectwise(body: unknown): WebhookReading {
  const parsed = cwCallback.safeParse(body);
  if (!parsed.success) return { ok: false, status: 400, message: "Not a ConnectWise callback: expected Type, ID and Entity (see System > Callbacks)." };
  const { Type, ID, Action, Entity } = parsed.data;
  let entity: z.infer<typeof cwEntity> = {};
  if (Entity) {
    try {
      entity = cwEntity.parse(JSON.parse(Entity));
    } catch {
      return { ok: false, status: 400, message: "The ConnectWise callback's Entity is not the JSON of a record." };
    }
  }
  const summary = `${Type} ${ID} ${Action ?? "changed"}`;
  const companyOfEntity = entity.company?.id !== undefined ? [String(entity.company.id)] : [];
  switch (Type.toLowerCase()) {
    case "contact": {
      const emails = (entity.communicationItems ?? []).filter((item) => /email/i.test(item.communicationType ?? "") && isEmail(item.value)).map((item) => normalizeEmail(item.value as string));
      return { ok: true, change: { emails: unique(emails), companyExternalIds: companyOfEntity, contactExternalId: String(ID), summary } };
    }
    case "company":
      return { ok: true, change: { emails: [], companyExternalIds: [String(ID)], summary } };
    case "project":
      return { ok: true, change: { emails: [], companyExternalIds: companyOfEntity, summary } };
    default:
      return { ok: true, change: { emails: [], companyExternalIds: [], summary } };
  }
}

// Autotask: {"Action":"Update","EntityType":"Contact","Id":30682,"Fields":{"EmailAddress":"..."},"EventTime":"...",...}
const atWebhook = z.object({
  Action: z.string().optional(),
  EntityType: z.string(),
  Id: z.union([z.number(), z.string()]),
  Fields: z.record(z.string(), z.unknown()).nullable().optional(),
});

function readAutotask(body: unknown): WebhookReading {
  const parsed = atWebhook.safeParse(body);
  if (!parsed.success) return { ok: false, status: 400, message: "Not an Autotask webhook: expected EntityType, Id and Fields." };
  const { EntityType, Id, Action, Fields } = parsed.data;
  const fields = Object.entries(Fields ?? {}).map(([name, value]) => [name.toLowerCase(), value] as const);
  const summary = `${EntityType} ${Id} ${Action ?? "changed"}`;
  switch (EntityType.toLowerCase()) {
    case "contact": {
      const emails = fields.filter(([name, value]) => /^emailaddress[23]?$/.test(name) && isEmail(value)).map(([, value]) => normalizeEmail(value as string));
      const company = fields.find(([name]) => name === "companyid")?.[1];
      return { ok: true, change: { emails: unique(emails), companyExternalIds: company !== undefined && company !== null ? [String(company)] : [], contactExternalId: String(Id), summary } };
    }
    case "company":
    case "account":
      return { ok: true, change: { emails: [], companyExternalIds: [String(Id)], summary } };
    default:
      return { ok: true, change: { emails: [], companyExternalIds: [], summary } };
  }
}

export function readPsaWebhook(connectorKind: string | null, body: unknown): WebhookReading {
  if (connectorKind === "connectwise") return readConnectwise(body);
  if (connectorKind === "autotask") return readAutotask(body);
  return { ok: false, status: 422, message: "This firm's PSA connection does not take webhooks: changes show after the cache lifetime, or at once with the console's re-check." };
}

/**
 * Autotask signs each delivery with the webhook's secret key: `x-hook-signature: sha1=<base64 HMAC-SHA1(body)>`
 * (vendor-apis.md §2.7). Firms set that key to the secret of their webhook address, so a signed delivery is
 * checked against it; the address's own secret is what admits the request.
 */
export function autotaskSignatureMatches(header: string, rawBody: Buffer, secret: string): boolean {
  const expected = Buffer.from(`sha1=${crypto.createHmac("sha1", secret).update(rawBody).digest("base64")}`);
  const given = Buffer.from(header.trim());
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

export const hashWebhookSecret = (secret: string) => crypto.createHash("sha256").update(secret).digest("hex");

/** Is `secret` the firm's webhook secret? Compared as hashes, in constant time. */
export function webhookSecretMatches(storedHash: string | null, secret: string): boolean {
  if (!storedHash) return false;
  const given = Buffer.from(hashWebhookSecret(secret), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && crypto.timingSafeEqual(given, stored);
}

/**
 * A webhook names a contact as it is now; the answers that may be wrong also include the ones for what it was:
 * an email taken off the contact, the company it left, or everything when the contact was deleted (a deletion
 * carries no record at all). The sync snapshot remembers what the contact was, so those are added.
 */
export async function widenWithSnapshot(db: Db, firm: Pick<Firm, "id" | "connectorKind">, change: PsaChange): Promise<PsaChange> {
  if (!change.contactExternalId || !firm.connectorKind) return change;
  const before = await db.psaContactSnapshot.findUnique({
    where: { firmId_connectorKind_externalId: { firmId: firm.id, connectorKind: firm.connectorKind, externalId: change.contactExternalId } },
    select: { emails: true, companyExternalIds: true },
  });
  if (!before) return change;
  return { ...change, emails: unique([...change.emails, ...before.emails]), companyExternalIds: unique([...change.companyExternalIds, ...before.companyExternalIds]) };
}
