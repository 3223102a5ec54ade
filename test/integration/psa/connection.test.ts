import nock from "nock";
import type { Firm } from "../../../src/generated/prisma/client";
import { signedInStaff } from "../../helpers/staff";
import { startTestGateway } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { createFirm, createPortalAccount, TEST_PASSWORD } from "../../helpers/seed";
import { csrfFrom, signIn } from "../../helpers/forms";
import { loadPsaFixture } from "../../unit/connectors/support/fixtures";

const CW = "https://api-na.cw.example";
const CW_COUNT = "/v4_6_release/apis/3.0/company/contacts/count";
const GUID = "0f6a6a0a-3b1e-4c55-9a5e-2d4a8c0f1e11";
const cwForm = { kind: "connectwise", site: "api-na.cw.example", companyId: "northwind", publicKey: "pub-key", privateKey: "cw-private-key-481516", clientId: GUID };
const basic = (privateKey: string) => `Basic ${Buffer.from(`northwind+pub-key:${privateKey}`).toString("base64")}`;

let gw: TestGateway;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  gw = await startTestGateway({ env: { CONNECTOR_SECRETS_KEY: Buffer.alloc(32, 5).toString("base64"), FIRM_CACHE_SECONDS: "60" } });
});
afterAll(async () => {
  await gw.close();
  nock.cleanAll();
  nock.enableNetConnect();
});
afterEach(() => nock.cleanAll());


async function save(agent: ReturnType<TestGateway["agent"]>, firm: Firm, form: Record<string, string>, kind = form.kind) {
  const page = await agent.get(`/portal/${firm.slug}/admin/psa?kind=${kind}`);
  return agent.post(`/portal/${firm.slug}/admin/psa`).type("form").send({ _csrf: csrfFrom(page.text), ...form });
}

