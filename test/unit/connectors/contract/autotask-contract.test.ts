import { readdirSync } from "node:fs";
import path from "node:path";
import nock from "nock";
import { createConnector } from "../../../../connectors/registry";
import type { PsaConnector } from "../../../../connectors/types";
import { AT_ROOT, AT_ZONE, atSettings } from "../autotask/autotask-settings";
import { expectOk } from "../support/expect-result";
import { loadPsaFixture } from "../support/fixtures";
import { useClosedNetwork } from "../support/network";
import { createRecordingHttp } from "../support/recording-http";
import { makeTestDeps } from "../support/test-deps";
import { describeContractBreaks, loadSpec } from "./spec-documents";
import { createSwaggerValidator } from "./swagger-validator";

const spec = loadSpec("autotask-openapi-subset.json");
const validateModel = createSwaggerValidator(spec);
const FIXTURES = path.resolve(__dirname, "../../../fixtures/psa/autotask");

/** Which vendor model each fixture is a recording of. */
function modelForFixture(name: string): string | null {
  if (name.startsWith("zone")) return "ZoneInformationResultModel";
  if (name.startsWith("contacts-") || name.startsWith("malformed-contacts")) return "QueryActionResult[ContactModel,Contact]";
  if (name.startsWith("companies-")) return "QueryActionResult[CompanyModel,Account]";
  if (name.startsWith("company-")) return "ItemQueryResultModel[CompanyModel,Account]";
  if (name.startsWith("projects-")) return "QueryActionResult[ProjectModel,Project]";
  if (name.startsWith("entity-information")) return "EntityInformationResultModel";
  if (name.startsWith("phases-")) return "QueryActionResult[PhaseModel,Phase]";
  if (name.startsWith("tasks-")) return "QueryActionResult[TaskModel,Task]";
  if (name.startsWith("resource-")) return "ItemQueryResultModel[ResourceModel,Resource]";
  return null;
}

describe("Autotask fixtures match the vendor's model schemas", () => {
  const fixtures = readdirSync(FIXTURES).filter((file) => file.endsWith(".json")).map((file) => file.replace(/\.json$/, ""));
  const recorded = fixtures.filter((name) => !name.startsWith("error-") && !name.startsWith("malformed-"));

  it.each(recorded)("%s", (name) => {
    const model = modelForFixture(name);
    expect(model).not.toBeNull();
    expect(validateModel(model ?? "", loadPsaFixture("autotask", name))).toEqual([]);
  });

  it("rejects the deliberately malformed fixture (the check bites)", () => {
    expect(validateModel("QueryActionResult[ContactModel,Contact]", loadPsaFixture("autotask", "malformed-contacts")).length).toBeGreaterThan(0);
  });
});

describe("every Autotask request is in the vendor document", () => {
  useClosedNetwork();

  it("paths, query parameters and query bodies", async () => {
    const { http, requests } = createRecordingHttp();
    const connector: PsaConnector = expectOk(createConnector("autotask", atSettings, makeTestDeps({ http }).deps));
    nock(AT_ROOT).get(/ZoneInformation/).query(true).reply(200, loadPsaFixture("autotask", "zone"));
    nock(AT_ZONE)
      .post(/\/Contacts\/query$/).times(2).reply(200, loadPsaFixture("autotask", "contacts-page-1"))
      .post(/\/Contacts\/query\/next/).query(true).reply(200, loadPsaFixture("autotask", "contacts-page-3"))
      .post(/\/Companies\/query$/).reply(200, loadPsaFixture("autotask", "companies-changed"))
      .post(/\/Projects\/query$/).times(2).reply(200, loadPsaFixture("autotask", "projects-company-174"))
      .get(/\/Companies\/174$/).reply(200, loadPsaFixture("autotask", "company-174"))
      .post(/\/Companies\/query$/).reply(200, loadPsaFixture("autotask", "companies-changed"))
      .get(/\/Companies\/entityInformation$/).reply(200, loadPsaFixture("autotask", "entity-information"))
      .post(/\/Phases\/query$/).reply(200, loadPsaFixture("autotask", "phases-project-7001"))
      .post(/\/Tasks\/query$/).reply(200, loadPsaFixture("autotask", "tasks-project-7001"))
      .get(/\/Resources\/29682885$/).reply(200, loadPsaFixture("autotask", "resource-29682885"));

    expectOk(await connector.findContactsByEmail("jane@acme.com"));
    expectOk(await connector.listContacts({ changedSince: new Date("2025-01-01T00:00:00Z") }));
    expectOk(await connector.listCompanies({ changedSince: new Date("2025-01-01T00:00:00Z") }));
    expectOk(await connector.listProjects());
    expectOk(await connector.listCompanyProjects("174"));
    expectOk(await connector.getCompany("174"));
    expectOk(await connector.getCompanies(["174", "310"]));
    expectOk(await connector.verifyConnection());
    expectOk(await connector.getProjectDetails({ externalId: "7001", managerExternalId: "29682885", manager: null }));

    // POSTing pageDetails.nextPageUrl (/{Entity}/query/next?paging=…) is how Autotask pages a POST query,
    // but that route is not in any published document (vendor-apis.md §2.5): it is the server's own URL.
    const documented = requests.filter((request) => !/\/query\/next\?/.test(request.url));
    expect(documented.length).toBe(requests.length - 1);
    const breaks = documented.flatMap((request) => describeContractBreaks(spec, request.method, request.url, "/ATServicesRest"));
    expect(breaks).toEqual([]);
    for (const request of requests.filter((item) => item.method === "POST")) {
      expect(validateModel("QueryModel", request.body)).toEqual([]);
    }
    for (const request of requests) {
      expect(request.headers).toMatchObject({ apiintegrationcode: atSettings.integrationCode, username: atSettings.username, secret: atSettings.secret });
    }
  });
});
