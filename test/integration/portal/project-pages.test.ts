import type { Firm, PortalAccount } from "../../../src/generated/prisma/client";
import { startGatewayWithFakePsa } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { connectPsa, createFirm, createPortalAccount, setCompanyTemplate, TEST_PASSWORD, updateClient, setTemplateFields } from "../../helpers/seed";
import { csrfFrom, signIn } from "../../helpers/forms";
import { connectwiseSettings } from "../../helpers/fake-connectwise";
import type { FakePsa } from "../../helpers/fake-connectwise";
import { syncNow } from "../../helpers/sync";
import { signedInStaff } from "../../helpers/staff";

const SECRETS_KEY = Buffer.alloc(32, 9).toString("base64");
let gw: TestGateway, psa: FakePsa;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ gw, psa, close } = await startGatewayWithFakePsa({ CONNECTOR_SECRETS_KEY: SECRETS_KEY, COMPANY_CACHE_SECONDS: "0" }));
  psa.companies.push({ id: 250, name: "Acme Corp" }, { id: 251, name: "Beacon Builders" }, { id: 252, name: "Gone Ltd", deleted: true }, { id: 253, name: "Quiet Co" });
  psa.projects.push(
    { id: 9001, companyId: 250, name: "Acme HQ Renovation", budget: 250000 },
    { id: 9101, companyId: 251, name: "Beacon Yard", budget: 940000 },
    { id: 9301, companyId: 253, name: "Quiet Closed Job", budget: 1000, closed: true },
  );
  psa.contacts.push(
    { id: 1, first: "Jane", last: "Smith", emails: ["jane@acme.com"], companyId: 250 },
    { id: 2, first: "Omar", last: "Haddad", emails: ["omar@acme.com"], companyId: 250 },
    { id: 3, first: "Lone", last: "Wolf", emails: ["lone@nowhere.com"], companyId: null },
    { id: 4, first: "Ex", last: "Staff", emails: ["ex@acme.com"], companyId: 250, inactive: true },
    { id: 5, first: "Gone", last: "User", emails: ["user@gone.com"], companyId: 252 },
    { id: 6, first: "Quinn", last: "Q", emails: ["quinn@quiet.com"], companyId: 253 },
    { id: 7, first: "Dana", last: "Ruiz", emails: ["dana@both.com"], companyId: 250 },
    { id: 8, first: "Dana", last: "Ruiz", emails: ["dana@both.com"], companyId: 251 },
    { id: 9, first: "Carl", last: "Jensen", emails: ["carl@beacon.com"], companyId: 251 },
    { id: 10, first: "Pat", last: "Lee", emails: ["pat@acme.com"], companyId: 250 },
    { id: 11, first: "Robin", last: "Park", emails: ["robin@acme.com"], companyId: 250 },
  );
});
afterAll(() => close());

async function psaFirm(data: { defaultTemplate?: "owner" | "contractor" } = {}): Promise<Firm> {
  const firm = await createFirm(gw.db, data);
  return connectPsa(gw.db, firm, "connectwise", connectwiseSettings, SECRETS_KEY);
}
async function clientOf(firm: Firm, email: string): Promise<{ account: PortalAccount; agent: ReturnType<TestGateway["agent"]> }> {
  const account = await createPortalAccount(gw.db, firm, { email });
  const agent = gw.agent();
  expect((await signIn(agent, `/portal/${firm.slug}`, email, TEST_PASSWORD)).status).toBe(303);
  return { account, agent };
}

