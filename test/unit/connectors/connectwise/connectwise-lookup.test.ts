import nock from "nock";
import { createConnector } from "../../../../connectors/registry";
import type { PsaConnector } from "../../../../connectors/types";
import { expectOk } from "../support/expect-result";
import { loadExpected, loadPsaFixture, toPlain } from "../support/fixtures";
import { useClosedNetwork } from "../support/network";
import { createRecordingHttp } from "../support/recording-http";
import { makeTestDeps } from "../support/test-deps";
import { CW_FIELDS } from "../../../../connectors/connectwise";
import { CW_BASE, CW_HOST, cwSettings, mockCompanyStatuses } from "./connectwise-settings";

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
      .query({ childConditions: emailCondition("jane.smith@acme.com"), fields: CW_FIELDS.contacts, pageSize: "1000", page: "1" })
      .reply(200, loadPsaFixture("connectwise", "contacts-by-email-jane"));

    const contacts = expectOk(await makeConnector().findContactsByEmail("  JANE.Smith@Acme.COM "));

    // Jane in Acme (primary email), Jane in Beacon (second email); the fuzzy ".com.au" contact is dropped.
    expect(toPlain(contacts)).toEqual(loadExpected("connectwise", "contacts-by-email-jane"));
  });

  it("returns an inactive contact with active=false so the gateway can say why", async () => {
    nock(CW_HOST)
      .get(`${CW_BASE}/company/contacts`)
      .query({ childConditions: emailCondition("former@acme.com"), fields: CW_FIELDS.contacts, pageSize: "1000", page: "1" })
      .reply(200, loadPsaFixture("connectwise", "contacts-by-email-former"));

    const contacts = expectOk(await makeConnector().findContactsByEmail("former@acme.com"));
    expect(toPlain(contacts)).toEqual(loadExpected("connectwise", "contacts-by-email-former"));
  });

  it("percent-encodes a + in the email (%2B), so it is not read as a space", async () => {
    nock(CW_HOST)
      .get(`${CW_BASE}/company/contacts`)
      .query({ childConditions: emailCondition("omar+portal@acme.com"), fields: CW_FIELDS.contacts, pageSize: "1000", page: "1" })
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

  it("gets a company with only the fields it reads, and null for a 404", async () => {
    mockCompanyStatuses();
    nock(CW_HOST).get(`${CW_BASE}/company/companies/250`).query({ fields: CW_FIELDS.companies }).reply(200, loadPsaFixture("connectwise", "company-250"));
    nock(CW_HOST).get(`${CW_BASE}/company/companies/999`).query(true).reply(404, { code: "NotFound", message: "Company 999 not found" });
    const connector = makeConnector();

    expect(toPlain(expectOk(await connector.getCompany("250")))).toEqual(loadExpected("connectwise", "company-250"));
    expect(expectOk(await connector.getCompany("999"))).toBeNull();
  });

  // Issue 13 point 1: "inactive" is a CompanyStatus (inactiveFlag) the company points to, not a flag on the company
  // (spinen/connectwise-php-client Company/CompanyStatus.php; vendor-apis.md §9). The old code read deletedFlag only.
  it("treats a company whose status is an inactive CompanyStatus as inactive, reading the statuses once", async () => {
    mockCompanyStatuses(1);
    nock(CW_HOST).get(`${CW_BASE}/company/companies/260`).query(true).times(2).reply(200, loadPsaFixture("connectwise", "company-260-inactive-status"));
    const connector = makeConnector();

    expect(toPlain(expectOk(await connector.getCompany("260")))).toEqual(loadExpected("connectwise", "company-260"));
    expect(expectOk(await connector.getCompany("260"))?.active).toBe(false);
  });

  it("reads the statuses again after the cache period", async () => {
    mockCompanyStatuses(2);
    nock(CW_HOST).get(`${CW_BASE}/company/companies/260`).query(true).times(2).reply(200, loadPsaFixture("connectwise", "company-260-inactive-status"));
    const test = makeTestDeps();
    const connector = expectOk(createConnector("connectwise", cwSettings, test.deps));
    expectOk(await connector.getCompany("260"));
    test.advanceClock(10 * 60_000);
    expect(expectOk(await connector.getCompany("260"))?.active).toBe(false);
  });

  it("keeps working on deletedFlag when the API member may not read company statuses, and says so in the log", async () => {
    nock(CW_HOST).get(`${CW_BASE}/company/companies/statuses`).query(true).reply(403, { code: "Forbidden", message: "You do not have access" });
    nock(CW_HOST).get(`${CW_BASE}/company/companies/260`).query(true).reply(200, loadPsaFixture("connectwise", "company-260-inactive-status"));
    const warnings: string[] = [];
    const connector = expectOk(createConnector("connectwise", cwSettings, makeTestDeps({ logger: { warn: (_obj, msg) => void warnings.push(msg), info: () => undefined } }).deps));

    expect(expectOk(await connector.getCompany("260"))?.active).toBe(true);
    expect(warnings).toEqual([expect.stringContaining("company statuses could not be read")]);
  });

  it("fails the company read when the statuses cannot be read because the PSA is down", async () => {
    nock(CW_HOST).get(`${CW_BASE}/company/companies/statuses`).query(true).reply(503, "");
    nock(CW_HOST).get(`${CW_BASE}/company/companies/260`).query(true).reply(200, loadPsaFixture("connectwise", "company-260-inactive-status"));
    const connector = expectOk(createConnector("connectwise", cwSettings, makeTestDeps({ maxRetries: 0 }).deps));
    expect(await connector.getCompany("260")).toMatchObject({ ok: false, error: { code: "psa_unavailable" } });
  });

  // Issue 13 point 4: a contact's companies in one request (Developer Guide "Conditions": `in`).
  it("reads several companies in one request with conditions=id in (...)", async () => {
    mockCompanyStatuses();
    nock(CW_HOST)
      .get(`${CW_BASE}/company/companies`)
      .query({ conditions: "id in (250,260,404)", fields: CW_FIELDS.companies, orderBy: "id asc", pageSize: "1000", page: "1" })
      .reply(200, loadPsaFixture("connectwise", "companies-by-ids"));

    const companies = expectOk(await makeConnector().getCompanies(["250", "260", "404", "250", "x"]));
    expect(toPlain(companies)).toEqual(loadExpected("connectwise", "companies-by-ids"));
  });

  it("lists a company's projects with conditions=company/id=N", async () => {
    nock(CW_HOST)
      .get(`${CW_BASE}/project/projects`)
      .query({ conditions: "company/id=250", fields: CW_FIELDS.projects, orderBy: "id asc", pageSize: "1000", page: "1" })
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

// Issue 16: a project's own page shows its phases (ProjectPhasesApi: GET /project/projects/{id}/phases) and its
// manager's office contact (GET /system/members/{id}); payloads shaped as ConnectWise's ProjectPhase and Member models.
describe("ConnectWise project details", () => {
  useClosedNetwork();
  const project = { externalId: "4001", managerExternalId: "7", manager: "Rachel Lee" };

  it("reads the phases in schedule order, with state from actual dates and milestones marked, and the manager's office email and phone", async () => {
    nock(CW_HOST)
      .get(`${CW_BASE}/project/projects/4001/phases`)
      .query({ fields: CW_FIELDS.phases, orderBy: "id asc", pageSize: "1000", page: "1" })
      .reply(200, loadPsaFixture("connectwise", "project-4001-phases"));
    nock(CW_HOST).get(`${CW_BASE}/system/members/7`).query({ fields: CW_FIELDS.members }).reply(200, loadPsaFixture("connectwise", "member-7"));

    const details = expectOk(await makeConnector().getProjectDetails(project));

    expect(toPlain(details)).toEqual({
      phases: [
        { externalId: "810", name: "Schematic Design", startDate: "2025-01-13T00:00:00.000Z", endDate: "2025-04-04T00:00:00.000Z", state: "done", milestone: false },
        { externalId: "812", name: "Construction Documents", startDate: "2025-08-11T00:00:00.000Z", endDate: "2026-01-30T00:00:00.000Z", state: "in_progress", milestone: false },
        { externalId: "813", name: "Building permit issued", startDate: null, endDate: "2026-02-27T00:00:00.000Z", state: "not_started", milestone: true },
      ],
      manager: { name: "Rachel Lee", email: "rlee@northwind.example", phone: "555-010-0142" },
    });
  });

  it("still shows the phases and the manager's name when the API member may not read members (403)", async () => {
    nock(CW_HOST).get(`${CW_BASE}/project/projects/4001/phases`).query(true).reply(200, loadPsaFixture("connectwise", "project-4001-phases"));
    nock(CW_HOST).get(`${CW_BASE}/system/members/7`).query(true).reply(403, { code: "Forbidden", message: "You do not have access to this member." });

    const details = expectOk(await makeConnector().getProjectDetails(project));
    expect(details.phases).toHaveLength(3);
    expect(details.manager).toEqual({ name: "Rachel Lee", email: null, phone: null });
  });

  it("asks for no member without a manager, and a project deleted meanwhile has no phases", async () => {
    nock(CW_HOST).get(`${CW_BASE}/project/projects/4002/phases`).query(true).reply(404, { code: "NotFound", message: "Project 4002 not found" });
    expect(expectOk(await makeConnector().getProjectDetails({ externalId: "4002", managerExternalId: null, manager: null }))).toEqual({ phases: [], manager: null });
  });

  it("fails like any other call when the PSA is down, so the page falls back to the last known details", async () => {
    nock(CW_HOST).get(`${CW_BASE}/project/projects/4001/phases`).query(true).reply(503, "");
    const connector = expectOk(createConnector("connectwise", cwSettings, makeTestDeps({ maxRetries: 0 }).deps));
    expect(await connector.getProjectDetails(project)).toMatchObject({ ok: false, error: { code: "psa_unavailable" } });
  });
});