describe("an admin connects the firm's PSA from the staff console", () => {
  test("ConnectWise: saved with the secret encrypted and never shown, then tested; a blank secret keeps the saved one", async () => {
    const firm = await createFirm(gw.db);
    const admin = await signedInStaff(gw, firm);
    const form = await admin.get(`/portal/${firm.slug}/admin/psa`);
    expect(form.text).toContain("No PSA is connected yet");
    for (const label of ["Site", "Company ID", "Public key", "Private key", "Client ID"]) expect(form.text).toContain(label);

    nock(CW, { reqheaders: { authorization: basic(cwForm.privateKey), clientid: GUID } }).get(CW_COUNT).reply(200, { count: 7 });
    const saved = await save(admin, firm, cwForm);
    expect(saved.status).toBe(200);
    expect(saved.text).toContain("Test connection: Connected to ConnectWise PSA at api-na.cw.example (company northwind); the API member can see 7 contacts.");
    expect(saved.text).toContain("saved (hidden)");
    expect(saved.text).not.toContain(cwForm.privateKey);

    const row = await gw.db.firm.findUniqueOrThrow({ where: { id: firm.id } });
    expect(row.connectorKind).toBe("connectwise");
    expect(JSON.stringify(row.connectorSettings)).not.toContain(cwForm.privateKey);
    expect(row.connectorSecrets).not.toContain(cwForm.privateKey);
    expect((await admin.get(`/portal/${firm.slug}/admin/psa`)).text).not.toContain(cwForm.privateKey);

    // Changing the public key without retyping the private key keeps the saved private key.
    nock(CW, { reqheaders: { authorization: `Basic ${Buffer.from(`northwind+pub-key-2:${cwForm.privateKey}`).toString("base64")}` } }).get(CW_COUNT).reply(200, { count: 7 });
    const again = await save(admin, firm, { ...cwForm, publicKey: "pub-key-2", privateKey: "" });
    expect(again.text).toContain("Test connection: Connected to ConnectWise PSA");
  });

  test("wrong credentials: nothing is saved, and the test says which credential the PSA refused, under its field", async () => {
    const firm = await createFirm(gw.db);
    const admin = await signedInStaff(gw, firm);
    nock(CW).get(CW_COUNT).reply(401, { code: "Unauthorized", message: "Unauthorized" });
    const saved = await save(admin, firm, { ...cwForm, privateKey: "wrong-key" });
    expect(saved.text).toContain("Test connection failed:");
    expect(saved.text).toContain("ConnectWise PSA rejected the API keys (public/private key or company id)");
    expect(saved.text).toContain("Nothing was saved: the test of these settings failed");
    expect(saved.text).not.toContain("wrong-key");
    expect(saved.text).toContain('value="api-na.cw.example"'); // typed values stay, to correct and send again
    expect((await gw.db.firm.findUniqueOrThrow({ where: { id: firm.id } })).connectorKind).toBeNull();
  });

  test("'Test connection' tests the saved settings and says which credential the PSA refused", async () => {
    const firm = await createFirm(gw.db);
    const admin = await signedInStaff(gw, firm);
    nock(CW).get(CW_COUNT).reply(200, { count: 3 });
    await save(admin, firm, cwForm);
    nock(CW).get(CW_COUNT).reply(401, { code: "Unauthorized", message: "Unauthorized" });
    const page = await admin.get(`/portal/${firm.slug}/admin/psa`);
    const tested = await admin.post(`/portal/${firm.slug}/admin/psa/test`).type("form").send({ _csrf: csrfFrom(page.text) });
    expect(tested.text).toContain("Test connection failed:");
    expect(tested.text).toContain("rejected the API keys");
  });

  test("invalid settings save nothing and list every problem at once, by the form's labels, under each field", async () => {
    const firm = await createFirm(gw.db);
    const admin = await signedInStaff(gw, firm);
    const saved = await save(admin, firm, { ...cwForm, companyId: "", clientId: "not-a-guid" });
    expect(saved.status).toBe(400);
    expect(saved.text).toContain("Nothing was saved.");
    expect(saved.text).toContain("Company ID: is required");
    expect(saved.text).toContain("Client ID: must be the GUID registered at developer.connectwise.com");
    expect(saved.text).not.toMatch(/companyId:|clientId:|expected string|received undefined/);
    expect(saved.text).toMatch(/<p class="field-error" id="psa-companyId-error">Company ID: is required/);
    expect(saved.text).toContain('value="api-na.cw.example"'); // what was typed stays in the form...
    expect(saved.text).not.toContain(cwForm.privateKey); // ...except the secret
    expect((await gw.db.firm.findUniqueOrThrow({ where: { id: firm.id } })).connectorKind).toBeNull();

    const badJson = await save(admin, firm, { kind: "autotask", username: "api@acme-msp.com", secret: "s", integrationCode: "c", projectStatusLabels: "{1: New}" });
    expect(badJson.status).toBe(400);
    expect(badJson.text).toContain("Project status names (optional): must be JSON");
  });

  test("each field shows its label and the vendor's own help text for where to find the value", async () => {
    const firm = await createFirm(gw.db);
    const admin = await signedInStaff(gw, firm);
    const connectwise = await admin.get(`/portal/${firm.slug}/admin/psa?kind=connectwise`);
    expect(connectwise.text).toContain("Site (API address)");
    expect(connectwise.text).toContain("System &gt; Members &gt; API Members &gt; your API member &gt; API Keys");
    expect(connectwise.text).toMatch(/aria-describedby="psa-clientId-help"/);
    const autotask = await admin.get(`/portal/${firm.slug}/admin/psa?kind=autotask`);
    expect(autotask.text).toContain("API tracking identifier");
    expect(autotask.text).toContain("Admin &gt; Account Settings &amp; Users &gt; Resources/Users");
    const halo = await admin.get(`/portal/${firm.slug}/admin/psa?kind=halopsa`);
    expect(halo.text).toContain("Configuration &gt; Integrations &gt; Halo API");
  });

  test("Autotask and HaloPSA are configured the same way", async () => {
    const firm = await createFirm(gw.db);
    const admin = await signedInStaff(gw, firm);
    nock("https://webservices.autotask.net").get("/ATServicesRest/V1.0/ZoneInformation").query({ user: "api-portal@acme-msp.com" }).reply(200, loadPsaFixture("autotask", "zone"));
    nock("https://webservices5.autotask.net", { reqheaders: { apiintegrationcode: "TRACKING-CODE-1234", secret: "at-secret-value" } })
      .get("/ATServicesRest/V1.0/Companies/entityInformation")
      .reply(200, loadPsaFixture("autotask", "entity-information"));
    const autotask = await save(admin, firm, { kind: "autotask", username: "api-portal@acme-msp.com", secret: "at-secret-value", integrationCode: "TRACKING-CODE-1234", projectStatusLabels: '{"2": "In Progress"}' });
    expect(autotask.text).toContain("Test connection: Connected to Autotask (Zone 5 (US)) as api-portal@acme-msp.com.");
    expect(autotask.text).not.toContain("at-secret-value");
    expect(autotask.text).not.toContain("TRACKING-CODE-1234");

    nock("https://acme.halopsa.com").post("/auth/token").reply(200, loadPsaFixture("halopsa", "token"));
    nock("https://acme.halopsa.com").get("/api/Client").query({ pageinate: "true", page_size: "1", page_no: "1" }).reply(200, loadPsaFixture("halopsa", "clients-page"));
    const halo = await save(admin, firm, { kind: "halopsa", baseUrl: "https://acme.halopsa.com/", clientId: "portal-gateway", clientSecret: "halo-secret-value" });
    expect(halo.text).toContain("Test connection: Connected to HaloPSA at https://acme.halopsa.com; the API agent can see 42 clients.");
    expect(halo.text).not.toContain("halo-secret-value");
    expect((await gw.db.firm.findUniqueOrThrow({ where: { id: firm.id } })).connectorKind).toBe("halopsa");
  });

  test("CSV: uploaded files are tested, and the firm's clients are resolved through them at once", async () => {
    const firm = await createFirm(gw.db);
    const client = await createPortalAccount(gw.db, firm, { email: "lee@harbor.example" });
    const clientAgent = gw.agent();
    await signIn(clientAgent, `/portal/${firm.slug}`, client.email, TEST_PASSWORD);
    expect((await clientAgent.get(`/portal/${firm.slug}/`)).text).toContain("has not connected this portal to their project records yet");

    const admin = await signedInStaff(gw, firm);
    const form = await admin.get(`/portal/${firm.slug}/admin/psa?kind=csv`);
    expect(form.text).not.toContain('name="directory"'); // a folder on the server is for the operator only
    // phases.csv is offered and optional: a firm without phases uploads the three files alone.
    expect(form.text).toMatch(/phases\.csv \(paste the file&#39;s text\) <span class="muted">\(optional\)<\/span>/);
    expect(form.text).not.toMatch(/projects\.csv \(paste the file&#39;s text\) <span class="muted">/);
    const saved = await save(admin, firm, {
      kind: "csv",
      "files.companies": "external_id,name,active\nHB,Harbor Bank,true\n",
      "files.contacts": "external_id,first_name,last_name,emails,company_external_ids,active,updated_at\nC1,Lee,Park,lee@harbor.example,HB,true,2026-01-05T00:00:00Z\n",
      "files.projects":
        "external_id,company_external_id,name,status,phase,manager,start_date,end_date,budget,percent_complete,description,active,updated_at\nP1,HB,Harbor Branch Fit-out,In Progress,Design,Ana,2026-01-01,2026-06-30,90000,10,Branch interior,true,2026-01-05T00:00:00Z\n",
    });
    expect(saved.text).toContain("Test connection: Read 1 companies, 1 contacts and 1 projects from the CSV files.");
    expect(saved.text).not.toContain("Test connection failed");
    expect(saved.text).toContain("companies.csv 2 lines");

    const page = await clientAgent.get(`/portal/${firm.slug}/`);
    expect(page.text).toContain("Harbor Branch Fit-out");
  });
});

describe("who may see and change the connection", () => {
  test("support staff can look and test but not save; clients and other firms' staff cannot reach it", async () => {
    const firm = await createFirm(gw.db);
    const other = await createFirm(gw.db);
    const support = await signedInStaff(gw, firm, "support");
    const page = await support.get(`/portal/${firm.slug}/admin/psa`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain("Test and save");
    expect(page.text).not.toContain("Find settings");
    const refused = await support.post(`/portal/${firm.slug}/admin/psa`).type("form").send({ _csrf: csrfFrom(page.text), ...cwForm });
    expect(refused.status).toBe(403);
    expect((await gw.db.firm.findUniqueOrThrow({ where: { id: firm.id } })).connectorKind).toBeNull();

    const client = await createPortalAccount(gw.db, firm, { email: `c-${firm.slug}@example.com` });
    const clientAgent = gw.agent();
    await signIn(clientAgent, `/portal/${firm.slug}`, client.email, TEST_PASSWORD);
    const asClient = await clientAgent.get(`/portal/${firm.slug}/admin/psa`);
    expect(asClient.status).toBe(303);
    expect(asClient.headers.location).toBe(`/portal/${firm.slug}/admin/login`);

    const otherAdmin = await signedInStaff(gw, other);
    expect((await otherAdmin.get(`/portal/${firm.slug}/admin/psa`)).status).toBe(303);
    const otherPage = await otherAdmin.get(`/portal/${other.slug}/admin/psa`);
    const crossed = await otherAdmin.post(`/portal/${firm.slug}/admin/psa`).type("form").send({ _csrf: csrfFrom(otherPage.text), ...cwForm });
    expect(crossed.status).not.toBe(200);
    expect((await gw.db.firm.findUniqueOrThrow({ where: { id: firm.id } })).connectorKind).toBeNull();
  });
});