describe("'no projects' is never a dead end", () => {
  test("an email the PSA does not know: told so, and the admins get a mismatch flag with the near match", async () => {
    const firm = await psaFirm();
    await syncNow(gw, firm);
    const { account, agent } = await clientOf(firm, "jane.doe@acme.com");
    const page = await agent.get(`/portal/${firm.slug}/`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Your email (jane.doe@acme.com) is not linked to a company in ${firm.name}&#39;s records yet. We have let them know.`);
    const api = await agent.get(`/portal/${firm.slug}/api/projects`);
    expect(api.body).toMatchObject({ projects: [], notice: { code: "email_not_in_psa" } });
    const flag = await gw.db.emailMismatch.findUniqueOrThrow({ where: { firmId_portalAccountId: { firmId: firm.id, portalAccountId: account.id } } });
    expect(flag).toMatchObject({ accountEmail: "jane.doe@acme.com", suggestedEmail: "jane@acme.com", suggestedContactId: "1", status: "open" });
    // The client is never shown someone else's address.
    expect(page.text).not.toContain("jane@acme.com");
  });

  test("a contact with no company: said so, and flagged", async () => {
    const firm = await psaFirm();
    const { account, agent } = await clientOf(firm, "lone@nowhere.com");
    const page = await agent.get(`/portal/${firm.slug}/`);
    expect(page.text).toContain("Your contact record at");
    expect(page.text).toContain("is not linked to a company yet");
    expect(await gw.db.accessFlag.count({ where: { portalAccountId: account.id, kind: "no_company", status: "open" } })).toBe(1);
  });

  test.each([
    ["an inactive contact", "ex@acme.com", "contact_inactive"],
    ["a contact of an inactive company", "user@gone.com", "company_inactive"],
  ])("%s is refused with 'contact your firm', and flagged", async (_label, email, kind) => {
    const firm = await psaFirm();
    const { account, agent } = await clientOf(firm, email);
    const page = await agent.get(`/portal/${firm.slug}/`);
    expect(page.status).toBe(403);
    expect(page.text).toContain(`Contact ${firm.name}`);
    const api = await agent.get(`/portal/${firm.slug}/api/projects`);
    expect(api.status).toBe(403);
    expect(api.body.error.code).toBe("access_refused");
    expect(await gw.db.accessFlag.count({ where: { portalAccountId: account.id, kind } })).toBe(1);
  });

  test("a company with no active projects says exactly that", async () => {
    const firm = await psaFirm();
    const { agent } = await clientOf(firm, "quinn@quiet.com");
    const page = await agent.get(`/portal/${firm.slug}/`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Quiet Co has no active projects right now.");
    expect(page.text).not.toContain("Quiet Closed Job");
  });
});

describe("portal templates, enforced where the response is built", () => {
  test("a contractor sees schedule and phase but never the budget, in HTML or JSON; overrides inherit in order", async () => {
    const firm = await psaFirm({ defaultTemplate: "contractor" });
    const { account, agent } = await clientOf(firm, "omar@acme.com");
    const html = await agent.get(`/portal/${firm.slug}/`);
    expect(html.text).toContain("Acme HQ Renovation");
    expect(html.text).toContain("Start");
    expect(html.text).not.toContain("250,000");
    expect(html.text).not.toMatch(/budget/i);
    const json = await agent.get(`/portal/${firm.slug}/api/projects`);
    expect(json.body.template).toBe("contractor");
    expect(json.body.projects[0]).not.toHaveProperty("budget");
    expect(json.body.projects[0]).toHaveProperty("startDate");
    expect(JSON.stringify(json.body)).not.toContain("250000");
    const detail = await agent.get(`/portal/${firm.slug}/projects/9001`);
    expect(detail.text).not.toContain("250,000");

    // Company override: Acme gets the owner template, budget appears.
    await setCompanyTemplate(gw.db, firm, "250", "owner");
    gw.directory.forget(firm.id); // what the admin API does after changing a template setting
    const owner = await agent.get(`/portal/${firm.slug}/api/projects`);
    expect(owner.body.template).toBe("owner");
    expect(owner.body.projects[0].budget).toBe(250000);
    expect((await agent.get(`/portal/${firm.slug}/`)).text).toContain("$250,000");

    // Account override beats the company's.
    await updateClient(gw, account, { templateOverride: "engineer" });
    const engineer = await agent.get(`/portal/${firm.slug}/api/projects`);
    expect(engineer.body.template).toBe("engineer");
    expect(engineer.body.projects[0]).not.toHaveProperty("budget");

    // The firm's own field set for a template replaces the default one.
    await setTemplateFields(gw.db, firm, "engineer", ["status"], ["summary"]);
    gw.directory.forget(firm.id);
    const custom = await agent.get(`/portal/${firm.slug}/api/projects`);
    // With the summary section on: its status field and the overdue flag; the state (open, on hold, closed) always.
    expect(Object.keys(custom.body.projects[0]).sort()).toEqual(["id", "name", "overdue", "state", "status"]);
  });
});

describe("project pages are scoped to the client's company and firm", () => {
  test("another company's project and a missing one answer the same 404", async () => {
    const firm = await psaFirm();
    const { agent } = await clientOf(firm, "omar@acme.com");
    expect((await agent.get(`/portal/${firm.slug}/projects/9001`)).status).toBe(200);
    const other = await agent.get(`/portal/${firm.slug}/projects/9101`);
    const missing = await agent.get(`/portal/${firm.slug}/projects/424242`);
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(other.text).toBe(missing.text.replace("424242", "9101"));
    const otherJson = await agent.get(`/portal/${firm.slug}/projects/9101`).set("Accept", "application/json");
    expect(otherJson.body).toEqual({ error: { code: "not_found", message: expect.any(String) } });
  });

  test("firm B's client cannot open firm A's project, from either side", async () => {
    const firmA = await psaFirm();
    const firmB = await psaFirm();
    const a = await clientOf(firmA, "omar@acme.com");
    const b = await clientOf(firmB, "carl@beacon.com");
    expect((await b.agent.get(`/portal/${firmA.slug}/projects/9001`)).status).toBe(303); // not signed in there
    expect((await b.agent.get(`/portal/${firmB.slug}/projects/9001`)).status).toBe(404);
    expect((await a.agent.get(`/portal/${firmB.slug}/api/projects`)).status).toBe(401);
    expect((await a.agent.get(`/portal/${firmA.slug}/projects/9101`)).status).toBe(404);
  });

  test("pages that show projects need a signed-in client", async () => {
    const firm = await psaFirm();
    expect((await gw.agent().get(`/portal/${firm.slug}/api/projects`)).status).toBe(401);
    const page = await gw.agent().get(`/portal/${firm.slug}/projects/9001`);
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe(`/portal/${firm.slug}/login`);
  });
});

describe("a contact in several companies", () => {
  test("gets a switcher; the choice is remembered and checked against the PSA every time", async () => {
    const firm = await psaFirm();
    const { agent } = await clientOf(firm, "dana@both.com");
    const first = await agent.get(`/portal/${firm.slug}/`);
    expect(first.text).toContain("Acme Corp: projects");
    expect(first.text).toContain('<button type="submit" name="company" value="251" aria-pressed="false">Beacon Builders</button>');
    const switched = await agent.post(`/portal/${firm.slug}/company`).type("form").send({ _csrf: csrfFrom(first.text), company: "251" });
    expect(switched.status).toBe(303);
    expect((await agent.get(`/portal/${firm.slug}/`)).text).toContain("Beacon Builders: projects");
    expect((await agent.get(`/portal/${firm.slug}/api/projects`)).body.company.id).toBe("251");

    const refused = await agent.post(`/portal/${firm.slug}/company`).type("form").send({ _csrf: csrfFrom(first.text), company: "253" });
    expect(refused.status).toBe(400);
    expect((await agent.get(`/portal/${firm.slug}/api/projects`)).body.company.id).toBe("251");

    // Unlinked from Beacon in the PSA: the remembered choice no longer holds.
    const beaconLink = psa.contacts.find((c) => c.id === 8) as { companyId: number | null };
    beaconLink.companyId = null;
    try {
      expect((await agent.get(`/portal/${firm.slug}/api/projects`)).body.company.id).toBe("250");
    } finally {
      beaconLink.companyId = 251;
    }
  });
});

describe("the admins see who gets no projects, and can check again once the PSA is fixed", () => {
  test("a mismatch is listed with its suggested fix, only on its own firm's console; 'check again' confirms the fix and closes it", async () => {
    const firm = await psaFirm();
    const other = await psaFirm();
    await syncNow(gw, firm);
    const { account, agent } = await clientOf(firm, "pat.lee@acme.com");
    expect((await agent.get(`/portal/${firm.slug}/api/projects`)).body.notice.code).toBe("email_not_in_psa");

    const admin = await signedInStaff(gw, firm);
    const console1 = await admin.get(`/portal/${firm.slug}/admin`);
    expect(console1.text).toContain("<strong>pat.lee@acme.com</strong> matches no contact in the PSA.");
    expect(console1.text).toContain("The PSA has pat@acme.com, which looks like the same person: add pat.lee@acme.com to that contact");

    // Firm B's admin neither sees firm A's client nor can act on the id.
    const otherAdmin = await signedInStaff(gw, other);
    const otherConsole = await otherAdmin.get(`/portal/${other.slug}/admin`);
    expect(otherConsole.text).not.toContain("pat.lee@acme.com");
    const crossed = await otherAdmin.post(`/portal/${other.slug}/admin/accounts/${account.id}/recheck`).type("form").send({ _csrf: csrfFrom(otherConsole.text) });
    expect(crossed.status).toBe(404);
    expect(crossed.text).toContain("No such client on this portal.");
    // ... and firm A's admin cannot reach firm B's console with firm A's session.
    expect((await admin.get(`/portal/${other.slug}/admin`)).status).not.toBe(200);

    // Not fixed yet: checking again says so, and the flag stays.
    const notYet = await admin.post(`/portal/${firm.slug}/admin/accounts/${account.id}/recheck`).type("form").send({ _csrf: csrfFrom(console1.text) });
    expect(notYet.text).toContain("Checked just now: pat.lee@acme.com matches no contact in the PSA.");
    expect((await gw.db.emailMismatch.findFirstOrThrow({ where: { portalAccountId: account.id } })).status).toBe("open");

    // The firm adds the address in the PSA; "check again" sees it and closes the flag.
    const pat = psa.contacts.find((c) => c.id === 10) as { emails: string[] };
    pat.emails.push("pat.lee@acme.com");
    const fixed = await admin.post(`/portal/${firm.slug}/admin/accounts/${account.id}/recheck`).type("form").send({ _csrf: csrfFrom(notYet.text) });
    expect(fixed.status).toBe(200);
    expect(fixed.text).toContain("Checked just now: pat.lee@acme.com is with Acme Corp in the PSA");
    expect(fixed.text).not.toContain("<strong>pat.lee@acme.com</strong>");
    expect(await gw.db.emailMismatch.findFirstOrThrow({ where: { portalAccountId: account.id } })).toMatchObject({ status: "resolved", resolvedAt: expect.any(Date) });
    expect((await agent.get(`/portal/${firm.slug}/api/projects`)).body.company).toEqual({ id: "250", name: "Acme Corp" });
  });

  test("a flag closes by itself when the client's page works again, and opens again at once if the problem comes back", async () => {
    const firm = await psaFirm();
    const { account, agent } = await clientOf(firm, "robin@acme.com");
    const robin = psa.contacts.find((c) => c.id === 11) as { companyId: number | null };
    const openFlags = () => gw.db.accessFlag.count({ where: { portalAccountId: account.id, kind: "no_company", status: "open" } });
    robin.companyId = null;
    expect((await agent.get(`/portal/${firm.slug}/api/projects`)).body.notice.code).toBe("contact_without_company");
    expect(await openFlags()).toBe(1);

    robin.companyId = 250;
    expect((await agent.get(`/portal/${firm.slug}/api/projects`)).body.company.id).toBe("250");
    expect(await openFlags()).toBe(0);

    robin.companyId = null;
    expect((await agent.get(`/portal/${firm.slug}/api/projects`)).body.notice.code).toBe("contact_without_company");
    expect(await openFlags()).toBe(1);
    robin.companyId = 250;
  });

  test("'check again' is a form like any other: without its CSRF token it is refused", async () => {
    const firm = await psaFirm();
    const { account } = await clientOf(firm, "carl@beacon.com");
    const admin = await signedInStaff(gw, firm);
    expect((await admin.post(`/portal/${firm.slug}/admin/accounts/${account.id}/recheck`).type("form").send({})).status).toBe(403);
  });
});
