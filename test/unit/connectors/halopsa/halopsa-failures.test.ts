import nock from "nock";
import { createConnector, type ConnectorDeps } from "../../../../connectors/registry";
import type { PsaConnector } from "../../../../connectors/types";
import { expectError, expectOk } from "../support/expect-result";
import { loadPsaFixture } from "../support/fixtures";
import { useClosedNetwork } from "../support/network";
import { makeTestDeps } from "../support/test-deps";
import { HALO, haloSettings, mockToken } from "./halopsa-settings";

function makeConnector(overrides: ConnectorDeps = {}) {
  const test = makeTestDeps(overrides);
  const connector: PsaConnector = expectOk(createConnector("halopsa", haloSettings, test.deps));
  return { connector, ...test };
}

describe("HaloPSA under real conditions", () => {
  useClosedNetwork();

  it("a rejected client secret is reported against the client id/secret, without retries or the secret", async () => {
    nock(HALO).post("/auth/token").reply(401, loadPsaFixture("halopsa", "token-invalid-client"));
    const { connector, sleeps } = makeConnector();
    const error = expectError(await connector.getCompany("12"));
    expect(error).toMatchObject({ code: "psa_credentials_rejected", detail: "clientId, clientSecret" });
    expect(error.message).not.toContain(haloSettings.clientSecret);
    expect(sleeps).toEqual([]);
  });

  it("refreshes the token once on a 401, then succeeds", async () => {
    mockToken("token");
    mockToken("token-2");
    nock(HALO)
      .get("/api/Client/12")
      .matchHeader("authorization", "Bearer halo-token-1")
      .reply(401, "")
      .get("/api/Client/12")
      .matchHeader("authorization", "Bearer halo-token-2")
      .reply(200, loadPsaFixture("halopsa", "client-12"));
    expect(expectOk(await makeConnector().connector.getCompany("12"))?.name).toBe("Acme Corp");
  });

  it("a 401 that survives a fresh token is credentials rejected", async () => {
    mockToken("token");
    mockToken("token-2");
    nock(HALO).get("/api/Client/12").times(2).reply(401, "");
    expect(expectError(await makeConnector().connector.getCompany("12")).code).toBe("psa_credentials_rejected");
  });

  it("fetches a new token shortly before the old one expires", async () => {
    mockToken("token");
    mockToken("token-2");
    nock(HALO).get("/api/Client/12").matchHeader("authorization", "Bearer halo-token-1").reply(200, loadPsaFixture("halopsa", "client-12"));
    nock(HALO).get("/api/Client/12").matchHeader("authorization", "Bearer halo-token-2").reply(200, loadPsaFixture("halopsa", "client-12"));
    const { connector, advanceClock } = makeConnector();
    expectOk(await connector.getCompany("12"));
    advanceClock(3_600_000 - 30_000);
    expectOk(await connector.getCompany("12"));
  });

  it("429 then success honours Retry-After", async () => {
    mockToken();
    nock(HALO).get("/api/Client/12").reply(429, "Rate Limit Reached - 300 Requests per rolling 5 minute window", { "Retry-After": "5" }).get("/api/Client/12").reply(200, loadPsaFixture("halopsa", "client-12"));
    const { connector, sleeps } = makeConnector();
    expect(expectOk(await connector.getCompany("12"))?.externalId).toBe("12");
    expect(sleeps).toEqual([5000]);
  });

  it("500 then success", async () => {
    mockToken();
    nock(HALO).get("/api/Client/12").reply(500, "").get("/api/Client/12").reply(200, loadPsaFixture("halopsa", "client-12"));
    const { connector, sleeps } = makeConnector();
    expect(expectOk(await connector.getCompany("12"))?.externalId).toBe("12");
    expect(sleeps).toHaveLength(1);
  });

  it("times out", async () => {
    mockToken();
    // On a busy machine the token request itself can pass the 50 ms first; that is the same timeout, so the
    // slow data call may then never be made.
    nock(HALO).get("/api/Client/12").optionally().delay(500).reply(200, loadPsaFixture("halopsa", "client-12"));
    expect(expectError(await makeConnector({ timeoutMs: 50, maxRetries: 0 }).connector.getCompany("12")).code).toBe("psa_unavailable");
  });

  it("reports a malformed payload with the field at fault", async () => {
    mockToken();
    nock(HALO).get("/api/Users").query(true).reply(200, loadPsaFixture("halopsa", "malformed-users"));
    expect(expectError(await makeConnector().connector.findContactsByEmail("jane@acme.com"))).toMatchObject({ code: "psa_unexpected_payload", detail: "users[0].emailaddress" });
  });

  it("a body that is not JSON is an unexpected payload", async () => {
    mockToken();
    nock(HALO).get("/api/Client/12").reply(200, "<html>Login</html>");
    expect(expectError(await makeConnector().connector.getCompany("12")).code).toBe("psa_unexpected_payload");
  });

  it("opens the circuit after repeated failures and closes after a successful trial", async () => {
    mockToken();
    nock(HALO).get("/api/Client/12").times(2).reply(503, "");
    const { connector, advanceClock } = makeConnector({ maxRetries: 0, circuit: { failureThreshold: 2, openMs: 20_000 } });
    expectError(await connector.getCompany("12"));
    expectError(await connector.getCompany("12"));
    expect(expectError(await connector.getCompany("12")).code).toBe("psa_circuit_open");
    advanceClock(20_000);
    nock(HALO).get("/api/Client/12").reply(200, loadPsaFixture("halopsa", "client-12"));
    expect(expectOk(await connector.getCompany("12"))?.externalId).toBe("12");
  });
});
