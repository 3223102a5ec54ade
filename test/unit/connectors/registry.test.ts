import { connectorDefinitions, connectorKinds, createConnector, describeConnectorSettings, maskConnectorSettings, parseConnectorSettings } from "../../../connectors/registry";
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

  // Issue 13 ("validation messages name the form's labels"): today's text was "site: Invalid input: expected
  // string, received undefined".
  it("lists every settings problem at once, by the form's labels, and names the keys in detail", () => {
    const error = expectError(createConnector("connectwise", { clientId: "nope" }));
    expect(error.code).toBe("psa_misconfigured");
    expect(error.message).toContain("5 problems");
    for (const text of ["Site (API address): is required", "Company ID: is required", "Public key: is required", "Private key: is required", "Client ID: must be the GUID"]) expect(error.message).toContain(text);
    expect(error.message).not.toMatch(/Invalid input|received undefined|companyId/);
    expect(error.detail).toBe("site, companyId, publicKey, privateKey, clientId");
  });

  it("gives every settings field of every connector a label and help text a form can show", () => {
    for (const kind of connectorKinds) {
      const fields = describeConnectorSettings(kind);
      expect(fields.map((field) => field.name)).toEqual(Object.keys(connectorDefinitions[kind].settingsSchema.shape));
      for (const field of fields) {
        expect(field.label).not.toBe(field.name);
        expect(field.help.length).toBeGreaterThan(20);
      }
    }
    expect(describeConnectorSettings("connectwise").find((field) => field.name === "privateKey")).toMatchObject({ secret: true, required: true });
    expect(describeConnectorSettings("connectwise").find((field) => field.name === "codebase")).toMatchObject({ secret: false, required: false });
  });

  it("labels the parts of a group and marks what only the operator sets, in the same field list", () => {
    const [directory, files] = describeConnectorSettings("csv");
    expect(directory).toMatchObject({ name: "directory", operatorOnly: true });
    expect(files).toMatchObject({ name: "files", operatorOnly: false });
    expect(files?.parts?.map((part) => [part.label, part.required])).toEqual([
      ["companies.csv", true],
      ["contacts.csv", true],
      ["projects.csv", true],
      ["phases.csv", false],
    ]);
    expect(describeConnectorSettings("connectwise").some((field) => field.operatorOnly)).toBe(false);
    const error = expectError(createConnector("csv", { files: { companies: "external_id,name\n" } }));
    expect(error.message).toContain("Uploaded files › contacts.csv: is required");
    expect(error.message).toContain("Uploaded files › projects.csv: is required");
  });

  // Issue 13 point 5: a cloud sign-in host answers "SSL is required" (Developer Guide "Authentication").
  it("refuses a ConnectWise cloud host without api- and says what to type instead", () => {
    const error = expectError(parseConnectorSettings("connectwise", { site: "https://na.myconnectwise.net/", companyId: "acme", publicKey: "p", privateKey: "k", clientId: "f2d1c0de-0000-4000-8000-1234567890ab" }));
    expect(error.message).toContain("SSL is required");
    expect(error.message).toContain("type api-na.myconnectwise.net");
    expect(error.detail).toBe("site");
  });

  it("accepts the codebase as ConnectWise's companyinfo gives it (v2025_1/)", () => {
    const parsed = expectOk(parseConnectorSettings("connectwise", { site: "api-eu.myconnectwise.net", codebase: "v2025_1/", companyId: "acme", publicKey: "p", privateKey: "k", clientId: "f2d1c0de-0000-4000-8000-1234567890ab" }));
    expect(parsed.codebase).toBe("v2025_1");
  });

  // Issue 14 finding 1: the token request carries the client secret, so its server stays on the firm's Halo.
  it.each([
    ["https://169.254.169.254/latest/meta-data", "must end at the host or at /auth"],
    ["https://evil.example/auth", "must be on your Halo host"],
    ["https://acme.halopsa.com:8443/auth", "must be on your Halo host"],
    ["https://acme.halopsa.com/auth?x=1", "plain https URL"],
  ])("refuses a HaloPSA authorisation server at %s", (authUrl, reason) => {
    const error = expectError(parseConnectorSettings("halopsa", { baseUrl: "https://acme.halopsa.com", clientId: "id", clientSecret: "s", authUrl }));
    expect(error.message).toContain(reason);
    expect(error.detail).toBe("authUrl");
  });

  it("accepts a HaloPSA authorisation server on the firm's host or on Halo's cloud", () => {
    for (const authUrl of ["https://acme.halopsa.com/auth", "https://auth.halopsa.com", "https://acme.halopsa.com/AUTH/"]) {
      expect(parseConnectorSettings("halopsa", { baseUrl: "https://acme.halopsa.com", clientId: "id", clientSecret: "s", authUrl }).ok).toBe(true);
    }
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
