import nock from "nock";
import { createConnector, discoverConnectorSettings } from "../../../../connectors/registry";
import type { PsaConnector } from "../../../../connectors/types";
import { HALO, haloSettings, mockToken } from "../halopsa/halopsa-settings";
import { expectOk } from "../support/expect-result";
import { loadPsaFixture } from "../support/fixtures";
import { useClosedNetwork } from "../support/network";
import { createRecordingHttp } from "../support/recording-http";
import { makeTestDeps } from "../support/test-deps";
import { describeContractBreaks, loadSpec } from "./spec-documents";

const spec = loadSpec("halopsa-openapi-subset.json");

describe("every HaloPSA request is in the vendor document", () => {
  useClosedNetwork();

  it("paths and query parameters under /api", async () => {
    const { http, requests } = createRecordingHttp();
    const connector: PsaConnector = expectOk(createConnector("halopsa", haloSettings, makeTestDeps({ http }).deps));
    mockToken();
    nock(HALO)
      .get("/api/Users").query(true).times(2).reply(200, loadPsaFixture("halopsa", "users-page-3"))
      .get("/api/Client").query(true).times(2).reply(200, loadPsaFixture("halopsa", "clients-page"))
      .get("/api/Client/12").reply(200, loadPsaFixture("halopsa", "client-12"))
      .get("/api/AuthInfo").reply(200, loadPsaFixture("halopsa", "authinfo"))
      .get("/api/Client/13").reply(200, loadPsaFixture("halopsa", "client-12"))
      .get("/api/Projects").query(true).times(4).reply(200, loadPsaFixture("halopsa", "projects-client-12"))
      .get("/api/Projects/9001").query(true).reply(200, loadPsaFixture("halopsa", "project-9001-detail"))
      .get("/api/Agent/7").reply(200, loadPsaFixture("halopsa", "agent-7"));

    expectOk(await connector.findContactsByEmail("eli@acme.com"));
    expectOk(await connector.listContacts());
    expectOk(await connector.listCompanies());
    expectOk(await connector.getCompany("12"));
    expectOk(await connector.getCompanies(["13"]));
    expectOk(await connector.listCompanyProjects("12"));
    expectOk(await connector.listProjects());
    expectOk(await connector.listProjects({ changedSince: new Date("2025-01-01T00:00:00Z") }));
    expectOk(await connector.verifyConnection());
    expectOk(await connector.getProjectDetails({ externalId: "9001", managerExternalId: "7", manager: "Rachel Lee" }));
    expectOk(await discoverConnectorSettings("halopsa", { baseUrl: HALO }, makeTestDeps({ http, resolveHost: async () => ["52.1.1.1"] }).deps));

    // The OAuth token endpoint (/auth/token) belongs to the authorisation server, not to the /api document.
    const apiRequests = requests.filter((request) => !request.url.startsWith(`${HALO}/auth/`));
    expect(apiRequests).toHaveLength(requests.length - 1);
    expect(apiRequests.flatMap((request) => describeContractBreaks(spec, request.method, request.url, "/api"))).toEqual([]);
  });

  it("the check bites: an undeclared parameter or path is reported", () => {
    expect(describeContractBreaks(spec, "GET", `${HALO}/api/Users?email=a%40b.com`, "/api")).toEqual(['GET /Users: query parameter "email" is not declared']);
    expect(describeContractBreaks(spec, "GET", `${HALO}/api/Contacts`, "/api")).toEqual(["GET /Contacts: not in the vendor document"]);
  });

  // Issue 13: the document's "int"/"bool" are not JSON Schema types, so values were never checked.
  it("the check bites on values: page_size=abc and pageinate=yes are refused, numbers and booleans pass", () => {
    expect(describeContractBreaks(spec, "GET", `${HALO}/api/Users?page_size=abc&pageinate=yes&page_no=2&includeinactive=true`, "/api")).toEqual([
      'GET /Users: query parameter "page_size" is "abc", not of type int',
      'GET /Users: query parameter "pageinate" is "yes", not of type bool',
    ]);
    expect(describeContractBreaks(spec, "GET", `${HALO}/api/Projects?client_id=12&open_only=true&page_size=100`, "/api")).toEqual([]);
  });
});
