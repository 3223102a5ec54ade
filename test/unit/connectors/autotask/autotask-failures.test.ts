import nock from "nock";
import { createConnector, type ConnectorDeps } from "../../../../connectors/registry";
import type { PsaConnector } from "../../../../connectors/types";
import { expectError, expectOk } from "../support/expect-result";
import { loadPsaFixture } from "../support/fixtures";
import { useClosedNetwork } from "../support/network";
import { makeTestDeps } from "../support/test-deps";
import { AT_BASE, AT_ROOT, AT_ZONE, atSettings } from "./autotask-settings";

const COMPANY = `${AT_BASE}/Companies/174`;
const zoneSettings = { ...atSettings, zoneUrl: "https://webservices5.autotask.net/ATServicesRest/" };

function makeConnector(overrides: ConnectorDeps = {}, settings: object = zoneSettings) {
  const test = makeTestDeps(overrides);
  const connector: PsaConnector = expectOk(createConnector("autotask", settings, test.deps));
  return { connector, ...test };
}

describe("Autotask under real conditions", () => {
  useClosedNetwork();

  it("401: names the API user's credentials, is not retried, leaks no secret", async () => {
    nock(AT_ZONE).get(COMPANY).reply(401, loadPsaFixture("autotask", "error-401"));
    const { connector, sleeps } = makeConnector();
    const error = expectError(await connector.getCompany("174"));
    expect(error.code).toBe("psa_credentials_rejected");
    expect(error.message).toContain("UserName, Secret or API tracking identifier");
    expect(error.message).not.toContain(atSettings.secret);
    expect(sleeps).toEqual([]);
  });

  it("an unknown username (zone lookup answers 500) is reported against the username, without retries", async () => {
    nock(AT_ROOT).get(`${AT_BASE}/ZoneInformation`).query(true).reply(500, { errors: ["Zone information could not be determined"] });
    const { connector, sleeps } = makeConnector({}, atSettings);
    const error = expectError(await connector.getCompany("174"));
    expect(error).toMatchObject({ code: "psa_credentials_rejected", detail: "username" });
    expect(sleeps).toEqual([]);
  });

  it("429 then success honours Retry-After", async () => {
    nock(AT_ZONE).get(COMPANY).reply(429, { errors: ["Request threshold exceeded"] }, { "Retry-After": "3" }).get(COMPANY).reply(200, loadPsaFixture("autotask", "company-174"));
    const { connector, sleeps } = makeConnector();
    expect(expectOk(await connector.getCompany("174"))?.name).toBe("Acme Corp");
    expect(sleeps).toEqual([3000]);
  });

  it("500 then success", async () => {
    nock(AT_ZONE).get(COMPANY).reply(500, loadPsaFixture("autotask", "error-500")).get(COMPANY).reply(200, loadPsaFixture("autotask", "company-174"));
    const { connector, sleeps } = makeConnector();
    expect(expectOk(await connector.getCompany("174"))?.externalId).toBe("174");
    expect(sleeps).toHaveLength(1);
  });

  // Issue 13 point 3: Autotask answers HTTP 500 "Unable to find X in the Y Entity" to a query on an unknown or
  // unqueryable field (WYRE-AI/autotask-mcp#282, verified live there; error body {"errors":[...]}, vendor-apis.md §2.6).
  it("a query on an unknown field is a settings problem naming the field: no retry, no outage, one request spent", async () => {
    nock(AT_ZONE).post(`${AT_BASE}/Companies/query`).reply(500, { errors: ["Unable to find lastTrackedModifiedDateTime in the Account Entity"] });
    const { connector, sleeps } = makeConnector({ circuit: { failureThreshold: 1, openMs: 60_000 } }, { ...zoneSettings, maxRequestsPerHour: 100 });

    const error = expectError(await connector.listCompanies({ changedSince: new Date("2025-03-01T00:00:00Z") }));

    expect(error).toMatchObject({ code: "psa_misconfigured", detail: "lastTrackedModifiedDateTime" });
    expect(error.message).toContain('"lastTrackedModifiedDateTime" of its Account entity');
    expect(error.message).toContain("not an outage");
    expect(sleeps).toEqual([]);
    // The circuit (threshold 1) stays closed: the next call goes out and succeeds.
    nock(AT_ZONE).get(COMPANY).reply(200, loadPsaFixture("autotask", "company-174"));
    expect(expectOk(await connector.getCompany("174"))?.externalId).toBe("174");
  });

  it("an ordinary 500 is still an outage after its retries, and says nothing the PSA wrote", async () => {
    nock(AT_ZONE).get(COMPANY).times(2).reply(500, { errors: ["Object reference not set to an instance of an object. at Autotask.Internal.Db"] });
    const error = expectError(await makeConnector({ maxRetries: 1 }).connector.getCompany("174"));
    expect(error.code).toBe("psa_unavailable");
    expect(error.message).not.toContain("Object reference");
  });

  it("times out", async () => {
    nock(AT_ZONE).get(COMPANY).delay(500).reply(200, loadPsaFixture("autotask", "company-174"));
    const error = expectError(await makeConnector({ timeoutMs: 50, maxRetries: 0 }).connector.getCompany("174"));
    expect(error).toMatchObject({ code: "psa_unavailable" });
  });

  it("reports a malformed payload with the field at fault", async () => {
    nock(AT_ZONE).post(`${AT_BASE}/Contacts/query`).reply(200, loadPsaFixture("autotask", "malformed-contacts"));
    const error = expectError(await makeConnector().connector.listContacts());
    expect(error).toMatchObject({ code: "psa_unexpected_payload", detail: "items[0].id" });
  });

  it("stops at its hourly request budget with psa_rate_limited", async () => {
    nock(AT_ZONE).get(COMPANY).times(100).reply(200, loadPsaFixture("autotask", "company-174"));
    const { connector } = makeConnector({}, { ...zoneSettings, maxRequestsPerHour: 100 });
    for (let i = 0; i < 100; i += 1) expectOk(await connector.getCompany("174"));
    const error = expectError(await connector.getCompany("174"));
    expect(error.code).toBe("psa_rate_limited");
    expect(error.retryAfterMs).toBe(3_600_000);
  });

  it("opens the circuit after repeated failures and closes after a successful trial", async () => {
    nock(AT_ZONE).get(COMPANY).times(3).reply(502, "Bad Gateway");
    const { connector, advanceClock } = makeConnector({ maxRetries: 0, circuit: { failureThreshold: 3, openMs: 10_000 } });
    for (let i = 0; i < 3; i += 1) expect(expectError(await connector.getCompany("174")).code).toBe("psa_unavailable");
    expect(expectError(await connector.getCompany("174")).code).toBe("psa_circuit_open");

    advanceClock(5_000);
    expect(expectError(await connector.getCompany("174")).code).toBe("psa_circuit_open");

    advanceClock(5_000);
    nock(AT_ZONE).get(COMPANY).reply(200, loadPsaFixture("autotask", "company-174"));
    expect(expectOk(await connector.getCompany("174"))?.externalId).toBe("174");
    nock(AT_ZONE).get(COMPANY).reply(200, loadPsaFixture("autotask", "company-174"));
    expect(expectOk(await connector.getCompany("174"))?.externalId).toBe("174");
  });

  it("a failed half-open trial opens the circuit again", async () => {
    nock(AT_ZONE).get(COMPANY).times(2).reply(500, loadPsaFixture("autotask", "error-500"));
    const { connector, advanceClock } = makeConnector({ maxRetries: 0, circuit: { failureThreshold: 1, openMs: 1_000 } });
    expectError(await connector.getCompany("174"));
    advanceClock(1_000);
    expect(expectError(await connector.getCompany("174")).code).toBe("psa_unavailable");
    expect(expectError(await connector.getCompany("174")).code).toBe("psa_circuit_open");
  });
});
