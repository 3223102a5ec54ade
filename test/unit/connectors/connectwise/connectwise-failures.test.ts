import nock from "nock";
import { createConnector, type ConnectorDeps } from "../../../../connectors/registry";
import type { PsaConnector } from "../../../../connectors/types";
import { expectError, expectOk } from "../support/expect-result";
import { loadPsaFixture } from "../support/fixtures";
import { useClosedNetwork } from "../support/network";
import { makeTestDeps } from "../support/test-deps";
import { CW_BASE, CW_HOST, cwSettings, mockCompanyStatuses } from "./connectwise-settings";

const COMPANY = `${CW_BASE}/company/companies/250`;

function makeConnector(overrides: ConnectorDeps = {}) {
  const test = makeTestDeps(overrides);
  const connector: PsaConnector = expectOk(createConnector("connectwise", cwSettings, test.deps));
  return { connector, ...test };
}

describe("ConnectWise under real conditions", () => {
  useClosedNetwork();

  it("401: names the API keys, is not retried, and leaks no secret", async () => {
    nock(CW_HOST).get(COMPANY).query(true).once().reply(401, loadPsaFixture("connectwise", "error-401"));
    const { connector, sleeps } = makeConnector();

    const error = expectError(await connector.getCompany("250"));

    expect(error.code).toBe("psa_credentials_rejected");
    expect(error.message).toContain("ConnectWise PSA rejected the API keys (public/private key or company id)");
    expect(error.message).not.toContain(cwSettings.privateKey);
    expect(sleeps).toEqual([]);
  });

  it("401 about the clientId says so", async () => {
    nock(CW_HOST).get(COMPANY).query(true).reply(401, loadPsaFixture("connectwise", "error-401-client-id"));
    const error = expectError(await makeConnector().connector.getCompany("250"));
    expect(error).toMatchObject({ code: "psa_credentials_rejected", detail: "clientId" });
    expect(error.message).toContain("clientId header");
  });

  it("429 then success: waits the Retry-After and succeeds", async () => {
    mockCompanyStatuses();
    nock(CW_HOST)
      .get(COMPANY)
      .query(true)
      .reply(429, loadPsaFixture("connectwise", "error-429"), { "Retry-After": "2" })
      .get(COMPANY)
      .query(true)
      .reply(200, loadPsaFixture("connectwise", "company-250"));
    const { connector, sleeps } = makeConnector();

    expect(expectOk(await connector.getCompany("250"))?.name).toBe("Acme Corp");
    expect(sleeps).toEqual([2000]);
  });

  it("429 with a Retry-After longer than we wait returns psa_rate_limited with when to retry", async () => {
    nock(CW_HOST).get(COMPANY).query(true).reply(429, loadPsaFixture("connectwise", "error-429"), { "Retry-After": "30" });
    const error = expectError(await makeConnector({ maxRetryWaitMs: 5_000 }).connector.getCompany("250"));
    expect(error).toMatchObject({ code: "psa_rate_limited", retryAfterMs: 30_000 });
  });

  it("500 then success: backs off and succeeds", async () => {
    mockCompanyStatuses();
    nock(CW_HOST)
      .get(COMPANY)
      .query(true)
      .reply(500, loadPsaFixture("connectwise", "error-500"))
      .get(COMPANY)
      .query(true)
      .reply(200, loadPsaFixture("connectwise", "company-250"));
    const { connector, sleeps } = makeConnector();

    expect(expectOk(await connector.getCompany("250"))?.externalId).toBe("250");
    expect(sleeps).toHaveLength(1);
  });

  it("gives up after the retries on repeated 500s with psa_unavailable", async () => {
    nock(CW_HOST).get(COMPANY).query(true).times(3).reply(503, "");
    const { connector, sleeps } = makeConnector({ maxRetries: 2 });
    expect(expectError(await connector.getCompany("250")).code).toBe("psa_unavailable");
    expect(sleeps).toHaveLength(2);
  });

  it("times out a call that does not answer", async () => {
    nock(CW_HOST).get(COMPANY).query(true).delay(500).reply(200, loadPsaFixture("connectwise", "company-250"));
    const error = expectError(await makeConnector({ timeoutMs: 50, maxRetries: 0 }).connector.getCompany("250"));
    expect(error.code).toBe("psa_unavailable");
    expect(error.message).toContain("could not reach the PSA at api-na.myconnectwise.net over HTTPS");
  });

  it("reports a malformed payload with the field at fault", async () => {
    nock(CW_HOST).get(`${CW_BASE}/company/contacts`).query(true).reply(200, loadPsaFixture("connectwise", "malformed-contacts"));
    const error = expectError(await makeConnector().connector.listContacts());
    expect(error).toMatchObject({ code: "psa_unexpected_payload", detail: "[0].id" });
  });

  it("opens the circuit after repeated failures, fails fast, and closes after a successful trial", async () => {
    nock(CW_HOST).get(COMPANY).query(true).times(2).reply(500, loadPsaFixture("connectwise", "error-500"));
    const { connector, advanceClock } = makeConnector({ maxRetries: 0, circuit: { failureThreshold: 2, openMs: 30_000 } });

    expect(expectError(await connector.getCompany("250")).code).toBe("psa_unavailable");
    expect(expectError(await connector.getCompany("250")).code).toBe("psa_unavailable");
    const open = expectError(await connector.getCompany("250"));
    expect(open).toMatchObject({ code: "psa_circuit_open", retryAfterMs: 30_000 });

    advanceClock(30_000);
    mockCompanyStatuses();
    nock(CW_HOST).get(COMPANY).query(true).times(2).reply(200, loadPsaFixture("connectwise", "company-250"));
    expect(expectOk(await connector.getCompany("250"))?.externalId).toBe("250");
    expect(expectOk(await connector.getCompany("250"))?.externalId).toBe("250");
  });

  it("Test connection reports rejected keys as an actionable error", async () => {
    nock(CW_HOST).get(`${CW_BASE}/company/contacts/count`).reply(403, { code: "Forbidden", message: "You do not have permission." });
    const error = expectError(await makeConnector().connector.verifyConnection());
    expect(error.code).toBe("psa_credentials_rejected");
    expect(error.message).toContain("security role");
  });
});
