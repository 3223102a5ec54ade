import nock from "nock";
import type { Firm, PortalAccount } from "../../../src/generated/prisma/client";
import { startTestGateway } from "../../helpers/test-gateway";
import { connectPsa, createFirm, createPortalAccount, TEST_PASSWORD } from "../../helpers/seed";
import { signIn } from "../../helpers/forms";
import { connectwiseSettings, startFakeConnectwise } from "../../helpers/fake-connectwise";
import type { FakePsa } from "../../helpers/fake-connectwise";
import { syncNow } from "../../helpers/sync";

const SECRETS_KEY = Buffer.alloc(32, 7).toString("base64");
let clock = Date.now();
// Wide enough that three PSA requests on a loaded shared machine fit in it. The request timeout is longer than a
// test may run, so only the time budget can end a load while the PSA is stalled.
const BUDGET_MS = 1000;
let gw: Awaited<ReturnType<typeof startTestGateway>>;
let psa: FakePsa;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  gw = await startTestGateway({
    env: { CONNECTOR_SECRETS_KEY: SECRETS_KEY, PSA_TIME_BUDGET_MS: String(BUDGET_MS), PSA_TIMEOUT_MS: "60000", COMPANY_CACHE_SECONDS: "60" },
    now: () => clock,
  });
});
afterAll(async () => {
  await gw.close();
  nock.enableNetConnect();
});
beforeEach(() => {
  psa = startFakeConnectwise();
  psa.companies.push({ id: 250, name: "Acme Corp" }, { id: 251, name: "Beacon Builders" });
  psa.projects.push(
    { id: 9001, companyId: 250, name: "Acme HQ Renovation", budget: 250000 },
    { id: 9002, companyId: 250, name: "Acme Old Study", budget: 48000, closed: true },
    { id: 9101, companyId: 251, name: "Beacon Yard", budget: 940000 },
  );
});
afterEach(() => psa.stop());

async function connectwiseFirm(): Promise<Firm> {
  const firm = await createFirm(gw.db);
  return connectPsa(gw.db, firm, "connectwise", connectwiseSettings, SECRETS_KEY);
}

async function signedIn(firm: Firm, account: PortalAccount) {
  const agent = gw.agent();
  expect((await signIn(agent, `/portal/${firm.slug}`, account.email, TEST_PASSWORD)).status).toBe(303);
  return agent;
}

/** A firm of its own on the fake PSA, and a client of it signed in whom the PSA knows as a contact of Acme Corp. */
async function acmeClient(email: string, contactId: number) {
  const firm = await connectwiseFirm();
  const account = await createPortalAccount(gw.db, firm, { email });
  psa.contacts.push({ id: contactId, first: "Test", last: "Contact", emails: [email], companyId: 250 });
  return { firm, account, agent: await signedIn(firm, account) };
}

