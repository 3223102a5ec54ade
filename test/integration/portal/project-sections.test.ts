import type { Firm } from "../../../src/generated/prisma/client";
import { startGatewayWithFakePsa } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { connectPsa, createFirm, createPortalAccount, setCompanyTemplate, TEST_PASSWORD } from "../../helpers/seed";
import { signIn } from "../../helpers/forms";
import { connectwiseSettings } from "../../helpers/fake-connectwise";
import type { FakePsa } from "../../helpers/fake-connectwise";
import { syncNow } from "../../helpers/sync";

// Issue 16: the template's sections on the list and on a project's own page, enforced where the response is built.
const SECRETS_KEY = Buffer.alloc(32, 16).toString("base64");
const SUPPORT = { supportEmail: "help@northwind.example", supportPhone: "+1 555 010 0100", timeZone: "America/Chicago" };
let gw: TestGateway, psa: FakePsa;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ gw, psa, close } = await startGatewayWithFakePsa({ CONNECTOR_SECRETS_KEY: SECRETS_KEY }));
  psa.companies.push({ id: 250, name: "Acme Corp", website: "acme.com" }, { id: 251, name: "Beacon Builders", website: "www.beacon.example" }, { id: 252, name: "Quiet Co" });
  psa.projects.push(
    {
      id: 9001,
      companyId: 250,
      name: "Acme HQ Renovation",
      budget: 250000,
      end: "2099-06-18T00:00:00Z",
      phases: [
        { id: 1, name: "Schematic Design", start: "2026-01-12T00:00:00Z", end: "2026-03-27T00:00:00Z", state: "done" },
        { id: 2, name: "Construction Documents", start: "2026-08-03T00:00:00Z", end: "2099-01-29T00:00:00Z", state: "in_progress" },
        { id: 3, name: "Permit issued", start: "2099-02-26T00:00:00Z", end: "2099-02-26T00:00:00Z", state: "not_started", milestone: true },
      ],
    },
    { id: 9002, companyId: 250, name: "Acme Late Warehouse", budget: 1850000, end: "2020-11-20T00:00:00Z" },
    { id: 9003, companyId: 250, name: "Acme Parking Study", budget: 62000, status: "On Hold", end: "2099-03-31T00:00:00Z" },
    { id: 9004, companyId: 250, name: "Acme Old Study", budget: 48000, closed: true, end: "2020-07-12T00:00:00Z" },
    { id: 9101, companyId: 251, name: "Beacon Yard", budget: 940000, end: "2099-03-31T00:00:00Z" },
  );
  psa.contacts.push(
    { id: 1, first: "Omar", last: "Haddad", emails: ["omar@acme.com"], companyId: 250 },
    { id: 2, first: "Carl", last: "Jensen", emails: ["carl@beacon.example"], companyId: 250 },
    { id: 3, first: "Carl", last: "Jensen", emails: ["carl@beacon.example"], companyId: 251 },
    { id: 4, first: "Ex", last: "Staff", emails: ["ex@acme.com"], companyId: 250, inactive: true },
    { id: 5, first: "Quinn", last: "Q", emails: ["quinn@quiet.example"], companyId: 252 },
  );
});
afterAll(() => close());

async function psaFirm(data: { defaultTemplate?: "owner" | "contractor"; settings?: object } = {}): Promise<Firm> {
  const firm = await createFirm(gw.db, { settings: SUPPORT, ...data });
  return connectPsa(gw.db, firm, "connectwise", connectwiseSettings, SECRETS_KEY);
}
async function clientOf(firm: Firm, email: string) {
  await createPortalAccount(gw.db, firm, { email });
  const agent = gw.agent();
  expect((await signIn(agent, `/portal/${firm.slug}`, email, TEST_PASSWORD)).status).toBe(303);
  return agent;
}

