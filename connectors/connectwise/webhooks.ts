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
 * ConnectWise callbacks of type contact, company and project. ConnectWise "appends the record id and action to the
 * specified callback URL" (Developer Guide "PSA Callbacks", [CW-DG] in docs/reference/vendor-apis.md §1.7), so the
 * address it is given ends in `?recordId=` (as amp-labs/connectors registers it: internal/subscriber/create.go).
 * Signed deliveries (x-content-signature) are checked by the firm's connector against the key ConnectWise publishes
 * (callback-signature.ts).
 */
export const connectwiseWebhooks: PsaWebhooks = {
  parse: parseCallback,
  signing: { kind: "vendor_key" },
  appendsRecordId: true,
  addressForPsa: (address) => `${address}?recordId=`,
  setup: ({ address }) => ({
    where:
      'ConnectWise PSA callbacks are registered with its API (POST /system/callbacks, Developer Guide "PSA Callbacks"): one callback of type contact, one of type company and one of type project, each at level owner.',
    paste: [{ field: "url", value: address }],
    notes: [
      "Register the address exactly as shown, ending in ?recordId=: ConnectWise appends the record's id to it.",
      "ConnectWise signs each callback (x-content-signature); the gateway checks the signature with the key ConnectWise publishes on your own ConnectWise host.",
    ],
  }),
};