describe("company resolution on every page load", () => {
  test("the client sees their company's active projects; credentials are stored encrypted", async () => {
    const firm = await connectwiseFirm();
    expect(firm.connectorSecrets).toMatch(/^v1\./);
    expect(JSON.stringify(firm.connectorSettings)).not.toContain("priv-key");
    const account = await createPortalAccount(gw.db, firm, { email: "omar@acme.com" });
    psa.contacts.push({ id: 1, first: "Omar", last: "Haddad", emails: ["Omar@Acme.com"], companyId: 250 });
    const agent = await signedIn(firm, account);

    const page = await agent.get(`/portal/${firm.slug}/`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Acme Corp: projects");
    expect(page.text).toContain("Acme HQ Renovation");
    expect(page.text).not.toContain("Acme Old Study");
    expect(page.text).not.toContain("Beacon Yard");

    const api = await agent.get(`/portal/${firm.slug}/api/projects`);
    expect(api.status).toBe(200);
    expect(api.body).toMatchObject({ company: { id: "250", name: "Acme Corp" }, stale: false, template: "owner" });
    expect(api.body.projects.map((p: { name: string }) => p.name)).toEqual(["Acme HQ Renovation"]);
  });

  test("a PSA change shows after the cache lifetime, not before", async () => {
    const { firm, agent } = await acmeClient("mover@acme.com", 2);
    expect((await agent.get(`/portal/${firm.slug}/api/projects`)).body.company.name).toBe("Acme Corp");

    (psa.contacts.find((c) => c.id === 2) as { companyId: number }).companyId = 251; // moved in the PSA
    clock += 30_000;
    expect((await agent.get(`/portal/${firm.slug}/api/projects`)).body.company.name).toBe("Acme Corp");
    clock += 31_000;
    const after = await agent.get(`/portal/${firm.slug}/api/projects`);
    expect(after.body.company.name).toBe("Beacon Builders");
    expect(after.body.projects.map((p: { name: string }) => p.name)).toEqual(["Beacon Yard"]);
  });

  test("concurrent loads share one PSA call per lookup", async () => {
    const firm = await connectwiseFirm();
    const agents = [];
    for (let i = 0; i < 4; i++) {
      const account = await createPortalAccount(gw.db, firm, { email: `crowd${i}@acme.com` });
      psa.contacts.push({ id: 100 + i, first: "C", last: `${i}`, emails: [account.email], companyId: i % 2 ? 251 : 250 });
      agents.push(await signedIn(firm, account));
    }
    clock += 120_000; // nothing cached from sign-in
    const loads = agents.flatMap((agent) => Array.from({ length: 10 }, () => agent.get(`/portal/${firm.slug}/api/projects`)));
    const responses = await Promise.all(loads);
    expect(responses.map((r) => r.status === 200 ? 200 : `${r.status} ${r.text.slice(0, 300)}`).filter((s) => s !== 200)).toEqual([]);
    // One per person, not one per load (40 loads); one per company. (Counted by what was asked, so a
    // retry still running from an earlier test cannot blur the count.)
    for (let i = 0; i < 4; i++) expect(psa.asked.filter((a) => a === `contacts:crowd${i}@acme.com`)).toHaveLength(1);
    expect(psa.asked.filter((a) => a === "projects:250")).toHaveLength(1);
    expect(psa.asked.filter((a) => a === "projects:251")).toHaveLength(1);
    expect(psa.asked.filter((a) => a.startsWith("contacts:crowd"))).toHaveLength(4);
  });

  test("a client who is a contact of two companies: both companies are read with one PSA request", async () => {
    const firm = await connectwiseFirm();
    const account = await createPortalAccount(gw.db, firm, { email: "dual@acme.com" });
    // ConnectWise keeps one company per contact: the same email on two contacts (ConnectWise Developer Guide, contacts).
    psa.contacts.push({ id: 31, first: "Dual", last: "A", emails: [account.email], companyId: 250 }, { id: 32, first: "Dual", last: "B", emails: [account.email], companyId: 251 });
    const agent = await signedIn(firm, account);
    clock += 120_000; // nothing cached from sign-in
    const before = psa.asked.length;
    const api = await agent.get(`/portal/${firm.slug}/api/projects`);
    expect(api.status).toBe(200);
    expect(api.body.companies.map((c: { name: string }) => c.name)).toEqual(["Acme Corp", "Beacon Builders"]);
    const companyReads = psa.asked.slice(before).filter((asked) => asked.startsWith("compan"));
    expect(companyReads).toEqual(["companies:250,251"]);
  });

  test("when the PSA is down the page is served from the last known answer, with a note", async () => {
    const { firm, agent } = await acmeClient("steady@acme.com", 3);
    const fresh = await agent.get(`/portal/${firm.slug}/`);
    expect(fresh.text).not.toContain("Showing information as of");

    psa.mode = "down";
    clock += 5 * 60_000;
    const page = await agent.get(`/portal/${firm.slug}/`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Acme HQ Renovation");
    expect(page.text).toContain("Showing information as of");
    const api = await agent.get(`/portal/${firm.slug}/api/projects`);
    expect(api.body).toMatchObject({ stale: true, company: { name: "Acme Corp" } });
  });

  test("a stalled PSA does not hold the page past the time budget: the last known answer is served", async () => {
    const { firm, agent } = await acmeClient("patient@acme.com", 4);
    await agent.get(`/portal/${firm.slug}/api/projects`);
    psa.mode = "stalled";
    clock += 5 * 60_000;
    const api = await agent.get(`/portal/${firm.slug}/api/projects`);
    expect(api.status).toBe(200);
    expect(api.body.stale).toBe(true);
  });

  test("with nothing known, a PSA slower than the time budget is waited for rather than called unavailable", async () => {
    const { firm, agent } = await acmeClient("first-visit@acme.com", 8);
    clock += 120_000; // nothing cached from sign-in, and no snapshot for this firm
    let release = () => {};
    psa.hold = new Promise<void>((resolve) => (release = resolve));
    const load = agent.get(`/portal/${firm.slug}/api/projects`);
    // Held for three time budgets before the PSA answers.
    setTimeout(release, 3 * BUDGET_MS);
    const api = await load;
    psa.hold = null;
    expect(api.status).toBe(200);
    expect(api.body).toMatchObject({ stale: false, company: { name: "Acme Corp" } });
  });

  test("with nothing cached, the sync snapshot answers while the PSA is down; with no snapshot, the page says the system is unavailable", async () => {
    const { firm, agent } = await acmeClient("snap@acme.com", 5);
    psa.mode = "down";
    clock += 5 * 60_000;
    // Nothing known yet for this firm: the honest answer is "unavailable", with a retry.
    const unknown = await agent.get(`/portal/${firm.slug}/`);
    expect(unknown.status).toBe(503);
    expect(unknown.text).toContain("not answering right now");
    expect(unknown.text).toContain("Try again");
    expect((await agent.get(`/portal/${firm.slug}/api/projects`)).body.error.code).toBe("psa_unavailable");

    // A snapshot taken while the PSA was up now carries the page.
    psa.mode = "up";
    clock += 60_000; // past the connector's open circuit (it shares the gateway's clock)
    const snapshot = await syncNow(gw, firm);
    expect(snapshot).toMatchObject({ kind: "finished", status: "succeeded", counts: { added: 2 + 1 + 3 } });
    psa.mode = "down";
    const page = await agent.get(`/portal/${firm.slug}/`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Acme HQ Renovation");
    expect(page.text).toContain("Showing information as of");

    // What the snapshot answered is now the last known answer: the rest of the outage is served without reading
    // the snapshot tables again (emptied here to show it), still dated when the sync read it.
    const asOf = /Showing information as of ([^:]+:[^:]+):/.exec(page.text)?.[1];
    for (const table of [gw.db.psaContactSnapshot, gw.db.psaCompanySnapshot, gw.db.psaProjectSnapshot] as const) await (table as { deleteMany(args: object): Promise<unknown> }).deleteMany({ where: { firmId: firm.id } });
    const again = await agent.get(`/portal/${firm.slug}/`);
    expect(again.status).toBe(200);
    expect(again.text).toContain("Acme HQ Renovation");
    expect(asOf).toBeDefined();
    expect(again.text).toContain(`Showing information as of ${asOf}:`);
  });

  test("an admin refresh (invalidation) makes the next load ask the PSA at once", async () => {
    const { firm, account, agent } = await acmeClient("quick@acme.com", 6);
    await agent.get(`/portal/${firm.slug}/api/projects`);
    (psa.contacts.find((c) => c.id === 6) as { companyId: number }).companyId = 251;
    expect((await agent.get(`/portal/${firm.slug}/api/projects`)).body.company.name).toBe("Acme Corp");
    await gw.resolver.invalidateAccount(firm, account.email);
    expect((await agent.get(`/portal/${firm.slug}/api/projects`)).body.company.name).toBe("Beacon Builders");
  });
});

const withRedis = process.env.TEST_REDIS_URL ? describe : describe.skip;

withRedis("two gateway instances on one Redis", () => {
  test("concurrent loads on both instances share one PSA call per person", async () => {
    const keyPrefix = `gwt:sf-${Date.now()}:`;
    const a = await startTestGateway({ env: { CONNECTOR_SECRETS_KEY: SECRETS_KEY, PSA_TIME_BUDGET_MS: "2000" }, share: { database: gw.database, keyPrefix } });
    const b = await startTestGateway({ env: { CONNECTOR_SECRETS_KEY: SECRETS_KEY, PSA_TIME_BUDGET_MS: "2000" }, share: { database: gw.database, keyPrefix } });
    try {
      const firm = await connectwiseFirm();
      const account = await createPortalAccount(gw.db, firm, { email: "twin@acme.com" });
      psa.companies.push({ id: 260, name: "Twin Co" });
      psa.projects.push({ id: 9601, companyId: 260, name: "Twin Tower", budget: 1 });
      psa.contacts.push({ id: 7, first: "T", last: "W", emails: ["twin@acme.com"], companyId: 260 });
      const agentA = a.agent();
      expect((await signIn(agentA, `/portal/${firm.slug}`, account.email, TEST_PASSWORD)).status).toBe(303);
      const cookie = ((await agentA.get(`/portal/${firm.slug}/login`)).request as unknown as { cookies: string }).cookies;
      const loads = Array.from({ length: 20 }, (_, i) => (i % 2 ? b : a).agent().get(`/portal/${firm.slug}/api/projects`).set("Cookie", cookie));
      const responses = await Promise.all(loads);
      expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
      expect(psa.asked.filter((asked) => asked === "contacts:twin@acme.com")).toHaveLength(1);
      expect(psa.asked.filter((asked) => asked === "projects:260")).toHaveLength(1);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
