import { z } from "zod";
import type { PsaChange, PsaResult, PsaWebhooks } from "../types";
import { fail, succeed } from "../shared/result";
import { emailsAmong, idOf } from "../shared/webhook-change";

// Callback payload (vendor-apis.md §1.7, CW Developer Guide "Callbacks"):
// {"Action":"updated","Type":"contact","ID":57961,"Entity":"{...the record as a JSON string...}" | null, ...}
const callbackSchema = z.object({
  Action: z.string().optional(),
  Type: z.string(),
  ID: z.union([z.number(), z.string()]),
  Entity: z.string().nullable().optional(),
});
const entitySchema = z
  .object({
    company: z.object({ id: z.union([z.number(), z.string()]) }).nullable().optional(),
    communicationItems: z.array(z.object({ value: z.string().optional(), communicationType: z.string().optional() })).optional(),
  })
  .passthrough();

function parseCallback(body: unknown): PsaResult<PsaChange> {
  const parsed = callbackSchema.safeParse(body);
  if (!parsed.success) return fail("psa_unexpected_payload", "Not a ConnectWise callback: expected Type, ID and Entity (see System > Callbacks).");
  const { Type, ID, Action, Entity } = parsed.data;
  let entity: z.infer<typeof entitySchema> = {};
  if (Entity) {
    try {
      entity = entitySchema.parse(JSON.parse(Entity));
    } catch {
      return fail("psa_unexpected_payload", "The ConnectWise callback's Entity is not the JSON of a record.");
    }
  }
  const summary = `${Type} ${ID} ${Action ?? "changed"}`;
  const companyOfEntity = entity.company?.id !== undefined ? [idOf(entity.company.id)] : [];
  switch (Type.toLowerCase()) {
    case "contact": {
      const emails = emailsAmong((entity.communicationItems ?? []).filter((item) => /email/i.test(item.communicationType ?? "")).map((item) => item.value));
      return succeed({ emails, companyExternalIds: companyOfEntity, contactExternalId: idOf(ID), summary });
    }
    case "company":
      return succeed({ emails: [], companyExternalIds: [idOf(ID)], summary });
    case "project":
      return succeed({ emails: [], companyExternalIds: companyOfEntity, summary });
    default:
      return succeed({ emails: [], companyExternalIds: [], summary });
  }
}

/**
 * ConnectWise callbacks of type contact, company and project. Their signature (x-content-signature) needs a key
 * fetched from a URL in the payload (§1.7), so deliveries are admitted by the address's own secret instead.
 */
export const connectwiseWebhooks: PsaWebhooks = {
  parse: parseCallback,
  setupInstructions:
    "ConnectWise PSA: add callbacks (System > Callbacks) of type contact, company and project at level owner to this address.",
};
