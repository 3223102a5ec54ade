import { connectorWebhooks } from "../../../../connectors/registry";
import { connectwiseWebhooks } from "../../../../connectors/connectwise/webhooks";

// Callback payloads as ConnectWise posts them (docs/reference/vendor-apis.md §1.7, CW Developer Guide "Callbacks"):
// Entity is the record as a JSON *string*, null on delete.
const contactUpdated = {
  Action: "updated",
  Type: "contact",
  ID: 57961,
  CallbackObjectRecId: 26604,
  CompanyId: "Cobalt",
  MemberId: "Aurasell",
  Entity: JSON.stringify({
    id: 57961,
    firstName: "Jane",
    inactiveFlag: false,
    company: { id: 250, identifier: "Acme", name: "Acme Corp" },
    communicationItems: [
      { id: 1, type: { id: 1, name: "Email" }, value: "Jane@Acme.com ", communicationType: "Email" },
      { id: 2, type: { id: 2, name: "Direct" }, value: "555-0100", communicationType: "Phone" },
      { id: 3, type: { id: 1, name: "Email" }, value: "jane@acme.com", communicationType: "Email" },
    ],
  }),
};

describe("ConnectWise callbacks", () => {
  test("the registry hands out the connector's webhooks: the gateway names no vendor", () => {
    expect(connectorWebhooks("connectwise")).toBe(connectwiseWebhooks);
    expect(connectorWebhooks("halopsa")).toBeNull();
    expect(connectorWebhooks(null)).toBeNull();
  });

  test("a contact callback names the contact, its email addresses (normalized, once) and its company", () => {
    expect(connectwiseWebhooks.parse(contactUpdated)).toEqual({
      ok: true,
      value: { emails: ["jane@acme.com"], companyExternalIds: ["250"], contactExternalId: "57961", summary: "contact 57961 updated" },
    });
  });

  test("a deleted contact carries no record: only the contact's id", () => {
    expect(connectwiseWebhooks.parse({ Action: "deleted", Type: "contact", ID: 31, Entity: null })).toEqual({
      ok: true,
      value: { emails: [], companyExternalIds: [], contactExternalId: "31", summary: "contact 31 deleted" },
    });
  });

  test("company and project callbacks name the company; other types change nothing the portal caches", () => {
    expect(connectwiseWebhooks.parse({ Action: "updated", Type: "company", ID: 251, Entity: "{}" })).toMatchObject({ ok: true, value: { companyExternalIds: ["251"] } });
    expect(connectwiseWebhooks.parse({ Action: "added", Type: "project", ID: 9102, Entity: JSON.stringify({ id: 9102, company: { id: 251 } }) })).toMatchObject({
      ok: true,
      value: { emails: [], companyExternalIds: ["251"] },
    });
    expect(connectwiseWebhooks.parse({ Action: "added", Type: "ticket", ID: 7, Entity: "{}" })).toMatchObject({ ok: true, value: { emails: [], companyExternalIds: [] } });
  });

  test("what is not a callback, or an Entity that is not JSON, is refused with what was expected", () => {
    expect(connectwiseWebhooks.parse({ hello: "world" })).toMatchObject({ ok: false, error: { code: "psa_unexpected_payload", message: expect.stringContaining("expected Type, ID and Entity") } });
    expect(connectwiseWebhooks.parse({ Type: "contact", ID: 1, Entity: "{not json" })).toMatchObject({ ok: false, error: { code: "psa_unexpected_payload" } });
  });
});
