import nock from "nock";
import type { Firm } from "../../../src/generated/prisma/client";
import { signedInStaff } from "../../helpers/staff";
import { startTestGateway } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { connectPsa, createFirm } from "../../helpers/seed";
import { csrfFrom } from "../../helpers/forms";
import { fakeDns } from "../../helpers/fake-dns";

/**
 * Issue 14, finding 1 (server-side request forgery through the PSA connection form), through the console as an
 * admin would use it: every address below is refused with a message that names the field, before any request
 * leaves the gateway; a PSA's answer is never echoed; and how a connection failed never tells one port from another.
 */

const SECRETS_KEY = Buffer.alloc(32, 9).toString("base64");
const GUID = "0f6a6a0a-3b1e-4c55-9a5e-2d4a8c0f1e11";
const cwForm = (site: string) => ({ kind: "connectwise", site, companyId: "northwind", publicKey: "pub-key", privateKey: "cw-private-key-2718", clientId: GUID });
const dns = fakeDns({ "cw.internal.example": ["203.0.113.9", "127.0.0.1"], "cw.rebind.example": ["10.1.2.3"] });
let gw: TestGateway;
/** Every HTTPS request that leaves the gateway lands here (nock), so a test can say none was made. */
let reached: string[];

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  gw = await startTestGateway({ env: { CONNECTOR_SECRETS_KEY: SECRETS_KEY }, resolveHost: dns });
});
afterAll(async () => {
  await gw.close();
  nock.cleanAll();
  nock.enableNetConnect();
});
beforeEach(() => {
  reached = [];
  // Answers like a PSA that accepts the keys, so a missing guard would show as "Connected".
  nock(/^https:\/\//)
    .persist()
    .get(/.*/)
    .reply(function reply() {
      reached.push(`${this.req.getHeader("host") as string}${this.req.path}`);
      return [200, { count: 1 }];
    })
    .post(/.*/)
    .reply(function reply() {
      reached.push(`${this.req.getHeader("host") as string}${this.req.path}`);
      return [200, { access_token: "t", token_type: "Bearer", expires_in: 3600 }];
    });
});
afterEach(() => nock.cleanAll());

async function adminOf(firm: Firm) {
  return signedInStaff(gw, firm);
}

async function save(agent: Awaited<ReturnType<typeof adminOf>>, firm: Firm, form: Record<string, string>) {
  const page = await agent.get(`/portal/${firm.slug}/admin/psa?kind=${form.kind}`);
  return agent.post(`/portal/${firm.slug}/admin/psa`).type("form").send({ _csrf: csrfFrom(page.text), ...form });
}

const refusedSites: Array<[string, string]> = [
  ["127.0.0.1:8443", "loopback with a port"],
  ["localhost", "loopback by name"],
  ["2130706433", "loopback as one decimal number"],
  ["0x7f.1", "loopback in hexadecimal"],
  ["127.1", "loopback, shortened"],
  ["169.254.169.254", "the cloud metadata address"],
  ["10.0.0.5:6379", "a private address and a Redis port"],
  ["cw.internal.example", "a name with a loopback address among its answers"],
  ["cw.rebind.example", "a name resolving to a private address"],
];

describe("the ConnectWise site: private and internal addresses are refused before any request", () => {
  test.each(refusedSites)("Test and save with %s (%s)", async (site) => {
    const firm = await createFirm(gw.db);
    const admin = await adminOf(firm);
    const saved = await save(admin, firm, cwForm(site));
    expect(saved.status).toBe(400);
    expect(saved.text).toMatch(/id="psa-site-error">Site \(API address\): [^<]*is a private or internal network address/);
    expect(saved.text).toContain("PSA_ALLOW_PRIVATE_HOSTS");
    expect(reached).toEqual([]);
    expect((await gw.db.firm.findUniqueOrThrow({ where: { id: firm.id } })).connectorKind).toBeNull();
  });

  test("[::1] is not a host name the form takes, and says so under the field", async () => {
    const firm = await createFirm(gw.db);
    const saved = await save(await adminOf(firm), firm, cwForm("[::1]"));
    expect(saved.status).toBe(400);
    expect(saved.text).toMatch(/id="psa-site-error">Site \(API address\): must be a host name/);
    expect(reached).toEqual([]);
  });

  test.each(refusedSites)("'Test connection' of saved settings with %s (%s)", async (site) => {
    // Settings saved before addresses were checked: the test refuses them instead of calling them.
    const firm = await connectPsa(gw.db, await createFirm(gw.db), "connectwise", { ...cwForm(site), kind: undefined }, SECRETS_KEY);
    const admin = await adminOf(firm);
    const page = await admin.get(`/portal/${firm.slug}/admin/psa`);
    const tested = await admin.post(`/portal/${firm.slug}/admin/psa/test`).type("form").send({ _csrf: csrfFrom(page.text) });
    expect(tested.text).toMatch(/Test connection failed: Site \(API address\): [^<]*is a private or internal network address/);
    expect(reached).toEqual([]);
  });
});

describe("HaloPSA: the client secret is sent only to the firm's Halo host", () => {
  test.each([
    ["https://collector.example/auth", "another host"],
    ["https://acme.halopsa.com/api/other", "another path on the Halo host"],
    ["https://acme.halopsa.com:8443/auth", "another port"],
  ])("an authorisation server at %s (%s) is refused", async (authUrl) => {
    const firm = await createFirm(gw.db);
    const saved = await save(await adminOf(firm), firm, { kind: "halopsa", baseUrl: "https://acme.halopsa.com", clientId: "portal", clientSecret: "halo-secret-31415", authUrl });
    expect(saved.status).toBe(400);
    expect(saved.text).toMatch(/id="psa-authUrl-error">Authorisation server \(optional\): must /);
    expect(saved.text).not.toContain("halo-secret-31415");
    expect(reached).toEqual([]);
  });

  test("a Halo address on the metadata address is refused", async () => {
    const firm = await createFirm(gw.db);
    const saved = await save(await adminOf(firm), firm, { kind: "halopsa", baseUrl: "https://169.254.169.254", clientId: "portal", clientSecret: "halo-secret-31415" });
    expect(saved.status).toBe(400);
    expect(saved.text).toMatch(/id="psa-baseUrl-error">Halo address: [^<]*private or internal/);
    expect(reached).toEqual([]);
  });
});

describe("what a PSA answers never reaches the page, and failures do not tell ports apart", () => {
  test("an error body is not echoed: the page names the status and the cause", async () => {
    nock.cleanAll();
    nock("https://api-na.cw.example").get(/.*/).reply(500, "redis_version:7.0.15 MARKER-BODY-TEXT");
    const firm = await createFirm(gw.db);
    const saved = await save(await adminOf(firm), firm, cwForm("api-na.cw.example"));
    expect(saved.text).toContain("HTTP 500");
    expect(saved.text).not.toContain("MARKER-BODY-TEXT");
    expect(saved.text).not.toContain("redis_version");
  });
});

describe("the operator allows a private PSA host (PSA_ALLOW_PRIVATE_HOSTS)", () => {
  let allowed: TestGateway;
  beforeAll(async () => {
    allowed = await startTestGateway({ env: { CONNECTOR_SECRETS_KEY: SECRETS_KEY, PSA_ALLOW_PRIVATE_HOSTS: "10.0.0.0/8,127.0.0.1", PSA_TIMEOUT_MS: "400" }, resolveHost: dns });
  });
  afterAll(async () => {
    await allowed.close();
  });

  test("an on-premises ConnectWise on an allowed address is saved and called; the metadata address stays refused", async () => {
    const firm = await createFirm(allowed.db);
    const admin = await signedInStaff(allowed, firm);
    const saved = await save(admin, firm, cwForm("127.0.0.1:8443"));
    expect(saved.text).toContain("Test connection: Connected to ConnectWise PSA at 127.0.0.1:8443");
    expect(reached).toEqual(["127.0.0.1:8443/v4_6_release/apis/3.0/company/contacts/count"]);
    const metadata = await save(admin, firm, cwForm("169.254.169.254"));
    expect(metadata.status).toBe(400);
    expect(reached).toHaveLength(1);
  });
});
