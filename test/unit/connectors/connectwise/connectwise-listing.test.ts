import nock from "nock";
import { createConnector } from "../../../../connectors/registry";
import type { PsaConnector } from "../../../../connectors/types";
import { expectOk } from "../support/expect-result";
import { loadExpected, loadPsaFixture, toPlain } from "../support/fixtures";
import { useClosedNetwork } from "../support/network";
import { makeTestDeps } from "../support/test-deps";
import { CW_FIELDS } from "../../../../connectors/connectwise";
import { CW_BASE, CW_HOST, cwSettings, mockCompanyStatuses } from "./connectwise-settings";

function makeConnector(): PsaConnector {
  return expectOk(createConnector("connectwise", cwSettings, makeTestDeps().deps));
}

const link = (page: number, rel: string) => `<${CW_HOST}${CW_BASE}/company/contacts?orderBy=id%20asc&pageSize=2&page=${page}>; rel="${rel}"`;

describe("ConnectWise listings", () => {
  useClosedNetwork();

  it("follows the Link header across three pages, and a cursor resumes on a fresh connector", async () => {
    nock(CW_HOST)
      .get(`${CW_BASE}/company/contacts`)
      .query({ fields: CW_FIELDS.contacts, orderBy: "id asc", pageSize: "2", page: "1" })
      .reply(200, loadPsaFixture("connectwise", "contacts-page-1"), { Link: `${link(2, "next")}, ${link(3, "last")}` })
      .get(`${CW_BASE}/company/contacts`)
      .query({ orderBy: "id asc", pageSize: "2", page: "2" })
      .reply(200, loadPsaFixture("connectwise", "contacts-page-2"), { Link: `${link(1, "prev")}, ${link(3, "next")}, ${link(3, "last")}` })
      .get(`${CW_BASE}/company/contacts`)
      .query({ orderBy: "id asc", pageSize: "2", page: "3" })
      .reply(200, loadPsaFixture("connectwise", "contacts-page-3"), { Link: `${link(2, "prev")}` });

    const first = expectOk(await makeConnector().listContacts({ pageSize: 2 }));
    const second = expectOk(await makeConnector().listContacts({ cursor: first.nextCursor }));
    const third = expectOk(await makeConnector().listContacts({ cursor: second.nextCursor }));

    const ids = [...first.items, ...second.items, ...third.items].map((contact) => contact.externalId);
    expect(ids).toEqual(["301", "302", "303", "304", "305"]);
    expect(third.nextCursor).toBeNull();
  });

  it("asks for records changed since a time with conditions=lastUpdated>=[…]", async () => {
    mockCompanyStatuses();
    nock(CW_HOST)
      .get(`${CW_BASE}/company/companies`)
      .query({ conditions: "lastUpdated>=[2025-03-01T00:00:00Z]", fields: CW_FIELDS.companies, orderBy: "id asc", pageSize: "1000", page: "1" })
      .reply(200, loadPsaFixture("connectwise", "companies-changed"));

    const connector = makeConnector();
    const page = expectOk(await connector.listCompanies({ changedSince: new Date("2025-03-01T00:00:00.000Z") }));

    expect(connector.capabilities.changedSince).toEqual({ contacts: true, companies: true, projects: true });
    expect(toPlain(page.items)).toEqual(loadExpected("connectwise", "companies-changed"));
    expect(page.nextCursor).toBeNull();
  });

  it("refuses a cursor from another listing", async () => {
    const connector = makeConnector();
    nock(CW_HOST)
      .get(`${CW_BASE}/company/contacts`)
      .query(true)
      .reply(200, loadPsaFixture("connectwise", "contacts-page-1"), { Link: link(2, "next") });
    const page = expectOk(await connector.listContacts({ pageSize: 2 }));
    const wrong = await connector.listProjects({ cursor: page.nextCursor });
    expect(wrong).toMatchObject({ ok: false, error: { code: "psa_misconfigured", detail: "cursor" } });
  });
});
