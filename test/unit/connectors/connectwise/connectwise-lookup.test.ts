import nock from "nock";
import { createConnector } from "../../../../connectors/registry";
import type { PsaConnector } from "../../../../connectors/types";
import { expectOk } from "../support/expect-result";
import { loadExpected, loadPsaFixture, toPlain } from "../support/fixtures";
import { useClosedNetwork } from "../support/network";
import { createRecordingHttp } from "../support/recording-http";
import { makeTestDeps } from "../support/test-deps";
import { CW_BASE, CW_HOST, cwSettings } from "./connectwise-settings";

const emailCondition = (email: string) => `communicationItems/value="${email}" AND communicationItems/communicationType="Email"`;

function makeConnector(): PsaConnector {
  return expectOk(createConnector("connectwise", cwSettings, makeTestDeps().deps));
}

describe("ConnectWise findContactsByEmail", () => {
  useClosedNetwork();

  it("sends Basic companyId+publicKey:privateKey and clientId, and matches every email case-insensitively", async () => {
    nock(CW_HOST, {
      reqheaders: {
        authorization: `Basic ${Buffer.from("acme+PUBKEY123:PRIVATEKEY-abcdef123456").toString("base64")}`,
        clientid: cwSettings.clientId,
      },
    })
      .get(`${CW_BASE}/company/contacts`)
      .query({ childConditions: emailCondition("jane.smith@acme.com"), pageSize: "1000", page: "1" })
      .reply(200, loadPsaFixture("connectwise", "contacts-by-email-jane"));

    const contacts = expectOk(await makeConnector().findContactsByEmail("  JANE.Smith@Acme.COM "));

    // Jane in Acme (primary email), Jane in Beacon (second email); the fuzzy ".com.au" contact is dropped.
    expect(toPlain(contacts)).toEqual(loadExpected("connectwise", "contacts-by-email-jane"));
  });

  it("returns an inactive contact with active=false so the gateway can say why", async () => {
    nock(CW_HOST)
      .get(`${CW_BASE}/company/contacts`)
      .query({ childConditions: emailCondition("former@acme.com"), pageSize: "1000", page: "1" })
      .reply(200, loadPsaFixture("connectwise", "contacts-by-email-former"));

    const contacts = expectOk(await makeConnector().findContactsByEmail("former@acme.com"));
    expect(toPlain(contacts)).toEqual(loadExpected("connectwise", "contacts-by-email-former"));
  });

  it("percent-encodes a + in the email (%2B), so it is not read as a space", async () => {
    nock(CW_HOST)
      .get(`${CW_BASE}/company/contacts`)
      .query({ childConditions: emailCondition("omar+portal@acme.com"), pageSize: "1000", page: "1" })
      .reply(200, loadPsaFixture("connectwise", "contacts-by-email-plus"));
    const { http, requests } = createRecordingHttp();
    const connector = expectOk(createConnector("connectwise", cwSettings, makeTestDeps({ http }).deps));

    const contacts = expectOk(await connector.findContactsByEmail("Omar+Portal@acme.com"));

    expect(requests[0]?.url).toContain("omar%2Bportal%40acme.com");
    expect(requests[0]?.url).not.toContain("omar+portal");
    expect(toPlain(contacts)).toEqual(loadExpected("connectwise", "contacts-by-email-plus"));
  });

  it("does not call the PSA for something that is not an email", async () => {
    expect(expectOk(await makeConnector().findContactsByEmail("not-an-email"))).toEqual([]);
  });
});

describe("ConnectWise companies and projects", () => {
  useClosedNetwork();

  it("gets a company, and null for a 404", async () => {
    nock(CW_HOST).get(`${CW_BASE}/company/companies/250`).reply(200, loadPsaFixture("connectwise", "company-250"));
    nock(CW_HOST).get(`${CW_BASE}/company/companies/999`).reply(404, { code: "NotFound", message: "Company 999 not found" });
    const connector = makeConnector();

    expect(toPlain(expectOk(await connector.getCompany("250")))).toEqual(loadExpected("connectwise", "company-250"));
    expect(expectOk(await connector.getCompany("999"))).toBeNull();
  });

  it("lists a company's projects with conditions=company/id=N", async () => {
    nock(CW_HOST)
      .get(`${CW_BASE}/project/projects`)
      .query({ conditions: "company/id=250", orderBy: "id asc", pageSize: "1000", page: "1" })
      .reply(200, loadPsaFixture("connectwise", "projects-company-250"));

    const projects = expectOk(await makeConnector().listCompanyProjects("250"));
    expect(toPlain(projects)).toEqual(loadExpected("connectwise", "projects-company-250"));
  });

  it("reports the contact count on Test connection", async () => {
    nock(CW_HOST).get(`${CW_BASE}/company/contacts/count`).reply(200, loadPsaFixture("connectwise", "contacts-count"));
    const result = expectOk(await makeConnector().verifyConnection());
    expect(result.description).toContain("1873 contacts");
  });
});
