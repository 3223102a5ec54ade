import { connectorDefinitions, connectorKinds, createConnector, maskConnectorSettings, parseConnectorSettings } from "../../../connectors/registry";
import { expectError, expectOk } from "./support/expect-result";

describe("connector registry", () => {
  it("lists the four kinds, derived from the map", () => {
    expect(connectorKinds).toEqual(["connectwise", "autotask", "halopsa", "csv"]);
    for (const kind of connectorKinds) expect(connectorDefinitions[kind].kind).toBe(kind);
  });

  it("marks the secret settings fields of each connector", () => {
    expect(connectorDefinitions.connectwise.secretFields).toEqual(["privateKey"]);
    expect(connectorDefinitions.autotask.secretFields).toEqual(["secret", "integrationCode"]);
    expect(connectorDefinitions.halopsa.secretFields).toEqual(["clientSecret"]);
    expect(connectorDefinitions.csv.secretFields).toEqual([]);
  });

  it("refuses an unknown kind", () => {
    expect(expectError(createConnector("salesforce", {}))).toMatchObject({ code: "psa_misconfigured", detail: "kind" });
  });

  it("lists every settings problem at once", () => {
    const error = expectError(createConnector("connectwise", { site: "api-na.myconnectwise.net", clientId: "nope" }));
    expect(error.code).toBe("psa_misconfigured");
    expect(error.message).toContain("4 problems");
    for (const field of ["companyId", "publicKey", "privateKey", "clientId"]) expect(error.message).toContain(field);
  });

  it("csv needs exactly one of directory and files", () => {
    expect(expectError(createConnector("csv", {})).message).toContain("either a directory or the uploaded files");
    expect(createConnector("csv", { directory: "/tmp" }).ok).toBe(true);
  });

  it("fills in defaults and creates a connector for each kind", () => {
    const settings = parseConnectorSettings("halopsa", { baseUrl: "https://acme.halopsa.com/api/", clientId: "id", clientSecret: "secret" });
    expect(expectOk(settings)).toMatchObject({ baseUrl: "https://acme.halopsa.com", scope: "all" });
    expect(expectOk(createConnector("autotask", { username: "api@x.com", secret: "s", integrationCode: "c" })).kind).toBe("autotask");
  });

  it("masks secrets for API output", () => {
    const masked = maskConnectorSettings("halopsa", { baseUrl: "https://acme.halopsa.com", clientId: "id", clientSecret: "a-very-long-client-secret" });
    expect(masked).toEqual({ baseUrl: "https://acme.halopsa.com", clientId: "id", clientSecret: "••••••••cret" });
  });
});
