import nock from "nock";
import { createConnector } from "../../../../connectors/registry";
import type { PsaConnector } from "../../../../connectors/types";
import { expectOk } from "../support/expect-result";
import { loadExpected, loadPsaFixture, toPlain } from "../support/fixtures";
import { useClosedNetwork } from "../support/network";
import { makeTestDeps } from "../support/test-deps";
import { HALO, haloSettings, mockToken } from "./halopsa-settings";

const searchQuery = (email: string) => ({ search: email, includeinactive: "true", exclude_agents: "true", page_size: "100", pageinate: "true", page_no: "1" });

function makeConnector(): PsaConnector {
  return expectOk(createConnector("halopsa", haloSettings, makeTestDeps().deps));
}

describe("HaloPSA findContactsByEmail", () => {
  useClosedNetwork();

  it("gets a token, searches fuzzily, and keeps only exact matches on emailaddress/email2/email3", async () => {
    mockToken();
    nock(HALO, { reqheaders: { authorization: "Bearer halo-token-1" } })
      .get("/api/Users")
      .query(searchQuery("jane.smith@acme.com"))
      .reply(200, loadPsaFixture("halopsa", "users-search-jane"));

    const contacts = expectOk(await makeConnector().findContactsByEmail("JANE.SMITH@acme.com"));
    expect(toPlain(contacts)).toEqual(loadExpected("halopsa", "users-search-jane"));
  });

  it("returns an inactive user with active=false", async () => {
    mockToken();
    nock(HALO).get("/api/Users").query(searchQuery("former@acme.com")).reply(200, loadPsaFixture("halopsa", "users-search-former"));
    expect(toPlain(expectOk(await makeConnector().findContactsByEmail("former@acme.com")))).toEqual(loadExpected("halopsa", "users-search-former"));
  });

  it("sends a + as %2B and does not confuse omar+portal@ with omar@", async () => {
    mockToken();
    nock(HALO).get("/api/Users").query(searchQuery("omar+portal@acme.com")).reply(200, loadPsaFixture("halopsa", "users-search-plus"));
    expect(toPlain(expectOk(await makeConnector().findContactsByEmail("omar+portal@acme.com")))).toEqual(loadExpected("halopsa", "users-search-plus"));
  });

  it("caches the token across calls", async () => {
    mockToken();
    nock(HALO).get("/api/Users").query(true).times(2).reply(200, loadPsaFixture("halopsa", "users-search-former"));
    const connector = makeConnector();
    expectOk(await connector.findContactsByEmail("former@acme.com"));
    expectOk(await connector.findContactsByEmail("former@acme.com"));
  });
});

describe("HaloPSA clients and projects", () => {
  useClosedNetwork();

  it("gets a client, and null for a 404", async () => {
    mockToken();
    nock(HALO).get("/api/Client/12").reply(200, loadPsaFixture("halopsa", "client-12")).get("/api/Client/99").reply(404, "");
    const connector = makeConnector();
    expect(toPlain(expectOk(await connector.getCompany("12")))).toEqual(loadExpected("halopsa", "client-12"));
    expect(expectOk(await connector.getCompany("99"))).toBeNull();
  });

  it("lists a client's projects (Halo's 1900-01-01 means no date; status 9 is closed)", async () => {
    mockToken();
    nock(HALO)
      .get("/api/Projects")
      .query({ client_id: "12", open_only: "true", page_size: "100", pageinate: "true", page_no: "1" })
      .reply(200, loadPsaFixture("halopsa", "projects-client-12"));
    expect(toPlain(expectOk(await makeConnector().listCompanyProjects("12")))).toEqual(loadExpected("halopsa", "projects-client-12"));
  });

  it("Test connection reports how many clients the agent sees", async () => {
    mockToken();
    nock(HALO).get("/api/Client").query({ pageinate: "true", page_size: "1", page_no: "1" }).reply(200, loadPsaFixture("halopsa", "clients-page"));
    expect(expectOk(await makeConnector().verifyConnection()).description).toBe("Connected to HaloPSA at https://acme.halopsa.com; the API agent can see 42 clients.");
  });
});

// Issue 16: a project's own page. Halo keeps a project's milestones on the project ticket (MileStone, read with
// includedetails) and its tasks as child tickets (GET /Projects?parent_id=N); the manager is the agent (Uname).
describe("HaloPSA project details", () => {
  useClosedNetwork();

  it("reads the milestones and the child tickets in schedule order (by start, then end), and the agent's email", async () => {
    mockToken();
    nock(HALO)
      .get("/api/Projects/9001").query({ includedetails: "true" }).reply(200, loadPsaFixture("halopsa", "project-9001-detail"))
      .get("/api/Projects").query({ parent_id: "9001", page_size: "100", pageinate: "true", page_no: "1" }).reply(200, loadPsaFixture("halopsa", "children-project-9001"))
      .get("/api/Agent/7").reply(200, loadPsaFixture("halopsa", "agent-7"));

    const details = expectOk(await makeConnector().getProjectDetails({ externalId: "9001", managerExternalId: "7", manager: "Rachel Lee" }));

    expect(toPlain(details)).toEqual({
      phases: [
        { externalId: "9011", name: "Survey existing floors", startDate: "2025-01-13T00:00:00.000Z", endDate: "2025-02-05T14:00:00.000Z", state: "done", milestone: false },
        { externalId: "milestone-41", name: "Design sign-off", startDate: "2025-01-13T00:00:00.000Z", endDate: "2025-04-04T00:00:00.000Z", state: "done", milestone: true },
        { externalId: "milestone-42", name: "Permit issued", startDate: "2025-08-04T00:00:00.000Z", endDate: "2026-02-27T00:00:00.000Z", state: "not_started", milestone: true },
        { externalId: "9012", name: "MEP coordination", startDate: "2025-09-01T00:00:00.000Z", endDate: "2026-01-30T00:00:00.000Z", state: "unknown", milestone: false },
      ],
      // Halo's agent record has no phone number in the vendor's document.
      manager: { name: "Rachel Lee", email: "rachel.lee@acme-msp.example", phone: null },
    });
  });

  it("an agent the API application may not read is no contact, and the project's agent name stays", async () => {
    mockToken();
    nock(HALO)
      .get("/api/Projects/9001").query(true).reply(200, { id: 9001, milestones: null })
      .get("/api/Projects").query(true).reply(200, { record_count: 0, tickets: [] })
      .get("/api/Agent/7").reply(403, "");
    expect(expectOk(await makeConnector().getProjectDetails({ externalId: "9001", managerExternalId: "7", manager: "Rachel Lee" }))).toEqual({
      phases: [],
      manager: { name: "Rachel Lee", email: null, phone: null },
    });
  });
});
