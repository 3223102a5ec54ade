import nock from "nock";
import { loadPsaFixture } from "../support/fixtures";

/** Shared by the HaloPSA test files. */
export const HALO = "https://acme.halopsa.com";
export const haloSettings = { baseUrl: "https://acme.halopsa.com/", clientId: "portal-gateway", clientSecret: "halo-client-secret-987654" };

/** The token endpoint, expecting the client-credentials form. */
export function mockToken(fixture = "token", times = 1): nock.Scope {
  return nock(HALO)
    .post("/auth/token", (body: Record<string, string>) => body.grant_type === "client_credentials" && body.client_id === haloSettings.clientId && body.client_secret === haloSettings.clientSecret && body.scope === "all")
    .times(times)
    .reply(200, loadPsaFixture("halopsa", fixture));
}
