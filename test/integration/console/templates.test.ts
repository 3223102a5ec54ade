import type { Firm, PortalAccount } from "../../../src/generated/prisma/client";
import { startTestGateway } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { connectDemoPsa, createFirm, createPortalAccount, TEST_PASSWORD } from "../../helpers/seed";
import { csrfFrom, signIn } from "../../helpers/forms";
import { signedInStaff } from "../../helpers/staff";
import { syncNow } from "../../helpers/sync";

type Agent = ReturnType<TestGateway["agent"]>;
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway();
});
afterAll(() => gw.close());

/** A firm on the demo CSV PSA (Acme Corp has omar@acme.com and budgeted projects), with omar signed in. */
async function acmeFirm(): Promise<{ firm: Firm; omar: PortalAccount; client: Agent; admin: Agent }> {
  const created = await createFirm(gw.db);
  const firm = await connectDemoPsa(gw.db, created, { defaultTemplate: "owner" });
  expect(await syncNow(gw, firm)).toMatchObject({ kind: "finished", status: "succeeded" });
  const omar = await createPortalAccount(gw.db, firm, { email: "omar@acme.com" });
  const client = gw.agent();
  expect((await signIn(client, `/portal/${firm.slug}`, omar.email, TEST_PASSWORD)).status).toBe(303);
  return { firm, omar, client, admin: await signedInStaff(gw, firm, "admin") };
}

async function post(staff: Agent, firm: Firm, path: string, fields: Record<string, string | string[]>) {
  const page = await staff.get(`/portal/${firm.slug}/admin`);
  return staff.post(`/portal/${firm.slug}/admin/${path}`).type("form").send({ _csrf: csrfFrom(page.text), ...fields });
}

async function whatOmarSees(client: Agent, firm: Firm) {
  const api = await client.get(`/portal/${firm.slug}/api/projects`);
  expect(api.status).toBe(200);
  const page = await client.get(`/portal/${firm.slug}/`);
  return { template: api.body.template as string, budgetInJson: JSON.stringify(api.body.projects).includes('"budget"'), budgetInHtml: page.text.includes("Budget") };
}

describe("firm admins configure portal templates on the console", () => {
  test("a company's template applies to its clients; a client's own template beats it; both show on the client access page", async () => {
    const { firm, omar, client, admin } = await acmeFirm();
    expect(await whatOmarSees(client, firm)).toEqual({ template: "owner", budgetInJson: true, budgetInHtml: true });

    const page = await admin.get(`/portal/${firm.slug}/admin/templates`);
    expect(page.text).toContain("Acme Corp");
    const saved = await post(admin, firm, "templates/company", { company: "ACME", template: "contractor" });
    expect(saved.text).toContain("Acme Corp now gets Contractor.");
    expect(await whatOmarSees(client, firm)).toEqual({ template: "contractor", budgetInJson: false, budgetInHtml: false });
    expect((await admin.get(`/portal/${firm.slug}/admin/clients?email=omar@acme.com`)).text).toContain("Template: Contractor, from the template of Acme Corp.");

    const own = await post(admin, firm, `clients/${omar.id}/template`, { template: "owner" });
    expect(own.text).toContain("omar@acme.com now sees the Owner template.");
    expect(own.text).toContain("Template: Owner, from this client&#39;s own choice.");
    expect(await whatOmarSees(client, firm)).toEqual({ template: "owner", budgetInJson: true, budgetInHtml: true });

    await post(admin, firm, `clients/${omar.id}/template`, { template: "inherit" });
    await post(admin, firm, "templates/company", { company: "ACME", template: "inherit" });
    expect((await whatOmarSees(client, firm)).template).toBe("owner");
    expect((await admin.get(`/portal/${firm.slug}/admin/clients?email=omar@acme.com`)).text).toContain("Template: Owner, from the portal default.");
  });

  test("a template's own field set hides a field from the page and the API; 'back to the product default' restores it", async () => {
    const { firm, client, admin } = await acmeFirm();
    const saved = await post(admin, firm, "templates/owner", { fieldset: "owner", fields: ["status", "phase", "percentComplete"], sections: ["summary"] });
    expect(saved.text).toContain("Owner saved: 3 fields, 1 sections.");
    expect(await whatOmarSees(client, firm)).toMatchObject({ budgetInJson: false, budgetInHtml: false });
    expect((await post(admin, firm, "templates/owner", { reset: "yes" })).text).toContain("Owner shows the product default again.");
    expect(await whatOmarSees(client, firm)).toMatchObject({ budgetInJson: true, budgetInHtml: true });

    const defaulted = await post(admin, firm, "templates/default", { template: "engineer" });
    expect(defaulted.text).toContain("The portal default is now Engineer.");
    expect(await whatOmarSees(client, firm)).toEqual({ template: "engineer", budgetInJson: false, budgetInHtml: false });
  });

  test("support staff read but cannot change; bad values change nothing; another firm's settings never reach this firm", async () => {
    const { firm, client, omar } = await acmeFirm();
    const support = await signedInStaff(gw, firm, "support");
    const readOnly = await support.get(`/portal/${firm.slug}/admin/templates`);
    expect(readOnly.text).toContain("Only an owner or admin can change templates.");
    expect(readOnly.text).toContain("Sign out");
    expect((await post(support, firm, "templates/default", { template: "contractor" })).status).toBe(403);
    expect((await post(support, firm, `clients/${omar.id}/template`, { template: "contractor" })).status).toBe(403);

    const admin = await signedInStaff(gw, firm, "owner");
    expect((await post(admin, firm, "templates/default", { template: "boss" })).status).toBe(400);
    expect((await post(admin, firm, "templates/owner", { fieldset: "owner", fields: ["budget", "secretSauce"] })).status).toBe(400);
    expect((await post(admin, firm, "templates/owner", {})).status).toBe(400); // not the form: nothing is emptied
    expect((await post(admin, firm, "templates/nonsense", { fields: ["budget"] })).status).toBe(404);
    expect((await post(admin, firm, `clients/${omar.id}/template`, { template: "king" })).status).toBe(400);
    expect(await whatOmarSees(client, firm)).toEqual({ template: "owner", budgetInJson: true, budgetInHtml: true });

    const other = await acmeFirm();
    await post(other.admin, other.firm, "templates/company", { company: "ACME", template: "contractor" });
    await post(other.admin, other.firm, "templates/default", { template: "contractor" });
    expect((await post(other.admin, other.firm, `clients/${omar.id}/template`, { template: "contractor" })).status).toBe(404);
    expect(await whatOmarSees(client, firm)).toEqual({ template: "owner", budgetInJson: true, budgetInHtml: true });
    expect((await whatOmarSees(other.client, other.firm)).template).toBe("contractor");
  });
});