describe("a project's page shows the template's sections", () => {
  test("Owner: summary, schedule with the next milestone, financials and team with the manager's and the firm's contact", async () => {
    const firm = await psaFirm();
    const agent = await clientOf(firm, "omar@acme.com");
    const page = await agent.get(`/portal/${firm.slug}/projects/9001`);
    expect(page.status).toBe(200);
    for (const heading of ["Summary", "Schedule", "Financials", "Team"]) expect(page.text).toContain(`>${heading}</h2>`);
    expect(page.text).toContain("40% complete");
    expect(page.text).toMatch(/<tr role="row" class="next">\s*<td role="cell">Permit issued <span class="tag">Milestone<\/span> <strong class="tag next">Next milestone<\/strong>/);
    expect(page.text).toContain("$250,000");
    expect(page.text).toContain("150 of 400 h");
    expect(page.text).toContain('Rachel Lee (<a href="mailto:rachel.lee@northwind.example">rachel.lee@northwind.example</a>, <a href="tel:+15550100142">+1 555 010 0142</a>)');
    expect(page.text).toContain('<a href="mailto:help@northwind.example">help@northwind.example</a>');

    const json = (await agent.get(`/portal/${firm.slug}/projects/9001`).set("Accept", "application/json")).body;
    expect(json.sections).toEqual(["summary", "schedule", "financials", "team"]);
    expect(json.project).toMatchObject({ state: "open", overdue: false, budget: 250000, hours: { used: 150, budget: 400 }, managerEmail: "rachel.lee@northwind.example" });
    expect(json.project.phases.map((p: { name: string; next: boolean }) => [p.name, p.next])).toEqual([
      ["Schematic Design", false],
      ["Construction Documents", false],
      ["Permit issued", true],
    ]);
    expect(json.contact).toEqual({ name: firm.name, email: "help@northwind.example", phone: "+1 555 010 0100" });
  });

  test("Contractor: the schedule, but neither financials nor a manager, in the HTML and in the JSON", async () => {
    const firm = await psaFirm({ defaultTemplate: "contractor" });
    const agent = await clientOf(firm, "omar@acme.com");
    const page = await agent.get(`/portal/${firm.slug}/projects/9001`);
    expect(page.text).toContain(">Schedule</h2>");
    expect(page.text).toContain("Permit issued");
    for (const hidden of ["Financials", "$250,000", "250000", "Rachel", "rachel.lee", "Invoiced", "Hours used", "Budget"]) expect(page.text).not.toContain(hidden);
    const json = await agent.get(`/portal/${firm.slug}/projects/9001`).set("Accept", "application/json");
    const list = await agent.get(`/portal/${firm.slug}/api/projects`);
    for (const body of [JSON.stringify(json.body), JSON.stringify(list.body)]) {
      for (const hidden of ["budget", "invoiced", "hours", "manager", "250000", "Rachel"]) expect(body).not.toContain(hidden);
    }
    expect(json.body.sections).toEqual(["summary", "schedule"]);
  });

  test("a section with nothing from the PSA says so in one line; the list reads no project details", async () => {
    const firm = await psaFirm();
    const agent = await clientOf(firm, "omar@acme.com");
    const before = psa.calls.details;
    const list = await agent.get(`/portal/${firm.slug}/`);
    expect(list.text).toContain("Acme HQ Renovation");
    expect(psa.calls.details).toBe(before); // phases and the manager's contact are read on a project's own page only
    const page = await agent.get(`/portal/${firm.slug}/projects/9003`);
    expect(page.text).toContain(`${firm.name}&#39;s records have no phases or milestones for this project.`);
    expect(psa.calls.details).toBeGreaterThan(before);
  });
});

