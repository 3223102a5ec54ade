import nock from "nock";
import type { Firm } from "../../../src/generated/prisma/client";
import { signedInStaff } from "../../helpers/staff";
import { startGatewayWithFakePsa } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { connectDemoPsa, connectPsa, createFirm, createPortalAccount, TEST_PASSWORD } from "../../helpers/seed";
import { csrfFrom, signIn } from "../../helpers/forms";
import { CW_SITE, connectwiseSettings } from "../../helpers/fake-connectwise";
import type { FakePsa } from "../../helpers/fake-connectwise";
import { loadPsaFixture } from "../../unit/connectors/support/fixtures";

/** Issue 13, "Connecting a PSA never breaks a working portal", and setup discovery through the console's form. */

const SECRETS_KEY = Buffer.alloc(32, 8).toString("base64");
const GUID = "0f6a6a0a-3b1e-4c55-9a5e-2d4a8c0f1e11";
const NEW_CW = "https://api-eu.cw.example";
const draftForm = { kind: "connectwise", site: "api-eu.cw.example", companyId: "northwind", publicKey: "pub-2", privateKey: "typo-private-key", clientId: GUID };
let gw: TestGateway, psa: FakePsa;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ gw, psa, close } = await startGatewayWithFakePsa({ CONNECTOR_SECRETS_KEY: SECRETS_KEY, FIRM_CACHE_SECONDS: "0", COMPANY_CACHE_SECONDS: "0" }));
  psa.companies.push({ id: 250, name: "Acme Corp" });
  psa.projects.push({ id: 9001, companyId: 250, name: "Acme HQ Renovation", budget: 250000 });
  psa.contacts.push({ id: 1, first: "Jane", last: "Smith", emails: ["jane@acme.com"], companyId: 250 });
});
afterAll(() => close());

async function post(agent: ReturnType<TestGateway["agent"]>, firm: Firm, path: string, form: Record<string, string>) {
  const page = await agent.get(`/portal/${firm.slug}/admin/psa?kind=${form.kind ?? ""}`);
  return agent.post(`/portal/${firm.slug}/admin/psa${path}`).type("form").send({ _csrf: csrfFrom(page.text), ...form });
}

async function clientOf(firm: Firm) {
  await createPortalAccount(gw.db, firm, { email: "jane@acme.com" });
  const agent = gw.agent();
  expect((await signIn(agent, `/portal/${firm.slug}`, "jane@acme.com", TEST_PASSWORD)).status).toBe(303);
  return agent;
}

