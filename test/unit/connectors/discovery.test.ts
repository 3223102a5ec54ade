import nock from "nock";
import { discoverConnectorSettings } from "../../../connectors/registry";
import type { ResolveHost } from "../../../connectors/shared/host-guard";
import { AT_BASE, AT_ROOT } from "./autotask/autotask-settings";
import { CW_HOST } from "./connectwise/connectwise-settings";
import { HALO } from "./halopsa/halopsa-settings";
import { expectError, expectOk } from "./support/expect-result";
import { loadPsaFixture } from "./support/fixtures";
import { useClosedNetwork } from "./support/network";
import { makeTestDeps } from "./support/test-deps";

const resolveHost: ResolveHost = async (hostname) => ({ "api-na.myconnectwise.net": ["52.4.5.6"], "acme.halopsa.com": ["52.1.1.1"], "cw.corp.example": ["10.4.4.4"] })[hostname] ?? [];
const deps = () => makeTestDeps({ resolveHost }).deps;

// Issue 13 point 5: the console can ask any connector what it can find, without naming vendors.
describe("settings discovery", () => {
  useClosedNetwork();

  // Developer Guide "Calling Company Info": {"Codebase":"v2025_1/",...}, read without credentials.
  it("ConnectWise: finds the codebase from the site and company id, without the trailing slash", async () => {
    nock(CW_HOST).get("/login/companyinfo/acme").reply(200, loadPsaFixture("connectwise", "company-info"));
    const found = expectOk(await discoverConnectorSettings("connectwise", { site: "https://API-NA.myconnectwise.net/", companyId: "acme" }, deps()));
    expect(found.settings).toEqual({ site: "api-na.myconnectwise.net", codebase: "v2025_1" });
    expect(found.notes).toEqual(["ConnectWise PSA at api-na.myconnectwise.net runs codebase v2025_1 (ConnectWise cloud)."]);
  });

  it("ConnectWise: an unknown company id is named as such", async () => {
    nock(CW_HOST).get("/login/companyinfo/nobody").reply(200, "null");
    expect(expectError(await discoverConnectorSettings("connectwise", { site: "api-na.myconnectwise.net", companyId: "nobody" }, deps()))).toMatchObject({ code: "psa_misconfigured", detail: "companyId" });
  });

  it("ConnectWise: a cloud sign-in host is refused with the vendor's reason and what to type", async () => {
    const error = expectError(await discoverConnectorSettings("connectwise", { site: "eu.myconnectwise.net", companyId: "acme" }, deps()));
    expect(error.message).toContain('"SSL is required"');
    expect(error.message).toContain("type api-eu.myconnectwise.net");
  });

  it("ConnectWise: an internal site is refused before any request", async () => {
    expect(expectError(await discoverConnectorSettings("connectwise", { site: "cw.corp.example", companyId: "acme" }, deps()))).toMatchObject({ code: "psa_misconfigured", detail: "site" });
  });

  // homotechsual/HaloAPI Connect-HaloAPI.ps1 reads auth_url and tenant_id from api/authinfo before asking for a token.
  it("HaloPSA: finds the authorisation server and tenant from /api/authinfo", async () => {
    nock(HALO).get("/api/AuthInfo").reply(200, loadPsaFixture("halopsa", "authinfo"));
    const found = expectOk(await discoverConnectorSettings("halopsa", { baseUrl: "https://acme.halopsa.com/" }, deps()));
    expect(found.settings).toEqual({ baseUrl: "https://acme.halopsa.com", authUrl: "https://auth.halopsa.com", tenant: "acme" });
  });

  it("HaloPSA: an authorisation server off the firm's Halo is refused, so the secret never goes there", async () => {
    nock(HALO).get("/api/AuthInfo").reply(200, { auth_url: "https://169.254.169.254/auth", tenant_id: "" });
    const error = expectError(await discoverConnectorSettings("halopsa", { baseUrl: "https://acme.halopsa.com" }, deps()));
    expect(error).toMatchObject({ code: "psa_unexpected_payload", detail: "authUrl" });
  });

  it("Autotask: finds the zone from the username", async () => {
    nock(AT_ROOT).get(`${AT_BASE}/ZoneInformation`).query({ user: "api@acme.com" }).reply(200, loadPsaFixture("autotask", "zone"));
    const found = expectOk(await discoverConnectorSettings("autotask", { username: "api@acme.com" }, deps()));
    expect(found.settings).toEqual({ zoneUrl: "https://webservices5.autotask.net/ATServicesRest/" });
  });

  it("CSV has nothing to find", async () => {
    expect(expectOk(await discoverConnectorSettings("csv", {}))).toEqual({ settings: {}, notes: [] });
  });
});