describe("the list of projects", () => {
  test("flags an open project past its end date as overdue, in the HTML and the JSON, and no other", async () => {
    const firm = await psaFirm();
    const agent = await clientOf(firm, "omar@acme.com");
    const list = await agent.get(`/portal/${firm.slug}/`);
    expect(list.text).toContain('<span class="tag overdue">Overdue: due November 20, 2020</span>');
    expect(list.text.match(/class="tag overdue"/g)).toHaveLength(1);
    const api = (await agent.get(`/portal/${firm.slug}/api/projects`)).body;
    const overdue = api.projects.filter((p: { overdue: boolean }) => p.overdue).map((p: { name: string }) => p.name);
    expect(overdue).toEqual(["Acme Late Warehouse"]);
  });

  test("filters open and on hold, sorts by end date by default or by name, and hides closed projects unless the firm shows them", async () => {
    const firm = await psaFirm();
    const agent = await clientOf(firm, "omar@acme.com");
    const names = async (query: string) => ((await agent.get(`/portal/${firm.slug}/api/projects${query}`)).body.projects as Array<{ name: string }>).map((p) => p.name);
    expect(await names("")).toEqual(["Acme Late Warehouse", "Acme Parking Study", "Acme HQ Renovation"]);
    expect(await names("?sort=name")).toEqual(["Acme HQ Renovation", "Acme Late Warehouse", "Acme Parking Study"]);
    expect(await names("?show=on_hold")).toEqual(["Acme Parking Study"]);
    expect(await names("?show=closed")).toEqual(["Acme Late Warehouse", "Acme Parking Study", "Acme HQ Renovation"]); // not offered: the default view
    expect((await agent.get(`/portal/${firm.slug}/projects/9004`)).status).toBe(404);
    expect((await agent.get(`/portal/${firm.slug}/`)).text).not.toContain("Closed (");

    const showing = await psaFirm({ settings: { ...SUPPORT, showClosedProjects: true } });
    const other = await clientOf(showing, "omar@acme.com");
    const closed = await other.get(`/portal/${showing.slug}/api/projects?show=closed`);
    expect(closed.body.projects.map((p: { name: string; state: string }) => [p.name, p.state])).toEqual([["Acme Old Study", "closed"]]);
    expect(closed.body.counts).toEqual({ open: 2, on_hold: 1, closed: 1 });
    expect((await other.get(`/portal/${showing.slug}/projects/9004`)).status).toBe(200);
    expect((await other.get(`/portal/${showing.slug}/`)).text).toContain("Closed (1)");
  });

  test("a contact in several companies lands on the company of their own email's domain, switched with one press", async () => {
    const firm = await psaFirm();
    const agent = await clientOf(firm, "carl@beacon.example");
    const page = await agent.get(`/portal/${firm.slug}/`);
    expect(page.text).toContain("Beacon Builders: projects");
    expect(page.text).toContain('<button type="submit" name="company" value="251" aria-pressed="true">Beacon Builders</button>');
    expect((await agent.get(`/portal/${firm.slug}/api/projects`)).body.companies.map((c: { name: string }) => c.name)).toEqual(["Beacon Builders", "Acme Corp"]);
  });
});

describe("when the PSA is down", () => {
  test("the snapshot still shows a project's schedule and team, with the time in the firm's zone, named", async () => {
    const firm = await psaFirm();
    await syncNow(gw, firm);
    const agent = await clientOf(firm, "omar@acme.com");
    psa.mode = "down";
    try {
      const page = await agent.get(`/portal/${firm.slug}/projects/9001`);
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/Showing information as of [A-Z][a-z]+ \d+, \d{4} at \d+:\d\d [AP]M C[SD]T/);
      expect(page.text).toContain("Permit issued");
      expect(page.text).toContain("rachel.lee@northwind.example");
    } finally {
      psa.mode = "up";
    }
  });
});

describe("company template overrides reach the sections too", () => {
  test("a company on Contractor loses its financials section while the firm's default is Owner", async () => {
    const firm = await psaFirm();
    await setCompanyTemplate(gw.db, firm, "250", "contractor");
    const agent = await clientOf(firm, "omar@acme.com");
    const json = (await agent.get(`/portal/${firm.slug}/projects/9001`).set("Accept", "application/json")).body;
    expect(json.sections).toEqual(["summary", "schedule"]);
    expect(json.project).not.toHaveProperty("budget");
  });
});

describe("no dead ends", () => {
  const mailto = '<a href="mailto:help@northwind.example">help@northwind.example</a>';

  test("'not linked yet', 'access turned off' and 'no projects' give the firm's contact and what happens next", async () => {
    const firm = await psaFirm();
    const notLinked = await (await clientOf(firm, "jane.doe@acme.com")).get(`/portal/${firm.slug}/`);
    expect(notLinked.text).toContain("Not linked yet");
    expect(notLinked.text).toContain("What happens next:");
    expect(notLinked.text).toContain(mailto);
    const api = (await (await clientOf(firm, "jane.doe2@acme.com")).get(`/portal/${firm.slug}/api/projects`)).body;
    expect(api.notice.next).toContain("What happens next:");
    expect(api.contact.email).toBe("help@northwind.example");

    const off = await (await clientOf(firm, "ex@acme.com")).get(`/portal/${firm.slug}/`);
    expect(off.status).toBe(403);
    expect(off.text).toContain(`only ${firm.name} can turn it back on`);
    expect(off.text).toContain(mailto);

    const none = await (await clientOf(firm, "quinn@quiet.example")).get(`/portal/${firm.slug}/`);
    expect(none.text).toContain("Quiet Co has no active projects right now.");
    expect(none.text).toContain(mailto);
  });

  test("a firm without a support contact is still named as the one to ask", async () => {
    const firm = await psaFirm({ settings: {} });
    const page = await (await clientOf(firm, "jane.doe@acme.com")).get(`/portal/${firm.slug}/`);
    expect(page.text).toContain(`Questions? Contact ${firm.name}, the firm that invited you to this portal.`);
  });
});
