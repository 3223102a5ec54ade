import crypto from "node:crypto";
import { autotaskWebhooks } from "../../../../connectors/autotask/webhooks";

// Webhook deliveries as Autotask posts them (docs/reference/vendor-apis.md §2.7): the changed fields by name, and a
// signature header `X-Hook-Signature: sha1=<base64 HMAC-SHA1(secretKey, raw body)>` (Autotask developer help
// "Secret key and payload verification", SecretKeyPayloadVerification.htm).
const delivery = {
  Action: "Update",
  Guid: "a1da62a4-5d3b-4f7e-9b1d-2f6c1b7c9e01",
  EntityType: "Contact",
  Id: 30682,
  Fields: { EmailAddress: "Pat@Acme.com", EmailAddress2: "not an address", EmailAddress3: "pat.lee@acme.com", CompanyID: 174 },
  EventTime: "2026-11-22T08:00:00Z",
  SequenceNumber: 1,
  PersonId: 30691780,
};

describe("Autotask webhooks", () => {
  test("a contact delivery names the contact, its email fields that hold addresses, and its company", () => {
    expect(autotaskWebhooks.parse(delivery)).toEqual({
      ok: true,
      value: { emails: ["pat@acme.com", "pat.lee@acme.com"], companyExternalIds: ["174"], contactExternalId: "30682", summary: "Contact 30682 Update" },
    });
  });

  test("a company delivery names the company; other entities change nothing the portal caches", () => {
    expect(autotaskWebhooks.parse({ Action: "Update", EntityType: "Company", Id: 174, Fields: { CompanyName: "Acme" } })).toMatchObject({ ok: true, value: { companyExternalIds: ["174"] } });
    expect(autotaskWebhooks.parse({ Action: "Create", EntityType: "Ticket", Id: 351181, Fields: null })).toMatchObject({ ok: true, value: { emails: [], companyExternalIds: [] } });
  });

  test("what is not a delivery is refused with what was expected", () => {
    expect(autotaskWebhooks.parse([1, 2])).toMatchObject({ ok: false, error: { code: "psa_unexpected_payload", message: expect.stringContaining("expected EntityType, Id and Fields") } });
  });

  test("the signature is the HMAC-SHA1 of the exact bytes with the secret key; anything else does not match", () => {
    const raw = Buffer.from(JSON.stringify(delivery));
    const sign = (key: string, body: Buffer) => `sha1=${crypto.createHmac("sha1", key).update(body).digest("base64")}`;
    const signature = autotaskWebhooks.signing?.kind === "shared_secret" ? autotaskWebhooks.signing : null;
    expect(signature?.header).toBe("x-hook-signature");
    expect(signature?.matches(sign("the-secret", raw), raw, "the-secret")).toBe(true);
    expect(signature?.matches(sign("another", raw), raw, "the-secret")).toBe(false);
    expect(signature?.matches(sign("the-secret", Buffer.from(`${raw} `)), raw, "the-secret")).toBe(false);
    expect(signature?.matches("sha1=short", raw, "the-secret")).toBe(false);
  });

  test("the setup says where the secret goes in Autotask: the SecretKey of the webhook, with both URLs", () => {
    const setup = autotaskWebhooks.setup({ address: "https://portal.example/webhooks/psa/f/s", signingSecret: "signing-secret-1" });
    expect(setup.paste).toEqual([
      { field: "WebhookUrl", value: "https://portal.example/webhooks/psa/f/s" },
      { field: "DeactivationUrl", value: "https://portal.example/webhooks/psa/f/s" },
      { field: "SecretKey", value: "signing-secret-1" },
    ]);
    expect(setup.where).toContain("POST /V1.0/ContactWebhooks");
  });
});
