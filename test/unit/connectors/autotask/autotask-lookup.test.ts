import nock from "nock";
import { createConnector } from "../../../../connectors/registry";
import type { PsaConnector } from "../../../../connectors/types";
import { expectOk } from "../support/expect-result";
import { loadExpected, loadPsaFixture, toPlain } from "../support/fixtures";
import { useClosedNetwork } from "../support/network";
import { makeTestDeps } from "../support/test-deps";
import { includeFields } from "../../../../connectors/autotask/filters";
import { AT_BASE, AT_ROOT, AT_ZONE, atSettings } from "./autotask-settings";

const emailBody = (email: string) => ({
  maxRecords: 500,
  includeFields: includeFields.Contacts,
  filter: [{ op: "or", items: ["emailAddress", "emailAddress2", "emailAddress3"].map((field) => ({ op: "eq", field, value: email })) }],
});

function mockZone(): void {
  nock(AT_ROOT).get(`${AT_BASE}/ZoneInformation`).query({ user: atSettings.username }).reply(200, loadPsaFixture("autotask", "zone"));
}

function makeConnector(): PsaConnector {
  return expectOk(createConnector("autotask", atSettings, makeTestDeps().deps));
}

describe("Autotask findContactsByEmail", () => {
  useClosedNetwork();

  it("discovers the zone, sends the three auth headers, and matches all three email slots case-insensitively", async () => {
    mockZone();
    nock(AT_ZONE, { reqheaders: { apiintegrationcode: atSettings.integrationCode, username: atSettings.username, secret: atSettings.secret } })
      .post(`${AT_BASE}/Contacts/query`, emailBody("jane.smith@acme.com"))
      .reply(200, loadPsaFixture("autotask", "contacts-by-email-jane"));

    const contacts = expectOk(await makeConnector().findContactsByEmail("Jane.Smith@ACME.com"));
    expect(toPlain(contacts)).toEqual(loadExpected("autotask", "contacts-by-email-jane"));
  });

  it("maps the integer isActive=0 of an inactive contact to active=false", async () => {
    mockZone();
    nock(AT_ZONE).post(`${AT_BASE}/Contacts/query`, emailBody("former@acme.com")).reply(200, loadPsaFixture("autotask", "contacts-by-email-former"));
    const contacts = expectOk(await makeConnector().findContactsByEmail("former@acme.com"));
    expect(toPlain(contacts)).toEqual(loadExpected("autotask", "contacts-by-email-former"));
  });

  it("keeps a + in the email intact in the JSON body", async () => {
    mockZone();
    nock(AT_ZONE).post(`${AT_BASE}/Contacts/query`, emailBody("omar+portal@acme.com")).reply(200, loadPsaFixture("autotask", "contacts-by-email-plus"));
    const contacts = expectOk(await makeConnector().findContactsByEmail("omar+portal@acme.com"));
    expect(toPlain(contacts)).toEqual(loadExpected("autotask", "contacts-by-email-plus"));
  });

  it("discovers the zone once per connector", async () => {
    mockZone();
    nock(AT_ZONE).post(`${AT_BASE}/Contacts/query`).times(2).reply(200, loadPsaFixture("autotask", "contacts-by-email-former"));
    const connector = makeConnector();
    expectOk(await connector.findContactsByEmail("former@acme.com"));
    expectOk(await connector.findContactsByEmail("former@acme.com"));
  });
});

