import nock from "nock";
import { createConnector } from "../../../../connectors/registry";
import type { PsaConnector } from "../../../../connectors/types";
import { expectError, expectOk } from "../support/expect-result";
import { loadExpected, loadPsaFixture, toPlain } from "../support/fixtures";
import { useClosedNetwork } from "../support/network";
import { makeTestDeps } from "../support/test-deps";
import { includeFields } from "../../../../connectors/autotask/filters";
import { AT_BASE, AT_ZONE, atSettings } from "./autotask-settings";

const zoneSettings = { ...atSettings, zoneUrl: "https://webservices5.autotask.net/ATServicesRest/" };

function makeConnector(): PsaConnector {
  return expectOk(createConnector("autotask", zoneSettings, makeTestDeps().deps));
}

describe("Autotask listings", () => {
  useClosedNetwork();

  it("POSTs nextPageUrl with the same body across three pages; a cursor resumes on a fresh connector", async () => {
    const body = { maxRecords: 2, includeFields: includeFields.Contacts, filter: [{ op: "gte", field: "id", value: 0 }] };
    nock(AT_ZONE)
      .post(`${AT_BASE}/Contacts/query`, body)
      .reply(200, loadPsaFixture("autotask", "contacts-page-1"))
      .post(`${AT_BASE}/Contacts/query/next`, body)
      .query({ paging: "eyJwYWdlIjoyfQ" })
      .reply(200, loadPsaFixture("autotask", "contacts-page-2"))
      .post(`${AT_BASE}/Contacts/query/next`, body)
      .query({ paging: "eyJwYWdlIjozfQ" })
      .reply(200, loadPsaFixture("autotask", "contacts-page-3"));

    const first = expectOk(await makeConnector().listContacts({ pageSize: 2 }));
    const second = expectOk(await makeConnector().listContacts({ cursor: first.nextCursor }));
    const third = expectOk(await makeConnector().listContacts({ cursor: second.nextCursor }));

    expect([...first.items, ...second.items, ...third.items].map((contact) => contact.externalId)).toEqual(["301", "302", "303", "304", "305"]);
    expect(third.nextCursor).toBeNull();
  });

  it("refuses a nextPageUrl on another host rather than send it the credentials", async () => {
    nock(AT_ZONE).post(`${AT_BASE}/Contacts/query`).reply(200, loadPsaFixture("autotask", "contacts-next-off-host"));
    const error = expectError(await makeConnector().listContacts());
    expect(error).toMatchObject({ code: "psa_unexpected_payload", detail: "pageDetails.nextPageUrl" });
  });

  it("filters on the modification time for changed-since", async () => {
    nock(AT_ZONE)
      .post(`${AT_BASE}/Companies/query`, { maxRecords: 500, includeFields: includeFields.Companies, filter: [{ op: "gte", field: "lastTrackedModifiedDateTime", value: "2025-03-01T00:00:00Z" }] })
      .reply(200, loadPsaFixture("autotask", "companies-changed"));
    const page = expectOk(await makeConnector().listCompanies({ changedSince: new Date("2025-03-01T00:00:00.000Z") }));
    expect(toPlain(page.items)).toEqual(loadExpected("autotask", "companies-changed"));
    expect(page.nextCursor).toBeNull();
  });

  it("uses lastModifiedDate for contacts and lastActivityDateTime for projects", async () => {
    nock(AT_ZONE)
      .post(`${AT_BASE}/Contacts/query`, { maxRecords: 500, includeFields: includeFields.Contacts, filter: [{ op: "gte", field: "lastModifiedDate", value: "2025-03-01T00:00:00Z" }] })
      .reply(200, { items: [], pageDetails: { count: 0, requestCount: 500, prevPageUrl: null, nextPageUrl: null } })
      .post(`${AT_BASE}/Projects/query`, { maxRecords: 500, includeFields: includeFields.Projects, filter: [{ op: "gte", field: "lastActivityDateTime", value: "2025-03-01T00:00:00Z" }] })
      .reply(200, { items: [], pageDetails: { count: 0, requestCount: 500, prevPageUrl: null, nextPageUrl: null } });
    const connector = makeConnector();
    const since = new Date("2025-03-01T00:00:00.000Z");
    expect(expectOk(await connector.listContacts({ changedSince: since })).items).toEqual([]);
    expect(expectOk(await connector.listProjects({ changedSince: since })).items).toEqual([]);
  });
});