describe("a connection is tested before it replaces the working one", () => {
  test("settings whose test fails are not saved: the working connection stays and clients keep their projects", async () => {
    const firm = await connectPsa(gw.db, await createFirm(gw.db), "connectwise", connectwiseSettings, SECRETS_KEY);
    const client = await clientOf(firm);
    expect((await client.get(`/portal/${firm.slug}/`)).text).toContain("Acme HQ Renovation");
    const admin = await signedInStaff(gw, firm);

    nock(NEW_CW).get("/v4_6_release/apis/3.0/company/contacts/count").reply(401, { code: "Unauthorized", message: "Unauthorized" });
    const saved = await post(admin, firm, "", draftForm);
    expect(saved.text).toContain("Nothing was saved: the test of these settings failed");
    expect(saved.text).toContain("the working ConnectWise PSA connection stays in place");
    const row = await gw.db.firm.findUniqueOrThrow({ where: { id: firm.id } });
    expect(row.connectorSettings).toMatchObject({ site: CW_SITE, publicKey: connectwiseSettings.publicKey });

    const page = await client.get(`/portal/${firm.slug}/`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Acme HQ Renovation");
  });

  test("saving failing settings is an explicit choice, and the page warns what clients will see", async () => {
    const firm = await connectPsa(gw.db, await createFirm(gw.db), "connectwise", connectwiseSettings, SECRETS_KEY);
    const admin = await signedInStaff(gw, firm);
    nock(NEW_CW).get("/v4_6_release/apis/3.0/company/contacts/count").reply(401, { code: "Unauthorized", message: "Unauthorized" });
    const form = await admin.get(`/portal/${firm.slug}/admin/psa`);
    expect(form.text).toContain('name="intent" value="save_even_if_failing"');
    const saved = await post(admin, firm, "", { ...draftForm, intent: "save_even_if_failing" });
    expect(saved.text).toContain("Saved although the test failed, as you chose");
    expect(saved.text).toContain("every client sees &quot;project information unavailable&quot;");
    expect((await gw.db.firm.findUniqueOrThrow({ where: { id: firm.id } })).connectorSettings).toMatchObject({ site: "api-eu.cw.example" });
  });

  test("settings that pass their test are saved and used on the next page load", async () => {
    const firm = await createFirm(gw.db);
    const admin = await signedInStaff(gw, firm);
    const client = await clientOf(firm);
    nock(`https://${CW_SITE}`).get("/v4_6_release/apis/3.0/company/contacts/count").reply(200, { count: 1 });
    const saved = await post(admin, firm, "", { ...connectwiseSettings, kind: "connectwise" });
    expect(saved.text).toContain("Saved: the connection answered its test");
    expect((await client.get(`/portal/${firm.slug}/`)).text).toContain("Acme HQ Renovation");
  });
});

describe("the operator's CSV folder (the demo's) can be chosen again, never typed", () => {
  test("after switching to ConnectWise, the firm's admin switches back to the operator's folder", async () => {
    const firm = await connectDemoPsa(gw.db, await createFirm(gw.db));
    const admin = await signedInStaff(gw, firm);
    nock(`https://${CW_SITE}`).get("/v4_6_release/apis/3.0/company/contacts/count").reply(200, { count: 1 });
    expect((await post(admin, firm, "", { ...connectwiseSettings, kind: "connectwise" })).text).toContain("Saved:");
    expect((await gw.db.firm.findUniqueOrThrow({ where: { id: firm.id } })).connectorKind).toBe("connectwise");

    const csvForm = await admin.get(`/portal/${firm.slug}/admin/psa?kind=csv`);
    expect(csvForm.text).toContain("Folder: config/demo-psa");
    expect(csvForm.text).not.toContain('name="directory"');
    const back = await post(admin, firm, "", { kind: "csv", useOperatorSettings: "yes" });
    expect(back.text).toContain("Test connection: Read 4 companies");
    const row = await gw.db.firm.findUniqueOrThrow({ where: { id: firm.id } });
    expect(row).toMatchObject({ connectorKind: "csv", connectorSettings: { directory: "config/demo-psa" } });
  });

  test("a folder typed into the form is ignored, and a firm without an operator folder is not offered one", async () => {
    const firm = await createFirm(gw.db);
    const admin = await signedInStaff(gw, firm);
    const csvForm = await admin.get(`/portal/${firm.slug}/admin/psa?kind=csv`);
    expect(csvForm.text).not.toContain("useOperatorSettings");
    const typed = await post(admin, firm, "", { kind: "csv", directory: "/etc", useOperatorSettings: "yes" });
    expect(typed.status).toBe(400);
    expect((await gw.db.firm.findUniqueOrThrow({ where: { id: firm.id } })).connectorKind).toBeNull();
  });
});

describe("'Find settings' fills the form from what the PSA says", () => {
  test("ConnectWise: the codebase from the site's company info, in its v2025_1/ form", async () => {
    const firm = await createFirm(gw.db);
    const admin = await signedInStaff(gw, firm);
    // Developer Guide "Calling Company Info": no credentials, Codebase with a trailing slash.
    nock("https://api-na.cw.example").get("/login/companyinfo/acme").reply(200, loadPsaFixture("connectwise", "company-info"));
    const found = await post(admin, firm, "/discover", { kind: "connectwise", site: "https://api-na.cw.example/", companyId: "acme", privateKey: "typed-secret" });
    expect(found.status).toBe(200);
    expect(found.text).toContain("runs codebase v2025_1 (ConnectWise cloud)");
    expect(found.text).toMatch(/name="codebase" type="text" value="v2025_1"/);
    expect(found.text).toMatch(/name="companyId" type="text" value="acme"/);
    expect(found.text).not.toContain("typed-secret");
    expect((await gw.db.firm.findUniqueOrThrow({ where: { id: firm.id } })).connectorKind).toBeNull();
  });

  test("ConnectWise: a sign-in host without api- is refused with the vendor's reason, under the Site field", async () => {
    const firm = await createFirm(gw.db);
    const admin = await signedInStaff(gw, firm);
    const found = await post(admin, firm, "/discover", { kind: "connectwise", site: "na.myconnectwise.net", companyId: "acme" });
    expect(found.status).toBe(400);
    expect(found.text).toMatch(/id="psa-site-error">Site \(API address\): [^<]*SSL is required[^<]*api-na\.myconnectwise\.net/);
  });

  test("HaloPSA: the authorisation server and tenant from /api/authinfo", async () => {
    const firm = await createFirm(gw.db);
    const admin = await signedInStaff(gw, firm);
    nock("https://acme.halopsa.com").get("/api/AuthInfo").reply(200, loadPsaFixture("halopsa", "authinfo"));
    const found = await post(admin, firm, "/discover", { kind: "halopsa", baseUrl: "https://acme.halopsa.com" });
    expect(found.text).toMatch(/name="authUrl" type="text" value="https:\/\/auth\.halopsa\.com"/);
    expect(found.text).toMatch(/name="tenant" type="text" value="acme"/);
    expect(found.text).toContain("issues tokens at https://auth.halopsa.com");
  });

  test("Autotask: the zone from the API username", async () => {
    const firm = await createFirm(gw.db);
    const admin = await signedInStaff(gw, firm);
    nock("https://webservices.autotask.net").get("/ATServicesRest/V1.0/ZoneInformation").query({ user: "api@acme-msp.com" }).reply(200, loadPsaFixture("autotask", "zone"));
    const found = await post(admin, firm, "/discover", { kind: "autotask", username: "api@acme-msp.com" });
    expect(found.text).toMatch(/name="zoneUrl" type="text" value="https:\/\/webservices5\.autotask\.net\/ATServicesRest\/"/);
    expect(found.text).toContain("Zone 5 (US)");
  });

  test("support staff cannot use it (it calls addresses typed into the form)", async () => {
    const firm = await createFirm(gw.db);
    const support = await signedInStaff(gw, firm, "support");
    const refused = await post(support, firm, "/discover", { kind: "connectwise", site: "api-na.cw.example", companyId: "acme" });
    expect(refused.status).toBe(403);
  });
});
