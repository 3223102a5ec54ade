import type { Firm } from "../../../src/generated/prisma/client";
import { startGatewayWithFakePsa } from "../../helpers/test-gateway";
import type { TestGateway } from "../../helpers/test-gateway";
import { connectPsa, createFirm, createPortalAccount, TEST_PASSWORD, updateClient } from "../../helpers/seed";
import { signIn } from "../../helpers/forms";
import { signedInStaff } from "../../helpers/staff";
import { addAcmeAndBeacon, connectwiseSettings } from "../../helpers/fake-connectwise";
import type { FakePsa } from "../../helpers/fake-connectwise";

// Issue 16: staff see a client's portal as the client does, from the client's page: read-only, marked, staff only,
// this firm's clients only, and without leaving a trace on the client (no session, no access flags).
const SECRETS_KEY = Buffer.alloc(32, 17).toString("base64");
let gw: TestGateway, psa: FakePsa;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ gw, psa, close } = await startGatewayWithFakePsa({ CONNECTOR_SECRETS_KEY: SECRETS_KEY }));
  addAcmeAndBeacon(psa);
  psa.contacts.push(
    { id: 1, first: "Omar", last: "Haddad", emails: ["omar@acme.com"], companyId: 250 },
    { id: 2, first: "Dana", last: "Ruiz", emails: ["dana@both.com"], companyId: 250 },
    { id: 3, first: "Dana", last: "Ruiz", emails: ["dana@both.com"], companyId: 251 },
  );
});
afterAll(() => close());

async function psaFirm(): Promise<Firm> {
  return connectPsa(gw.db, await createFirm(gw.db), "connectwise", connectwiseSettings, SECRETS_KEY);
}

describe("preview as this client", () => {
  test("the client's page links to it; it shows their projects, marked read-only, with no client action on it", async () => {
    const firm = await psaFirm();
    const account = await createPortalAccount(gw.db, firm, { email: "dana@both.com" });
    const support = await signedInStaff(gw, firm, "support");
    const clientPage = await support.get(`/portal/${firm.slug}/admin/clients?email=dana@both.com`);
    const previewPath = `/portal/${firm.slug}/admin/clients/${account.id}/preview`;
    expect(clientPage.text).toContain(`<a href="${previewPath}">Preview as this client</a>`);

    const preview = await support.get(previewPath);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain("<strong>Preview, read-only:</strong> this is what dana@both.com sees.");
    expect(preview.text).toContain("Acme HQ Renovation");
    expect(preview.text).not.toContain(`action="/portal/${firm.slug}/company"`); // no company switch that would act for them
    expect(preview.text).toContain(`href="${previewPath}/projects/9001"`);

    // Another company is a plain link, and it is not remembered for the client.
    const beacon = await support.get(`${previewPath}?company=251`);
    expect(beacon.text).toContain("Beacon Builders: projects");
    expect(beacon.text).toContain(`href="${previewPath}/projects/9101?company=251"`);
    expect((await support.get(`${previewPath}/projects/9101?company=251`)).status).toBe(200);
    const client = gw.agent();
    await signIn(client, `/portal/${firm.slug}`, "dana@both.com", TEST_PASSWORD);
    expect((await client.get(`/portal/${firm.slug}/api/projects`)).body.company.name).toBe("Acme Corp");

    const project = await support.get(`${previewPath}/projects/9001`);
    expect(project.status).toBe(200);
    expect(project.text).toContain("<strong>Preview, read-only:</strong>");
  });

  test("staff only, and this firm's clients only, from either side", async () => {
    const firm = await psaFirm();
    const other = await psaFirm();
    const account = await createPortalAccount(gw.db, firm, { email: "omar@acme.com" });
    const previewPath = `/portal/${firm.slug}/admin/clients/${account.id}/preview`;

    const client = gw.agent();
    await signIn(client, `/portal/${firm.slug}`, "omar@acme.com", TEST_PASSWORD);
    const asClient = await client.get(previewPath);
    expect(asClient.status).toBe(303);
    expect(asClient.headers.location).toBe(`/portal/${firm.slug}/admin/login`);

    const otherStaff = await signedInStaff(gw, other);
    expect((await otherStaff.get(`/portal/${other.slug}/admin/clients/${account.id}/preview`)).status).toBe(404);
    expect((await otherStaff.get(previewPath)).status).toBe(303); // firm B's session is anonymous on firm A's portal
  });

  test("every preview page is recorded in the staff-action log (who, which client, which page, when) and owners read it on the Audit log page", async () => {
    const firm = await psaFirm();
    const account = await createPortalAccount(gw.db, firm, { email: "dana@both.com" });
    const support = await signedInStaff(gw, firm, "support");
    const previewPath = `/portal/${firm.slug}/admin/clients/${account.id}/preview`;
    const started = new Date();
    expect((await support.get(previewPath)).status).toBe(200);
    expect((await support.get(`${previewPath}/projects/9101?company=251`)).status).toBe(200);

    const log = await gw.db.staffAction.findMany({ where: { firmId: firm.id }, orderBy: { at: "asc" } });
    expect(log.map((row) => [row.action, row.subject, row.actorKind, row.after])).toEqual([
      ["client_previewed", "dana@both.com", "staff", { page: "projects" }],
      ["client_previewed", "dana@both.com", "staff", { page: "project", projectId: "9101", company: "251" }],
    ]);
    expect(log.every((row) => row.actorLabel.startsWith("staff:support-") && row.at >= started)).toBe(true);

    const owner = await signedInStaff(gw, firm, "owner");
    const audit = await owner.get(`/portal/${firm.slug}/admin/audit`);
    expect(audit.status).toBe(200);
    expect(audit.text).toMatch(/<td>staff:support-[0-9a-f]+@firm\.example<\/td><td>Previewed a client&#39;s portal \(read-only\)<\/td><td>dana@both\.com<\/td>/);
    for (const detail of ["&quot;page&quot;:&quot;project&quot;", "&quot;projectId&quot;:&quot;9101&quot;", "&quot;company&quot;:&quot;251&quot;"]) expect(audit.text).toContain(detail);

    // Another firm's staff asking for this client get a 404 and leave no record on either side; nor do they read it.
    const other = await psaFirm();
    const outsider = await signedInStaff(gw, other, "owner");
    expect((await outsider.get(`/portal/${other.slug}/admin/clients/${account.id}/preview`)).status).toBe(404);
    expect(await gw.db.staffAction.count({ where: { action: "client_previewed", firmId: { in: [firm.id, other.id] } } })).toBe(2);
    expect((await outsider.get(`/portal/${other.slug}/admin/audit`)).text).not.toContain("dana@both.com");
  });

  test("a preview raises and closes no access flag, and says when the client cannot sign in", async () => {
    const firm = await psaFirm();
    const unknown = await createPortalAccount(gw.db, firm, { email: "jane.doe@acme.com" });
    const admin = await signedInStaff(gw, firm);
    const page = await admin.get(`/portal/${firm.slug}/admin/clients/${unknown.id}/preview`);
    expect(page.text).toContain("is not linked to a company in");
    expect(await gw.db.emailMismatch.count({ where: { portalAccountId: unknown.id } })).toBe(0);

    const off = await createPortalAccount(gw.db, firm, { email: "omar@acme.com" });
    await updateClient(gw, off, { status: "disabled" });
    const disabled = await admin.get(`/portal/${firm.slug}/admin/clients/${off.id}/preview`);
    expect(disabled.text).toContain("This client cannot sign in now (their access is turned off)");
    expect(disabled.text).toContain("Acme HQ Renovation");
  });
});