describe("Autotask companies and projects", () => {
  useClosedNetwork();

  it("gets a company (boolean isActive), and null for a missing one", async () => {
    mockZone();
    nock(AT_ZONE)
      .get(`${AT_BASE}/Companies/174`)
      .reply(200, loadPsaFixture("autotask", "company-174"))
      .get(`${AT_BASE}/Companies/999`)
      .reply(200, loadPsaFixture("autotask", "company-missing"))
      .get(`${AT_BASE}/Companies/998`)
      .reply(404, { errors: ["Not found"] });
    const connector = makeConnector();

    expect(toPlain(expectOk(await connector.getCompany("174")))).toEqual(loadExpected("autotask", "company-174"));
    expect(expectOk(await connector.getCompany("999"))).toBeNull();
    expect(expectOk(await connector.getCompany("998"))).toBeNull();
  });

  // Issue 13 point 4: a contact's companies in one query, with only the fields the mapper reads (vendor Swagger
  // QueryModel.includeFields; Filter.value "an Array of Integers" for `in`).
  it("reads several companies in one query with an `in` filter and IncludeFields", async () => {
    mockZone();
    nock(AT_ZONE)
      .post(`${AT_BASE}/Companies/query`, { maxRecords: 500, includeFields: includeFields.Companies, filter: [{ op: "in", field: "id", value: [174, 175] }] })
      .reply(200, loadPsaFixture("autotask", "companies-changed"));
    const companies = expectOk(await makeConnector().getCompanies(["174", "175", "174", "abc"]));
    expect(companies.map((company) => company.externalId)).toEqual(["174"]);
  });

  it("lists a company's projects, labelling statuses from settings", async () => {
    mockZone();
    nock(AT_ZONE)
      .post(`${AT_BASE}/Projects/query`, { maxRecords: 500, includeFields: includeFields.Projects, filter: [{ op: "eq", field: "companyID", value: 174 }] })
      .reply(200, loadPsaFixture("autotask", "projects-company-174"));
    const projects = expectOk(await makeConnector().listCompanyProjects("174"));
    expect(toPlain(projects)).toEqual(loadExpected("autotask", "projects-company-174"));
  });

  it("Test connection names the zone", async () => {
    mockZone();
    nock(AT_ZONE).get(`${AT_BASE}/Companies/entityInformation`).reply(200, loadPsaFixture("autotask", "entity-information"));
    const result = expectOk(await makeConnector().verifyConnection());
    expect(result.description).toBe("Connected to Autotask (Zone 5 (US)) as api-portal@acme-msp.com.");
  });
});

// Issue 16: a project's own page. Autotask keeps phases (PhaseModel) without a state, so a phase's tasks
// (TaskModel.phaseID, completedDateTime) tell how far along it is; the project lead is a Resource (ResourceModel).
describe("Autotask project details", () => {
  useClosedNetwork();

  it("reads phases and their tasks filtered on projectID, and the project lead's email and office phone", async () => {
    mockZone();
    nock(AT_ZONE)
      .post(`${AT_BASE}/Phases/query`, { maxRecords: 500, includeFields: includeFields.Phases, filter: [{ op: "eq", field: "projectID", value: 7001 }] })
      .reply(200, loadPsaFixture("autotask", "phases-project-7001"))
      .post(`${AT_BASE}/Tasks/query`, { maxRecords: 500, includeFields: includeFields.Tasks, filter: [{ op: "eq", field: "projectID", value: 7001 }] })
      .reply(200, loadPsaFixture("autotask", "tasks-project-7001"))
      .get(`${AT_BASE}/Resources/29682885`)
      .reply(200, loadPsaFixture("autotask", "resource-29682885"));

    const details = expectOk(await makeConnector().getProjectDetails({ externalId: "7001", managerExternalId: "29682885", manager: null }));

    expect(toPlain(details)).toEqual({
      phases: [
        { externalId: "90011", name: "Schematic Design", startDate: "2025-01-13T00:00:00.000Z", endDate: "2025-04-04T00:00:00.000Z", state: "done", milestone: false },
        { externalId: "90012", name: "Construction Documents", startDate: "2025-08-04T00:00:00.000Z", endDate: "2026-01-30T00:00:00.000Z", state: "in_progress", milestone: false },
        { externalId: "90013", name: "Construction Administration", startDate: "2026-02-02T00:00:00.000Z", endDate: "2026-06-19T00:00:00.000Z", state: "not_started", milestone: false },
        { externalId: "90014", name: "Close-out", startDate: null, endDate: null, state: "unknown", milestone: false },
      ],
      manager: { name: "Rachel Lee", email: "rachel.lee@acme-msp.example", phone: "555-010-0142" },
    });
  });

  it("reads no tasks for a project without phases, and a lead the API user may not read is no contact", async () => {
    mockZone();
    nock(AT_ZONE)
      .post(`${AT_BASE}/Phases/query`).reply(200, { items: [], pageDetails: { count: 0, requestCount: 500, prevPageUrl: null, nextPageUrl: null } })
      .get(`${AT_BASE}/Resources/29682885`).reply(403, { errors: ["The logged in Resource does not have the adequate permissions."] });

    expect(expectOk(await makeConnector().getProjectDetails({ externalId: "7001", managerExternalId: "29682885", manager: null }))).toEqual({ phases: [], manager: null });
  });
});
